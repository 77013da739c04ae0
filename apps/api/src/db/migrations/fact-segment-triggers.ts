// The triggers that keep fact_segment (modules/data-version/fact-segments.ts) in step with the
// facts, for both dialects' migration Migration20261201100000. A changed row raises the version
// of every segment it belongs to, before and after an update (a product moved to another entity
// changes both segments):
//   economic_entity, product: the row's own segment;
//   evaluation, decision_item: the segment of the product they name;
//   activity_entity, activity_product: the segment of the entity or product it names, and those
//     of every link its activity has (a segment's facts carry an activity with all its links);
//   decision (update, delete): the segments of its items' products (a new decision has none);
//   activity (update, delete): the segments of the entities and products it names (a new one
//     names none yet: its links' own triggers count them);
//   admin_unit (update, delete): unit codes are in every segment's facts, so data_version's
//     segments_epoch rises instead (every segment stale).
//
// PostgreSQL: statement-level triggers over transition tables, one upsert per statement over the
// distinct segments (an upsert may not meet the same row twice) in ascending order (two writers
// lock shared segment rows in the same order, so they cannot deadlock on them). A statement with
// `ocop.bulk_write` set to 'on' (the importer's transaction, `set local`) skips them: the importer
// raises segments_epoch itself, and segment rows locked for its whole transaction would make API
// writes to those segments wait for it.
// SQLite: row-level triggers. A row an unfinished import reserved (its id in a fenced range,
// db/import-fence.ts) is skipped: no reader sees it yet, and the publication raises the segments of
// every fenced row at once (raiseSegmentsOfFencedRows); every other writer is counted meanwhile.
// (As first created, Migration20261201100000, they skipped every write while any fence stood, and
// the fence's publication or removal raised segments_epoch: every import made every segment stale.)
import {
  FENCED_TABLES,
  IMPORT_FENCE,
  sqliteVisibleSql,
  type FencedTable,
} from '../import-fence.js';
import {
  entitySegmentSql,
  FACT_SEGMENT,
  productSegmentSql,
} from '../../modules/data-version/fact-segments.js';

type Event = 'insert' | 'update' | 'delete';

/** Segments of the row `r`: `select <segment> from <from> where <where>` (from, where optional). */
interface SegmentQuery {
  select: string;
  from?: string;
  where?: string;
}

interface TableSpec {
  events: Event[];
  segments: (r: string) => SegmentQuery[];
}

const ofProductRow = (productId: string): SegmentQuery => ({
  select: productSegmentSql('p.entity_id', 'p.id'),
  from: 'product p',
  where: `p.id = ${productId}`,
});

/** The segments of every entity and product the activity `activityId` names (its links now). */
const activityLinks = (activityId: string): SegmentQuery[] => [
  {
    select: entitySegmentSql('ae.economic_entity_id'),
    from: 'activity_entity ae',
    where: `ae.activity_id = ${activityId}`,
  },
  {
    select: productSegmentSql('p.entity_id', 'p.id'),
    from: 'activity_product ap, product p',
    where: `ap.activity_id = ${activityId} and p.id = ap.product_id`,
  },
];

/** Tables whose rows belong to segments. */
const TABLES: Record<string, TableSpec> = {
  economic_entity: {
    events: ['insert', 'update', 'delete'],
    segments: (r) => [{ select: entitySegmentSql(`${r}.id`) }],
  },
  product: {
    events: ['insert', 'update', 'delete'],
    segments: (r) => [{ select: productSegmentSql(`${r}.entity_id`, `${r}.id`) }],
  },
  evaluation: {
    events: ['insert', 'update', 'delete'],
    segments: (r) => [ofProductRow(`${r}.product_id`)],
  },
  decision_item: {
    events: ['insert', 'update', 'delete'],
    segments: (r) => [ofProductRow(`${r}.product_id`)],
  },
  decision: {
    events: ['update', 'delete'],
    segments: (r) => [
      {
        select: productSegmentSql('p.entity_id', 'p.id'),
        from: 'decision_item di, product p',
        where: `di.decision_id = ${r}.id and p.id = di.product_id`,
      },
    ],
  },
  activity: {
    events: ['update', 'delete'],
    segments: (r) => activityLinks(`${r}.id`),
  },
  // A link changes its activity: whether it names any product decides whom it reaches (plan 152
  // T8, metrics.ts), and each segment's facts carry the activity with all its links.
  activity_entity: {
    events: ['insert', 'update', 'delete'],
    segments: (r) => [
      { select: entitySegmentSql(`${r}.economic_entity_id`) },
      ...activityLinks(`${r}.activity_id`),
    ],
  },
  activity_product: {
    events: ['insert', 'update', 'delete'],
    segments: (r) => [ofProductRow(`${r}.product_id`), ...activityLinks(`${r}.activity_id`)],
  },
};

/** Tables whose changes make every segment stale. */
const EPOCH_TABLES = ['admin_unit'];
const EPOCH_EVENTS: Event[] = ['update', 'delete'];

export const RAISE_EPOCH =
  'update data_version set segments_epoch = segments_epoch + 1 where id = 1';

/**
 * Moves the segments epoch to a random point in [0, 2^40) (Migration20261202080000 of both
 * dialects). Every database started at 0, so one rebuilt under a running process, or each test
 * database of a process (they share its plan-progress worker), soon reached an epoch and segment
 * versions another database's kept partials were stored under, and the worker reused them: figures
 * of one database counted with another's. The data version's own epoch is random for the same
 * reason (data-version.entity.ts). Raises stay +1; 2^40 + every raise stays an exact JavaScript
 * number.
 */
export const RANDOM_EPOCH_SQL = {
  postgresql: `update data_version set segments_epoch = floor(random() * ${2 ** 40})::bigint where id = 1`,
  sqlite: `update data_version set segments_epoch = abs(random() % ${2 ** 40}) where id = 1`,
};

/** The row images an event has: PostgreSQL's transition tables, SQLite's `new` / `old`. */
const IMAGES: Record<Event, ('new' | 'old')[]> = {
  insert: ['new'],
  update: ['old', 'new'],
  delete: ['old'],
};

const triggerName = (table: string, event: Event) => `${table}_fact_segment_${event}`;

// ---- SQLite ---------------------------------------------------------------------------------

/** One row's segments: `r` is `new` or `old`, a row, not a relation. */
function sqliteSegments(spec: TableSpec, r: 'new' | 'old'): string[] {
  return spec
    .segments(r)
    .map(
      (q) =>
        `select ${q.select} as segment` +
        (q.from ? ` from ${q.from}` : '') +
        (q.where ? ` where ${q.where}` : ''),
    );
}

/**
 * Which writes the SQLite triggers skip: 'any-fence', every write while any import is fenced (as
 * first created); 'fenced-rows', only the rows an unfinished import reserved (the current form).
 */
export type SqliteTriggerSkip = 'any-fence' | 'fenced-rows';

const isFenced = (table: string): table is FencedTable =>
  (FENCED_TABLES as readonly string[]).includes(table);

/** The trigger's `when` clause (empty: it always runs). */
function sqliteWhen(table: string, event: Event, skip: SqliteTriggerSkip): string {
  if (skip === 'any-fence') return `when not exists (select 1 from \`${IMPORT_FENCE}\`) `;
  if (!isFenced(table)) return '';
  // An update keeps the row's id: its new image says whether it is fenced.
  return `when ${sqliteVisibleSql(`${event === 'delete' ? 'old' : 'new'}.id`, table)} `;
}

function sqliteTrigger(
  table: string,
  spec: TableSpec,
  event: Event,
  skip: SqliteTriggerSkip,
): string {
  const union = IMAGES[event].flatMap((r) => sqliteSegments(spec, r)).join(' union ');
  // `where`: SQLite's parser needs one between a SELECT and an upsert clause (it skips nulls too).
  return (
    `create trigger \`${triggerName(table, event)}\` after ${event} on \`${table}\` ` +
    `${sqliteWhen(table, event, skip)}begin ` +
    `insert into \`${FACT_SEGMENT}\` (segment, version) select distinct segment, 1 from (${union}) ` +
    `where segment is not null on conflict (segment) do update set version = version + 1; end;`
  );
}

function sqliteEpochTrigger(table: string, event: Event): string {
  return (
    `create trigger \`${triggerName(table, event)}\` after ${event} on \`${table}\` ` +
    `begin ${RAISE_EPOCH}; end;`
  );
}

/**
 * SQLite: the triggers alone. A migration that rebuilds one of these tables (SQLite's
 * copy-and-rename) drops its triggers: it must run sqliteFactSegmentTriggersDropSql before and this
 * after (and raise segments_epoch, since writes in between were not counted).
 */
export function sqliteFactSegmentTriggersSql(skip: SqliteTriggerSkip = 'fenced-rows'): string[] {
  return [
    ...Object.entries(TABLES).flatMap(([table, spec]) =>
      spec.events.map((event) => sqliteTrigger(table, spec, event, skip)),
    ),
    ...EPOCH_TABLES.flatMap((table) =>
      EPOCH_EVENTS.map((event) => sqliteEpochTrigger(table, event)),
    ),
  ];
}

export function sqliteFactSegmentTriggersDropSql(): string[] {
  return [
    ...Object.entries(TABLES).flatMap(([table, spec]) =>
      spec.events.map((event) => `drop trigger if exists \`${triggerName(table, event)}\`;`),
    ),
    ...EPOCH_TABLES.flatMap((table) =>
      EPOCH_EVENTS.map((event) => `drop trigger if exists \`${triggerName(table, event)}\`;`),
    ),
  ];
}

/**
 * SQLite: the table, the epoch column and the triggers. The segment is an INTEGER PRIMARY KEY, the
 * rowid itself (negative ones included): one b-tree, no separate index.
 */
export function sqliteFactSegmentSql(): string[] {
  return [
    `create table \`${FACT_SEGMENT}\` (\`segment\` integer not null primary key, \`version\` bigint not null);`,
    'alter table `data_version` add column `segments_epoch` bigint not null default 0;',
    // As first created: Migration20261201190000 replaces them.
    ...sqliteFactSegmentTriggersSql('any-fence'),
  ];
}

export function sqliteFactSegmentDropSql(): string[] {
  return [
    ...sqliteFactSegmentTriggersDropSql(),
    'alter table `data_version` drop column `segments_epoch`;',
    `drop table if exists \`${FACT_SEGMENT}\`;`,
  ];
}

// ---- PostgreSQL -----------------------------------------------------------------------------

const TRANSITION: Record<'new' | 'old', string> = { new: 'new_rows', old: 'old_rows' };

/** The segments of every row of a transition table. */
function pgSegments(spec: TableSpec, image: 'new' | 'old'): string[] {
  return spec
    .segments('r')
    .map(
      (q) =>
        `select ${q.select} as segment from ${TRANSITION[image]} r` +
        (q.from ? `, ${q.from}` : '') +
        (q.where ? ` where ${q.where}` : ''),
    );
}

function pgUpsert(spec: TableSpec, event: Event): string {
  const union = IMAGES[event].flatMap((image) => pgSegments(spec, image)).join(' union ');
  return (
    `insert into "${FACT_SEGMENT}" (segment, version) ` +
    `select distinct s.segment, 1 from (${union}) s where s.segment is not null order by s.segment ` +
    `on conflict (segment) do update set version = "${FACT_SEGMENT}".version + 1;`
  );
}

const pgFunctionName = (table: string) => `${table}_fact_segment`;

const BULK_WRITE = `current_setting('ocop.bulk_write', true) = 'on'`;

/**
 * One function per table; TG_OP picks the statement (PL/pgSQL plans a statement when it first
 * runs, so a branch naming a transition table this trigger lacks is never planned).
 */
function pgFunction(table: string, spec: TableSpec): string {
  const branches = spec.events
    .map((event, i) => {
      const test = `${i === 0 ? 'if' : 'elsif'} tg_op = '${event.toUpperCase()}' then`;
      return `${test}\n    ${pgUpsert(spec, event)}`;
    })
    .join('\n  ');
  return (
    `create or replace function "${pgFunctionName(table)}"() returns trigger language plpgsql as $$\n` +
    `begin\n  if ${BULK_WRITE} then return null; end if;\n  ${branches}\n  end if;\n  return null;\nend $$;`
  );
}

function pgEpochFunction(table: string): string {
  // An update or delete of no rows changed nothing: the epoch stays.
  return (
    `create or replace function "${pgFunctionName(table)}"() returns trigger language plpgsql as $$\n` +
    `begin\n  if exists (select 1 from old_rows) then ${RAISE_EPOCH}; end if;\n  return null;\nend $$;`
  );
}

/** Transition tables are allowed on single-event triggers only: one trigger per event. */
function pgTrigger(table: string, event: Event): string {
  const referencing = IMAGES[event].map((image) => `${image} table as ${TRANSITION[image]}`);
  return (
    `create trigger "${triggerName(table, event)}" after ${event} on "${table}" ` +
    `referencing ${referencing.join(' ')} for each statement ` +
    `execute function "${pgFunctionName(table)}"();`
  );
}

/** PostgreSQL: the table, the epoch column, the functions and their triggers. */
export function pgFactSegmentSql(): string[] {
  return [
    `create table "${FACT_SEGMENT}" ("segment" bigint not null, "version" bigint not null, constraint "${FACT_SEGMENT}_pkey" primary key ("segment"));`,
    'alter table "data_version" add column "segments_epoch" bigint not null default 0;',
    ...Object.entries(TABLES).flatMap(([table, spec]) => [
      pgFunction(table, spec),
      ...spec.events.map((event) => pgTrigger(table, event)),
    ]),
    ...EPOCH_TABLES.flatMap((table) => [
      pgEpochFunction(table),
      ...EPOCH_EVENTS.map((event) => pgTrigger(table, event)),
    ]),
  ];
}

export function pgFactSegmentDropSql(): string[] {
  return [
    ...[
      ...Object.entries(TABLES),
      ...EPOCH_TABLES.map((t) => [t, { events: EPOCH_EVENTS }] as const),
    ].flatMap(([table, spec]) => [
      ...spec.events.map(
        (event) => `drop trigger if exists "${triggerName(table, event)}" on "${table}";`,
      ),
      `drop function if exists "${pgFunctionName(table)}"();`,
    ]),
    'alter table "data_version" drop column "segments_epoch";',
    `drop table if exists "${FACT_SEGMENT}";`,
  ];
}
