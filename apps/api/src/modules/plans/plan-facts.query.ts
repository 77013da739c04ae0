// The one SQL statement that reads a plan's facts: the selection of @ocop/domain's
// fact-selection.ts (evaluations, activities and registrations in the window; decision items up to
// its end; the products and entities they name) in one statement whatever the number of products.
// Each kind of fact comes back as ONE row whose `v` holds all its records' fields, in id order,
// joined by the unit separator (U+001F) — string_agg(… order by id), the same on both dialects
// (SQLite ≥ 3.44) — instead of one row per fact: at 100,000 products the 120,000 rows of the
// former row-per-fact form cost more to decode in the driver than the statement itself took
// (bench/profile-overview.ts). Fields per kind (k), in this order:
//   e entity:      id, unit code, type, registered_on, precision
//   p product:     id, entity id, unit code
//   v evaluation:  id, product id, level, date, precision, stars
//   d item:        decision id, product id, issuing level, action, date, precision, stars
//   a activity:    id, kind, unit code, date, precision, sample (0/1)
//   ae / ap link:  activity id, entity / product id
//   r round count: metric, value, date, precision (provincial council counts; none when a unit is
//                  asked: rounds are province-wide)
// A null field is the empty string. Ids are integers and codes, levels, dates and precisions never
// contain U+001F; published values are digits or words.
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { visibleSql, type FencedTable } from '../../db/import-fence.js';
import { preparedRunner } from '../../db/prepared-statement.js';
import { FACT_SEGMENT, FACT_SEGMENT_SIZE } from '../data-version/fact-segments.js';
import { isPostgres } from '../imports/sql-batch.js';
import type { FactFields, FactKind } from './plan-facts.columns.js';

export interface FactQuery {
  from: string;
  to: string;
  /** Only the facts of this unit (domain factsOfUnit applied to the selection). */
  unitCode?: string | null;
}

/**
 * The fact segments (modules/data-version/fact-segments.ts) whose partial figures the caller
 * already holds: their epoch and versions. The statement then returns only the facts of the
 * segments changed since; with `epoch` null (nothing held), or when the epoch moved or (SQLite)
 * an import is unfinished, every fact, as without segments.
 */
export interface KnownSegments {
  epoch: number | null;
  versions: ReadonlyMap<number, number>;
}

/** The segments as the statement saw them (same snapshot as its facts). */
export interface SegmentState {
  epoch: number;
  /**
   * Every fact was selected (nothing known, or the epoch moved). An unfinished SQLite import does
   * not force it: its fenced rows are left out of the selection and out of the segments' versions
   * alike, and their publication raises their segments (db/migrations/fact-segment-triggers.ts).
   */
  everything: boolean;
  /** Every segment's version (absent: 0). */
  versions: Map<number, number>;
  /** The segments whose facts were selected, when not everything. */
  stale: number[];
}

const field = (column: string) => `coalesce(cast(${column} as text), '')`;

/** The selected facts, each kind as one string of fields (split where they are read). */
export async function selectFactFields(em: EntityManager, query: FactQuery): Promise<FactFields> {
  return (await selectFacts(em, query, null)).fields;
}

/**
 * The selected facts of the province (no unit) in the segments changed since `known`, and the
 * segments' state, in one statement (one snapshot: the versions describe exactly these facts).
 */
export async function selectSegmentFactFields(
  em: EntityManager,
  query: Omit<FactQuery, 'unitCode'>,
  known: KnownSegments,
): Promise<{ fields: FactFields; segments: SegmentState }> {
  const { fields, segments } = await selectFacts(em, query, known);
  return { fields, segments: segments! };
}

async function selectFacts(
  em: EntityManager,
  query: FactQuery,
  known: KnownSegments | null,
): Promise<{ fields: FactFields; segments: SegmentState | null }> {
  const { from, to } = query;
  const unit = query.unitCode ?? null;
  const knex = (em as SqlEntityManager).getKnex();
  const sep = isPostgres(knex) ? 'chr(31)' : 'char(31)';
  // SQLite: an unfinished import's rows (and links to them) stay out (db/import-fence.ts); on
  // PostgreSQL this is `and true`, which the planner drops (the plan is unchanged).
  const visible = (column: string, table: FencedTable) => ` and ${visibleSql(knex, column, table)}`;
  const record = (...columns: string[]) => columns.map(field).join(` || ${sep} || `);
  const agg = (columns: string[], orderBy: string) =>
    `string_agg(${record(...columns)}, ${sep} order by ${orderBy})`;
  // With a unit, the selection is made over all facts first, then restricted (as factsOfUnit).
  const ofUnit = (alias: string) => (unit === null ? '' : ` and ${alias}.unit_code = ?`);
  const unitBindings = unit === null ? [] : [unit];
  // Every evaluation and item names a selected product (pids holds them all), every link a
  // selected activity: the join only serves the unit's filter, and costs a sort of each side
  // (two merge joins over ≈ 35,000 rows at 100,000 products) when no unit is asked.
  const joinUnit = (cte: 'pr' | 'ac', key: string) =>
    unit === null ? '' : ` join ${cte} on ${cte}.id = ${key} where ${cte}.unit_code = ?`;
  // Products are picked by joining an id list (UNION, then a hash join): written as
  // `id in (…) or id in (…)` the statement was no faster on PostgreSQL and 1.24× slower on SQLite.
  // Entities are picked the other way, by a filter over economic_entity (a selected product's
  // maker, named by an activity, or registered in the window; the test most entities pass first):
  // PostgreSQL probes hashed subplans instead of deduplicating 43,000 ids (UNION) and joining them.
  // At 100,000 products (bench database, 2021 window; load ≈ 2.5–3 on 2 cores), the statement's
  // backend CPU time is 0.88–0.95× that of the UNION form (medians of 41 interleaved pairs, five
  // runs), through the ORM 0.92–0.97× its wall time. The unary `+` (a no-op on integers in both
  // dialects) keeps SQLite from reading the OR as a MULTI-INDEX OR, which ran the product
  // selection a second time (1.06× the UNION form); with it SQLite takes the same time (0.98×).
  // ev, di and pr are each read twice: `as materialized` is what PostgreSQL does with such a CTE
  // anyway (same plan), while SQLite otherwise runs each one again where it is read (the decision
  // join, the evaluation window and the product selection twice): 0.91× its CPU time (median of 25
  // interleaved pairs, with the entity filter above, against the UNION form without the hints).
  // With known segments (province only), every fact CTE is the full selection gated on `allseg`
  // (a one-time filter: PostgreSQL skips the scan when it is false) plus the same selection over
  // the changed segments' products (sp) and entities (se), empty when `allseg` holds.
  const segmented = known !== null;
  const allOnly = segmented ? ' and (select yes from allseg)' : '';
  // pr's and en's second branches read ids from the full selection's CTEs too: gated the other way.
  const deltaOnly = ' and not (select yes from allseg)';
  const knownSql = isPostgres(knex)
    ? 'select cast(key as bigint) as segment, cast(value as bigint) as version from json_each_text(cast(? as json))'
    : 'select cast(key as integer) as segment, cast(value as integer) as version from json_each(?)';
  const size = FACT_SEGMENT_SIZE;
  const segmentCtes = `
  known_seg as (${knownSql}),
  allseg as materialized (select (coalesce((select segments_epoch from data_version where id = 1), 0) <> ?) as yes),
  stale as materialized (select s.segment from ${FACT_SEGMENT} s left join known_seg k on k.segment = s.segment
         where coalesce(k.version, 0) <> s.version and not (select yes from allseg)),
  sp as materialized (select p.id from stale s join product p
           on p.entity_id >= s.segment * ${size} and p.entity_id < s.segment * ${size} + ${size} where s.segment >= 0
         union all
         select p.id from stale s join product p
           on p.id >= (-1 - s.segment) * ${size} and p.id < (-1 - s.segment) * ${size} + ${size}
         where s.segment < 0 and p.entity_id is null),
  se as materialized (select e.id from stale s join economic_entity e
           on e.id >= s.segment * ${size} and e.id < s.segment * ${size} + ${size} where s.segment >= 0),`;
  const evSelect = `select id, product_id, level, date, date_precision, stars from evaluation`;
  const enSelect = `select e.id, e.type, e.registered_on, e.registered_precision, u.code as unit_code
         from economic_entity e left join admin_unit u on u.id = e.unit_id`;
  // A changed segment's few hundred records are looked up by id: PostgreSQL plans the statement
  // for the full selection's row counts (a hash join over a scan of every product), so its
  // branch looks them up with `= any(array(…))`, an index scan whatever the estimate; SQLite
  // looks up `in (…)` by index anyway.
  // The products the selected facts name; read once by each branch of pr (as a CTE read twice,
  // PostgreSQL would materialise it, and the full selection's join took 1.35× as long).
  const pidsSql = (p: string) => `select product_id as id from ev union select product_id from di
           union select product_id from ap
           union select ${p}.id from product ${p} where ${p}.entity_id in (select economic_entity_id from ae)`;
  const byIds = (column: string, ids: string) =>
    isPostgres(knex) ? `${column} = any(array(${ids}))` : `${column} in (${ids})`;
  const diSelect = `select di.id as item_id, di.decision_id, di.product_id, d.date, d.date_precision,
                d.issuing_level, di.stars, di.action
         from decision_item di join decision d on d.id = di.decision_id`;
  const sql = `
with${segmented ? segmentCtes : ''}
  ev as materialized (${evSelect}
         where date >= ? and date <= ?${visible('id', 'evaluation')}${allOnly}${
           segmented
             ? `
         union all ${evSelect}
         where ${byIds('product_id', 'select id from sp')} and date >= ? and date <= ?${visible('id', 'evaluation')}`
             : ''
         }),
  di as materialized (${diSelect} where d.date <= ?${visible('di.id', 'decision_item')}${visible('d.id', 'decision')}${allOnly}${
    segmented
      ? `
         union all ${diSelect}
         where ${byIds('di.product_id', 'select id from sp')} and d.date <= ?${visible('di.id', 'decision_item')}${visible('d.id', 'decision')}`
      : ''
  }),
  ac as (select a.id, a.kind, a.date, a.date_precision, a.sample, u.code as unit_code
         from activity a left join admin_unit u on u.id = a.unit_id
         where a.date >= ? and a.date <= ?${
           segmented
             ? `
           and ((select yes from allseg)
             or a.id in (select activity_id from activity_entity where economic_entity_id in (select id from se))
             or a.id in (select activity_id from activity_product where product_id in (select id from sp)))`
             : ''
         }),
  ae as (select activity_id, economic_entity_id from activity_entity
         where activity_id in (select id from ac)${visible('economic_entity_id', 'economic_entity')}),
  ap as (select activity_id, product_id from activity_product
         where activity_id in (select id from ac)${visible('product_id', 'product')}),
  pids as (${pidsSql('p')}),
  pr as materialized (select p.id, p.entity_id, u.code as unit_code
         from product p join pids on pids.id = p.id left join admin_unit u on u.id = p.unit_id
         where ${visibleSql(knex, 'p.id', 'product')}${allOnly}${
           segmented
             ? `
         union all select p.id, p.entity_id, u.code as unit_code
         from product p left join admin_unit u on u.id = p.unit_id
         where ${byIds('p.id', pidsSql('p2'))} and ${visibleSql(knex, 'p.id', 'product')}${deltaOnly}`
             : ''
         }),
  en as (${enSelect}
         where (+e.id in (select entity_id from pr where entity_id is not null)
            or +e.id in (select economic_entity_id from ae)
            or (e.registered_on >= ? and e.registered_on <= ?))${visible('e.id', 'economic_entity')}${allOnly}${
              segmented
                ? `
         union all ${enSelect}
         where ${byIds(
           'e.id',
           `select entity_id from pr where entity_id is not null
             union select economic_entity_id from ae
             union select r.id from economic_entity r
               where ${byIds('r.id', 'select id from se')} and r.registered_on >= ? and r.registered_on <= ?`,
         )}${visible('e.id', 'economic_entity')}${deltaOnly}`
                : ''
            })
select 'e' as k, ${agg(['en.id', 'en.unit_code', 'en.type', 'en.registered_on', 'en.registered_precision'], 'en.id')} as v
  from en where 1 = 1${ofUnit('en')}
union all
select 'p', ${agg(['pr.id', 'pr.entity_id', 'pr.unit_code'], 'pr.id')}
  from pr where 1 = 1${ofUnit('pr')}
union all
select 'v', ${agg(['ev.id', 'ev.product_id', 'ev.level', 'ev.date', 'ev.date_precision', 'ev.stars'], 'ev.id')}
  from ev${joinUnit('pr', 'ev.product_id')}
union all
select 'd', ${agg(['di.decision_id', 'di.product_id', 'di.issuing_level', 'di.action', 'di.date', 'di.date_precision', 'di.stars'], 'di.item_id')}
  from di${joinUnit('pr', 'di.product_id')}
union all
select 'a', ${agg(['ac.id', 'ac.kind', 'ac.unit_code', 'ac.date', 'ac.date_precision', 'case when ac.sample then 1 else 0 end'], 'ac.id')}
  from ac where 1 = 1${ofUnit('ac')}
union all
select 'ae', ${agg(['ae.activity_id', 'ae.economic_entity_id'], 'ae.economic_entity_id, ae.activity_id')}
  from ae${joinUnit('ac', 'ae.activity_id')}
union all
select 'ap', ${agg(['ap.activity_id', 'ap.product_id'], 'ap.product_id, ap.activity_id')}
  from ap${joinUnit('ac', 'ap.activity_id')}
union all
select 'r', ${agg(['pf.metric', 'pf.value', 'pf.date', 'pf.date_precision'], 'pf.id')}
  from published_figure pf
  where pf.metric like 'ag_provincial_council_round%' and pf.date >= ? and pf.date <= ?${unit === null ? '' : ' and 1 = 0'}${
    segmented
      ? `
union all
select 'sv', string_agg(cast(segment as text) || ':' || cast(version as text), ',') from ${FACT_SEGMENT}
union all
select 'sx', (case when (select yes from allseg) then '1' else '0' end) || ':'
    || cast(coalesce((select segments_epoch from data_version where id = 1), 0) as text) || ':'
    || coalesce((select string_agg(cast(segment as text), ',') from stale), '')`
      : ''
  }`;
  const bindings = segmented
    ? [
        JSON.stringify(Object.fromEntries(known.versions)),
        known.epoch ?? -1,
        ...[from, to, from, to], // ev: all, changed segments
        ...[to, to], // di: all, changed segments
        ...[from, to], // ac
        ...[from, to, from, to], // en registered in the window: all, changed segments
        ...[from, to], // published rounds
      ]
    : [from, to, to, from, to, from, to, ...Array(7).fill(unitBindings).flat(), from, to];
  type Row = { k: FactKind | 'sv' | 'sx'; v: string | null };
  // The segmented statement (the overview's, after every write) is prepared and kept: on
  // PostgreSQL its planning took twice its execution (db/prepared-statement.ts). Otherwise through
  // the ORM's connection: logged like every other statement, inside `em`'s transaction if any.
  const prepared = segmented ? preparedRunner(em) : null;
  const rows: Row[] = prepared
    ? await prepared<Row>(sql, bindings)
    : await em.getConnection().execute(sql, bindings, 'all', em.getTransactionContext());
  const fields: FactFields = {
    e: null,
    p: null,
    v: null,
    d: null,
    a: null,
    ae: null,
    ap: null,
    r: null,
  };
  let segments: SegmentState | null = null;
  let versions = '';
  for (const row of rows) {
    if (row.k === 'sv') versions = row.v ?? '';
    else if (row.k === 'sx') segments = segmentStateOf(row.v ?? '');
    else fields[row.k] = row.v;
  }
  if (segments)
    for (const pair of versions ? versions.split(',') : []) {
      const [segment, version] = pair.split(':');
      segments.versions.set(Number(segment), Number(version));
    }
  return { fields, segments };
}

/** The 'sx' row: everything (0/1), epoch, the changed segments (comma-separated). */
function segmentStateOf(text: string): SegmentState {
  const [everything, epoch, stale] = text.split(':');
  return {
    everything: everything === '1',
    epoch: Number(epoch),
    versions: new Map(),
    stale: stale ? stale.split(',').map(Number) : [],
  };
}
