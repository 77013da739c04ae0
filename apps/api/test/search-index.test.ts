// Text search through the trigram indexes (PostgreSQL pg_trgm GIN, SQLite FTS5) finds exactly what
// the former `like '%text%'` over every name found, on both dialects: the seed plus a generated
// decision list written by the bulk importer's raw SQL, an entity and a product written and renamed
// through the services, for searches of 1 to 20 characters; the page and its total agree with it.
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../src/db/seed.js';
import {
  listEntities,
  registerEntity,
  updateEntity,
} from '../src/modules/entities/entity.service.js';
import { listEvaluations } from '../src/modules/evaluations/evaluation.service.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { Product } from '../src/modules/products/product.entity.js';
import {
  listProducts,
  registerProduct,
  type ProductQuery,
} from '../src/modules/products/product.service.js';
import { escapeLike, normalizeText } from '../src/modules/shared/normalize-text.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';

const ASOF = '2024-06-30';
const QUERIES = [
  'cho moi',
  'Chợ Mới',
  'MẮM  CÁ',
  'thot not',
  'Tìm kiếm sản phẩm 1',
  'san pham 12',
  'co so 4',
  'long xuyen',
  'Phú Tân',
  'sản phẩm 239',
  'Đặc sản Núi Cấm', // the product written and renamed through the services
  'khong co dau ca',
  'a',
  'đ',
  'ca',
  '12',
  '50%',
  'a_b',
  'o"q',
];

interface Row {
  id: number;
  sortKey: string;
  entityId: number | null;
  texts: string[];
}

/** Every product with the four texts a search reads (read in JS: the reference). */
async function allProducts(em: EntityManager): Promise<Row[]> {
  const rows = await em
    .getKnex()('product as p')
    .leftJoin('economic_entity as e', 'e.id', 'p.entity_id')
    .leftJoin('admin_unit as u', 'u.id', 'p.unit_id')
    .select(
      'p.id',
      'p.sort_key',
      'p.entity_id',
      'p.normalized_name',
      'p.normalized_commune',
      'e.normalized_name as entity_name',
      'u.normalized_name as unit_name',
    );
  return rows.map((r) => ({
    id: Number(r.id),
    sortKey: String(r.sort_key),
    entityId: r.entity_id === null ? null : Number(r.entity_id),
    texts: [r.normalized_name, r.normalized_commune, r.entity_name, r.unit_name].filter(
      (t): t is string => typeof t === 'string',
    ),
  }));
}

const bySortKey = (a: Row, b: Row) =>
  a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id - b.id;

describe.each(DIALECTS)('text search through the trigram indexes on %s', (kind) => {
  let orm: MikroORM;
  let reference: Row[];
  const fork = () => orm.em.fork() as EntityManager;

  beforeAll(async () => {
    orm = await createTestOrm(kind);
    await seedDatabase(orm, { sampleActivities: false });
    const list = generateDecisionList(240, 'Tìm kiếm');
    const report = await importDecisionList(fork(), { fileName: 'search.csv', content: list.csv });
    expect(report.applied).toBe(true);
    // Written through the ORM, then renamed: the insert and update paths of the index.
    const entity = await fork().transactional(async (tx) => {
      const made = await registerEntity(
        tx,
        { name: 'HTX Tạm Đặt Tên', type: 'cooperative', unitCode: 'tinh-bien' },
        ASOF,
      );
      return made.result;
    });
    await fork().transactional(async (tx) => {
      const made = await registerProduct(
        tx,
        { name: 'Tên tạm', entityId: entity.id, unitCode: 'tinh-bien', commune: 'Xã 50% "Ô"' },
        ASOF,
      );
      const product = made.result;
      await tx.flush();
      tx.assign(product, {
        name: 'Đặc sản Núi Cấm',
        normalizedName: normalizeText('Đặc sản Núi Cấm'),
      });
    });
    await fork().transactional((tx) =>
      updateEntity(tx, entity.id, entity.version, {
        name: 'HTX Khong Co Dau Ca',
        type: 'cooperative',
        unitCode: 'tinh-bien',
      }),
    );
    reference = await allProducts(fork());
  });
  afterAll(() => destroyTestOrm(orm));

  it('finds the products the former LIKE over every name found, for 1–20 characters', async () => {
    let nonEmpty = 0;
    for (const query of QUERIES) {
      const text = normalizeText(query);
      const expected = reference.filter((r) => r.texts.some((t) => t.includes(text)));
      const filter: ProductQuery = { search: query, asOf: ASOF };
      const [page, total] = await listProducts(
        fork(),
        filter,
        { by: 'name', direction: 'asc' },
        { limit: 1000, offset: 0 },
      );
      expect({ query, ids: page.map((p) => p.id) }).toEqual({
        query,
        ids: expected.sort(bySortKey).map((r) => r.id),
      });
      expect(total).toBe(expected.length);
      if (expected.length) nonEmpty += 1;

      if (/[%_"]/.test(text)) continue;
      // The former statement itself (without wildcards in the query, where SQLite's LIKE, which
      // has no escape character by default, read "\%" otherwise).
      const pattern = `%${escapeLike(text)}%`;
      const former = await fork().find(
        Product,
        {
          $or: [
            { normalizedName: { $like: pattern } },
            { normalizedCommune: { $like: pattern } },
            { entity: { normalizedName: { $like: pattern } } },
            { unit: { normalizedName: { $like: pattern } } },
          ],
        },
        { fields: ['id'] },
      );
      expect(former.map((p) => p.id).sort((a, b) => a - b)).toEqual(
        expected.map((r) => r.id).sort((a, b) => a - b),
      );
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(15);
  });

  it('pages a search with its total from one statement, sorted by stars too', async () => {
    const text = normalizeText('sản phẩm 1');
    const expected = reference.filter((r) => r.texts.some((t) => t.includes(text)));
    expect(expected.length).toBeGreaterThan(100);
    const seen: number[] = [];
    for (let offset = 0; offset < expected.length + 40; offset += 40) {
      const [page, total] = await listProducts(
        fork(),
        { search: 'sản phẩm 1', asOf: ASOF },
        { by: 'stars', direction: 'desc' },
        { limit: 40, offset },
      );
      expect(total).toBe(expected.length);
      seen.push(...page.map((p) => p.id));
      expect(page.every((p) => p.entity?.isInitialized() !== false)).toBe(true);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(expected.map((r) => r.id).sort((a, b) => a - b));
  });

  it('lists the entities and evaluations of the products a search finds, and filters by commune', async () => {
    for (const query of ['co so 1', 'cho moi', 'ca']) {
      const text = normalizeText(query);
      const entityIds = [
        ...new Set(
          reference
            .filter((r) => r.entityId !== null && r.texts.some((t) => t.includes(text)))
            .map((r) => r.entityId!),
        ),
      ];
      const [entities, total] = await listEntities(
        fork(),
        { search: query, asOf: ASOF },
        { by: 'name', direction: 'asc' },
        { limit: 1000, offset: 0 },
      );
      expect(total).toBe(entityIds.length);
      expect(entities.map((e) => e.id).sort((a, b) => a - b)).toEqual(
        entityIds.sort((a, b) => a - b),
      );
    }
    const evaluations = await fork().getKnex()('evaluation').select('id', 'product_id');
    for (const query of ['san pham 2', 'thot not', 'ca']) {
      const text = normalizeText(query);
      const products = new Set(
        reference.filter((r) => r.texts.some((t) => t.includes(text))).map((r) => r.id),
      );
      const expected = evaluations
        .filter((e) => products.has(Number(e.product_id)))
        .map((e) => Number(e.id));
      expect(expected.length).toBeGreaterThan(0);
      const [page, total] = await listEvaluations(
        fork(),
        { search: query, asOf: ASOF },
        { by: 'productName', direction: 'asc' },
        { limit: 1000, offset: 0 },
      );
      expect({ query, total }).toEqual({ query, total: expected.length });
      expect(page.map((e) => e.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    }
    const communes = await fork().find(Product, { normalizedCommune: { $ne: null } });
    for (const query of ['my', 'my hoa', 'Xã 50%', 'o"']) {
      const text = normalizeText(query);
      const expected = communes.filter((p) => p.normalizedCommune!.includes(text));
      const [, total] = await listProducts(
        fork(),
        { commune: query, asOf: ASOF },
        { by: 'name', direction: 'asc' },
        { limit: 1, offset: 0 },
      );
      expect({ query, total }).toEqual({ query, total: expected.length });
    }
  });

  /** The plan of the statement that returns a search's page of ids and its total. */
  async function planOfSearch(search: string): Promise<string> {
    const seen: { query: string; params: unknown[] }[] = [];
    const logger = orm.config.getLogger();
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (context) => {
      seen.push({ query: context.query ?? '', params: context.params ?? [] });
      original(context);
    };
    try {
      await listProducts(
        fork(),
        { search, asOf: ASOF },
        { by: 'name', direction: 'asc' },
        { limit: 40, offset: 0 },
      );
    } finally {
      logger.logQuery = original;
    }
    const statement = seen.find((s) => /over \(\)/.test(s.query));
    expect(statement).toBeDefined();
    const { query, params } = statement!;
    if (kind === 'postgresql') {
      // Deterministic at any table size: sequential and plain index scans (a whole primary key
      // read in order) are priced out for this transaction, so the plan shows whether an index
      // can serve each branch's condition.
      return fork().transactional(async (tx) => {
        await tx.execute('set local enable_seqscan = off', []);
        await tx.execute('set local enable_indexscan = off', []);
        const rows = await tx.execute<Record<string, string>[]>(`explain ${query}`, params);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }
    const rows = await fork().execute<{ detail: string }[]>(`explain query plan ${query}`, params);
    return rows.map((r) => r.detail).join('\n');
  }

  it('reads the trigram indexes for 3 characters and more (EXPLAIN), scans for fewer', async () => {
    const plan = await planOfSearch('cho moi');
    if (kind === 'postgresql') {
      expect(plan).toMatch(/Bitmap Index Scan on product_normalized_name_trgm/);
      expect(plan).toMatch(/Bitmap Index Scan on product_normalized_commune_trgm/);
      expect(plan).toMatch(/Bitmap Index Scan on economic_entity_normalized_name_trgm/);
    } else {
      expect(plan).toMatch(/SCAN product_search VIRTUAL TABLE INDEX 0:M/);
      expect(plan).toMatch(/SCAN s VIRTUAL TABLE INDEX 0:M/);
      expect(await planOfSearch('ca')).not.toMatch(/VIRTUAL TABLE/);
    }
  });
});

describe('SQLite search while an import’s search entries are still being written', () => {
  let orm: MikroORM;
  const fork = () => orm.em.fork() as EntityManager;
  const idsFound = async (query: string) => {
    const [page] = await listProducts(
      fork(),
      { search: query, asOf: ASOF },
      { by: 'name', direction: 'asc' },
      { limit: 1000, offset: 0 },
    );
    return page.map((p) => p.id).sort((a, b) => a - b);
  };
  /** The reference: a LIKE over every text a search reads. */
  const expectedIds = async (query: string) => {
    const text = normalizeText(query);
    return (await allProducts(fork()))
      .filter((r) => r.texts.some((t) => t.includes(text)))
      .map((r) => r.id)
      .sort((a, b) => a - b);
  };
  const backlog = () =>
    fork().execute<{ name: string; after_id: number }[]>(
      'select name, after_id from search_backlog order by name',
    );

  beforeAll(async () => {
    orm = await createTestOrm('libsql');
    await seedDatabase(orm, { sampleActivities: false });
  });
  afterAll(() => destroyTestOrm(orm));

  it('finds the rows an import committed a moment ago, and after their entries are written', async () => {
    const list = generateDecisionList(90, 'Vừa nhập');
    let reached!: () => void;
    const atCommit = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const importing = importDecisionList(fork(), {
      fileName: 'vua-nhap.csv',
      content: list.csv,
      afterCopy: async () => {
        reached();
        await held;
      },
    });
    await atCommit;

    // Committed, not yet in the search tables: the backlog is open at the ids before the import.
    const open = await backlog();
    expect(open.map((b) => b.name)).toEqual(['entity_search', 'product_search']);
    const [pending] = await fork().execute<{ n: number }[]>(
      `select count(*) as n from product_search where rowid > (select after_id from search_backlog where name = 'product_search')`,
    );
    expect(pending?.n).toBe(0);
    // A product written meanwhile through the service waits for the catch-up too.
    const [entity] = await fork().execute<{ id: number }[]>(
      'select id from economic_entity order by id limit 1',
    );
    await fork().transactional((tx) =>
      registerProduct(
        tx,
        {
          name: 'Bánh pía Vừa nhập tay',
          entityId: entity!.id,
          unitCode: 'tinh-bien',
          commune: 'Xã Vừa Ghi',
        },
        ASOF,
      ),
    );
    const queries = ['vua nhap san pham 7', 'Vừa nhập cơ sở 2', 'xa vua ghi', 'nhap'];
    const before = new Map<string, number[]>();
    for (const query of queries) {
      const expected = await expectedIds(query);
      expect(expected.length).toBeGreaterThan(0);
      expect({ query, ids: await idsFound(query) }).toEqual({ query, ids: expected });
      before.set(query, expected);
    }

    release();
    expect((await importing).applied).toBe(true);
    // Entries written, backlog closed: the same products through the search tables alone.
    expect(await backlog()).toEqual([]);
    const [unindexed] = await fork().execute<{ missing: number }[]>(
      'select count(*) as missing from product p where not exists (select 1 from product_search s where s.rowid = p.id)',
    );
    expect(unindexed?.missing).toBe(0);
    for (const query of queries)
      expect({ query, ids: await idsFound(query) }).toEqual({ query, ids: before.get(query) });
  });
});
