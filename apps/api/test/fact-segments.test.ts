// Fact segments (src/modules/data-version/fact-segments.ts): every write to a fact raises the
// version of exactly the segments it belongs to, through the database's triggers
// (src/db/migrations/fact-segment-triggers.ts), on both dialects; bulk writers raise the segments
// epoch instead. The writes are raw SQL, as any writer's would reach the database.
import type { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_FENCE } from '../src/db/import-fence.js';
import { seedDatabase } from '../src/db/seed.js';
import {
  entitySegment,
  entitySegmentSql,
  FACT_SEGMENT_SIZE,
  loneProductSegment,
  productSegmentSql,
  readSegmentsEpoch,
  readSegmentVersions,
} from '../src/modules/data-version/fact-segments.js';
import { removeDeadFencesWith } from '../src/modules/imports/decision-list-fenced-copy.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { sqlOf } from '../src/modules/imports/sql-batch.js';
import { normalizeText } from '../src/modules/shared/normalize-text.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';

interface Change {
  /** The segments whose version rose, ascending. */
  segments: number[];
  /** How much the segments epoch rose. */
  epoch: number;
}

/** Runs `write` (one transaction) and says which segments' versions and how far the epoch rose. */
async function changeOf(orm: MikroORM, write: (trx: Knex) => Promise<unknown>): Promise<Change> {
  const before = await readSegmentVersions(orm.em.fork());
  const epochBefore = await readSegmentsEpoch(orm.em.fork());
  await sqlOf(orm.em.fork()).transaction(async (trx) => {
    await write(trx);
  });
  const after = await readSegmentVersions(orm.em.fork());
  const segments = [...after]
    .filter(([segment, version]) => version > (before.get(segment) ?? 0))
    .map(([segment]) => segment)
    .sort((a, b) => a - b);
  return { segments, epoch: (await readSegmentsEpoch(orm.em.fork())) - epochBefore };
}

/** Runs each statement in order inside one transaction. */
const statements =
  (...sqls: string[]) =>
  async (trx: Knex) => {
    for (const sql of sqls) await trx.raw(sql);
  };

// Entities 1, 300, 600, 900 are in segments 0, 1, 2, 3; a product without an entity with id 700
// in segment -1 - 700 / 256 = -3.
const S = (entityId: number) => Math.floor(entityId / FACT_SEGMENT_SIZE);
const entity = (id: number) =>
  `insert into economic_entity (id, name, normalized_name, sort_key) values (${id}, 'E${id}', 'e${id}', 'e${id}')`;
const product = (id: number, entityId: number | null) =>
  `insert into product (id, name, normalized_name, sort_key, entity_id) values (${id}, 'P${id}', 'p${id}', 'p${id}', ${entityId ?? 'null'})`;
const evaluation = (id: number, productId: number) =>
  `insert into evaluation (id, product_id, level, date, date_precision, year, rule_set_code) values (${id}, ${productId}, 'province', '2022-01-0${id % 9}', 'day', 2022, 'r')`;
const decision = (id: number) =>
  `insert into decision (id, group_key, date, date_precision, issuing_level, year) values (${id}, 'g${id}', '2022-02-01', 'day', 'province', 2022)`;
const item = (id: number, decisionId: number, productId: number) =>
  `insert into decision_item (id, decision_id, product_id) values (${id}, ${decisionId}, ${productId})`;
const activity = (id: number) =>
  `insert into activity (id, department_id, kind, date, date_precision) values (${id}, 1, 'training', '2022-03-01', 'day')`;

describe('segment expressions', () => {
  it('are integer divisions, products without an entity in negative segments', () => {
    expect(entitySegmentSql('e.id')).toBe('(e.id / 256)');
    expect(productSegmentSql('p.entity_id', 'p.id')).toBe(
      '(case when p.entity_id is null then -1 - p.id / 256 else p.entity_id / 256 end)',
    );
  });
});

describe.each(DIALECTS)('fact segment triggers on %s', (kind) => {
  let orm: MikroORM;
  const change = (...sqls: string[]) => changeOf(orm, statements(...sqls));
  const only = (...segments: number[]) => ({ segments, epoch: 0 });

  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await sqlOf(orm.em.fork()).transaction(
      statements(
        `insert into admin_unit (id, code, name, normalized_name, type, type_vi, sort_key) values (1, 'u1', 'U1', 'u1', 'district', 'Huyện', 'u1')`,
        `insert into department (id, code, name_vi, name_en, role) values (1, 'd1', 'D1', 'D1', 'lead')`,
      ),
    );
  });
  afterAll(() => destroyTestOrm(orm));

  it('starts with no segment changed, at an epoch of its own', async () => {
    expect(await readSegmentVersions(orm.em.fork())).toEqual(new Map());
    // Another database's kept partials never match this one's (Migration20261202080000).
    const other = await createTestOrm(kind);
    try {
      expect(await readSegmentsEpoch(other.em.fork())).not.toBe(
        await readSegmentsEpoch(orm.em.fork()),
      );
    } finally {
      await destroyTestOrm(other);
    }
  });

  it('raises the segment of an entity inserted, updated, deleted', async () => {
    expect(await change(entity(1), entity(300))).toEqual(only(0, 1));
    expect(await change(entity(600))).toEqual(only(2));
    expect(await change(`update economic_entity set commune = 'x' where id = 300`)).toEqual(
      only(1),
    );
    expect(await change(entity(900))).toEqual(only(3));
    // One statement, several rows of one segment: the segment once.
    expect(
      await change(
        `insert into economic_entity (id, name, normalized_name, sort_key) values ` +
          `(901, 'E901', 'e901', 'e901'), (902, 'E902', 'e902', 'e902')`,
      ),
    ).toEqual(only(3));
    expect(await change('delete from economic_entity where id in (901, 902)')).toEqual(only(3));
    expect(await change('delete from economic_entity where id = 900')).toEqual(only(3));
    // An update of no rows changes nothing.
    expect(await change(`update economic_entity set commune = 'x' where id = 12345`)).toEqual(
      only(),
    );
    // The first change inserted the row with version 1, each later one added 1: per statement on
    // PostgreSQL, per row on SQLite (its triggers are row-level).
    const versions = await readSegmentVersions(orm.em.fork());
    expect(versions.get(1)).toBe(2);
    expect(versions.get(3)).toBe(kind === 'postgresql' ? 4 : 6);
  });

  it("raises a product's entity's segment, or its own negative one without an entity", async () => {
    expect(await change(product(10, 1), product(11, 300))).toEqual(only(0, 1));
    expect(await change(product(12, 600), product(13, 1))).toEqual(only(0, 2));
    expect(await change(product(700, null))).toEqual(only(-3));
    expect(await change(`update product set commune = 'x' where id = 11`)).toEqual(only(1));
    expect(await change(product(701, null))).toEqual(only(-3));
    expect(await change('delete from product where id = 701')).toEqual(only(-3));
  });

  it('raises both segments when a product moves to another entity', async () => {
    expect(await change('update product set entity_id = 1 where id = 700')).toEqual(only(-3, 0));
    expect(await change('update product set entity_id = 300 where id = 700')).toEqual(only(0, 1));
    expect(await change('update product set entity_id = null where id = 700')).toEqual(only(-3, 1));
    // One statement over products of several segments: each segment once.
    expect(await change(`update product set commune = 'y' where id in (10, 11, 13)`)).toEqual(
      only(0, 1),
    );
  });

  it("raises the segment of an evaluation's product, both products when it moves", async () => {
    expect(await change(evaluation(1, 12))).toEqual(only(S(600)));
    expect(await change(evaluation(2, 700))).toEqual(only(-3));
    expect(await change('update evaluation set stars = 3 where id = 1')).toEqual(only(2));
    expect(await change('update evaluation set product_id = 10 where id = 1')).toEqual(only(0, 2));
    expect(await change('delete from evaluation where id = 2')).toEqual(only(-3));
  });

  it("raises the segment of a decision item's product; a decision's change, its items' products'", async () => {
    // A decision alone names no product.
    expect(await change(decision(1))).toEqual(only());
    expect(await change(item(1, 1, 10), item(2, 1, 11))).toEqual(only(0, 1));
    expect(await change('update decision_item set stars = 4 where id = 2')).toEqual(only(1));
    expect(await change(`update decision set date = '2022-02-02' where id = 1`)).toEqual(
      only(0, 1),
    );
    expect(await change('update decision_item set product_id = 12 where id = 2')).toEqual(
      only(1, 2),
    );
    expect(await change(decision(2), item(3, 2, 700))).toEqual(only(-3));
    expect(await change('delete from decision_item where id = 3')).toEqual(only(-3));
    // Without items, a decision's delete changes no segment.
    expect(await change('delete from decision where id = 2')).toEqual(only());
    expect(await change('update decision set batch = null where id = 12345')).toEqual(only());
  });

  it('raises the segments of the entities and products an activity links', async () => {
    // Linking nothing yet, a new activity is in no segment.
    expect(await change(activity(1))).toEqual(only());
    expect(
      await change(
        'insert into activity_entity (activity_id, economic_entity_id) values (1, 600)',
        'insert into activity_product (activity_id, product_id) values (1, 700)',
      ),
    ).toEqual(only(-3, 2));
    expect(await change(`update activity set note = 'n' where id = 1`)).toEqual(only(-3, 2));
    expect(
      await change('update activity_entity set economic_entity_id = 1 where activity_id = 1'),
    ).toEqual(only(-3, 0, 2));
    // A link's change is its activity's: every segment it still names is raised too.
    expect(await change('delete from activity_product where activity_id = 1')).toEqual(only(-3, 0));
    expect(
      await change('insert into activity_product (activity_id, product_id) values (1, 11)'),
    ).toEqual(only(0, 1));
    // The links go with the activity (on delete cascade).
    expect(await change('delete from activity where id = 1')).toEqual(only(0, 1));
    expect(
      Number(
        (
          await orm.em
            .fork()
            .getConnection()
            .execute<{ n: unknown }[]>('select count(*) as n from activity_entity')
        )[0]!.n,
      ),
    ).toBe(0);
  });

  it("moves an entity's products to their own segments when the entity is deleted", async () => {
    await change(entity(1200), product(1300, 1200));
    // product.entity_id is set null by the foreign key: the product leaves segment 4 for -6.
    expect(await change('delete from economic_entity where id = 1200')).toEqual(only(-6, 4));
  });

  it('raises the segments epoch, and no segment, when an administrative unit changes', async () => {
    expect(await change(`update admin_unit set name = 'U1b' where id = 1`)).toEqual({
      segments: [],
      epoch: 1,
    });
    expect(await change(`update admin_unit set name = 'x' where id = 12345`)).toEqual(only());
    await change(
      `insert into admin_unit (id, code, name, normalized_name, type, type_vi, sort_key) values (2, 'u2', 'U2', 'u2', 'commune', 'Xã', 'u2')`,
    );
    expect(await change('delete from admin_unit where id = 2')).toEqual({ segments: [], epoch: 1 });
  });

  it('leaves every version as it was when the write rolls back', async () => {
    const before = await readSegmentVersions(orm.em.fork());
    const epoch = await readSegmentsEpoch(orm.em.fork());
    await expect(
      sqlOf(orm.em.fork()).transaction(async (trx) => {
        await statements(
          `update product set commune = 'z' where id in (10, 11, 700)`,
          entity(1500),
          `update admin_unit set name = 'U1c' where id = 1`,
        )(trx);
        throw new Error('rolled back by the test');
      }),
    ).rejects.toThrow('rolled back by the test');
    expect(await readSegmentVersions(orm.em.fork())).toEqual(before);
    expect(await readSegmentsEpoch(orm.em.fork())).toBe(epoch);
  });

  if (kind === 'postgresql') {
    it('lets two open transactions write products of different segments without waiting', async () => {
      const knex = sqlOf(orm.em.fork());
      const first = await knex.transaction();
      try {
        await first.raw(`update product set commune = 'first' where id = 10`); // segment 0
        await knex.transaction(async (second) => {
          // Waiting for the first transaction would fail after 2 s instead of passing.
          await second.raw(`set local lock_timeout = '2s'`);
          await second.raw(`update product set commune = 'second' where id = 11`); // segment 1
          await second.raw(product(14, 300)); // segment 1 again, and a new row in it
          await second.raw(product(702, null)); // segment -3
        });
      } finally {
        await first.commit();
      }
    });

    it("makes a transaction wait for one holding its segment's row (what the lock timeout detects)", async () => {
      const knex = sqlOf(orm.em.fork());
      const first = await knex.transaction();
      try {
        await first.raw(`update product set commune = 'first' where id = 10`); // segment 0
        await expect(
          knex.transaction(async (second) => {
            await second.raw(`set local lock_timeout = '2s'`);
            // Another product, but the same segment: its fact_segment row is locked.
            await second.raw(`update product set commune = 'second' where id = 13`);
          }),
        ).rejects.toThrow(/lock timeout/);
      } finally {
        await first.rollback();
      }
    });

    it("skips the triggers in a transaction marked 'ocop.bulk_write'", async () => {
      expect(
        await change(
          `set local ocop.bulk_write = 'on'`,
          `update product set commune = 'bulk' where id in (10, 11, 700)`,
          entity(1800),
        ),
      ).toEqual(only());
      // `set local` ended with its transaction.
      expect(await change(`update product set commune = 'after' where id = 10`)).toEqual(only(0));
    });
  }

  if (kind === 'libsql') {
    it('skips only the rows an import reserved while it is fenced; removing the fence changes no version', async () => {
      const knex = sqlOf(orm.em.fork());
      // A dead import's fences (its run does not exist): entities 5000–5009, products 6000–6009.
      await knex.raw(
        `insert into "${IMPORT_FENCE}" ("name", "lo", "hi", "run_id") values ` +
          `('economic_entity', 5000, 5009, 999), ('product', 6000, 6009, 999)`,
      );
      // Its rows: skipped (no reader sees them).
      expect(await change(entity(5000), product(6000, 5000), product(6001, null))).toEqual(only());
      // Everyone else's writes meanwhile: counted.
      expect(
        await change(`update product set commune = 'fenced' where id in (10, 700)`, entity(1800)),
      ).toEqual(only(loneProductSegment(700), S(1), S(1800)));
      const epoch = await readSegmentsEpoch(orm.em.fork());
      const before = await readSegmentVersions(orm.em.fork());
      expect(await removeDeadFencesWith(knex)).toBe(20);
      // Its rows are gone; no version changed.
      const left = (await knex.raw(
        'select count(*) as n from product where id in (6000, 6001)',
      )) as {
        n: number;
      }[];
      expect(Number(left[0]!.n)).toBe(0);
      expect(await readSegmentVersions(orm.em.fork())).toEqual(before);
      expect(await readSegmentsEpoch(orm.em.fork())).toBe(epoch);
      await change('delete from economic_entity where id = 1800');
    });
  }
});

describe.each(DIALECTS)('bulk writes on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: true });
  });
  afterAll(() => destroyTestOrm(orm));

  it('seeding raised the segments epoch', async () => {
    expect(await readSegmentsEpoch(orm.em.fork())).toBeGreaterThan(0);
  });

  it('an import raises the segments of the entities and products it wrote, once, and not the epoch', async () => {
    const before = await readSegmentVersions(orm.em.fork());
    const epoch = await readSegmentsEpoch(orm.em.fork());
    const list = generateDecisionList(40, 'Phân đoạn');
    const report = await importDecisionList(orm.em.fork(), {
      fileName: 'segments.csv',
      content: list.csv,
    });
    expect(report).toMatchObject({ applied: true, noChanges: false });
    expect(report.created.products).toBe(40);
    const after = await readSegmentVersions(orm.em.fork());
    // PostgreSQL: its statements skipped the triggers (ocop.bulk_write); the writer raised the
    // segments of what it wrote at the end. SQLite: the triggers skipped its fenced rows; their
    // publication raised their segments (decision-list-fenced-copy.ts).
    const written = (await orm.em
      .fork()
      .getConnection()
      .execute(
        `select distinct coalesce(p.entity_id / ${FACT_SEGMENT_SIZE}, -1 - p.id / ${FACT_SEGMENT_SIZE}) as segment
           from product p where p.name like 'Phân đoạn %' order by 1`,
      )) as { segment: unknown }[];
    const segments = written.map((r) => Number(r.segment));
    expect(segments.length).toBeGreaterThan(0);
    const raised = [...after].filter(([s, v]) => v !== (before.get(s) ?? 0));
    expect(raised.map(([s]) => s).sort((a, b) => a - b)).toEqual(segments);
    for (const [s, v] of raised) expect(v).toBe((before.get(s) ?? 0) + 1);
    // Segments holding none of its rows kept their versions.
    expect(after.size).toBeGreaterThan(segments.length);
    expect(await readSegmentsEpoch(orm.em.fork())).toBe(epoch);
  });

  it("raises both segments of a product an import gives an entity (its own, the entity's)", async () => {
    // A product without an entity (its own negative segment), named again by a list with one.
    const list = generateDecisionList(1, 'Dời');
    const [unit] = (await orm.em
      .fork()
      .getConnection()
      .execute("select id from admin_unit where name like '%Long Xuyên%' order by id limit 1")) as {
      id: number;
    }[];
    await sqlOf(orm.em.fork()).raw(
      `insert into product (name, normalized_name, sort_key, entity_id, unit_id)
         values ('Dời sản phẩm 0', ?, 'dời sản phẩm 0', null, ?)`,
      [normalizeText('Dời sản phẩm 0'), unit!.id],
    );
    const [lone] = (await orm.em
      .fork()
      .getConnection()
      .execute("select id from product where name = 'Dời sản phẩm 0'")) as { id: number }[];
    const before = await readSegmentVersions(orm.em.fork());
    const report = await importDecisionList(orm.em.fork(), {
      fileName: 'move.csv',
      content: list.csv,
    });
    expect(report).toMatchObject({ applied: true, created: { products: 0, entities: 1 } });
    const [moved] = (await orm.em
      .fork()
      .getConnection()
      .execute(`select entity_id from product where id = ${lone!.id}`)) as {
      entity_id: number;
    }[];
    expect(moved!.entity_id).not.toBeNull();
    const after = await readSegmentVersions(orm.em.fork());
    const raised = [...after].filter(([s, v]) => v !== (before.get(s) ?? 0)).map(([s]) => s);
    expect(raised.sort((a, b) => a - b)).toEqual(
      [loneProductSegment(lone!.id), entitySegment(moved!.entity_id)].sort((a, b) => a - b),
    );
  });
});
