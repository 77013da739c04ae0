// A search backlog left open by an import whose catch-up was cut short (here: the import aborted
// right after its commit) is closed when the server starts: every product and entity gets its
// FTS5 entry, one info line says how many rows were indexed, and search finds the imported
// products from the search tables alone. PostgreSQL has no backlog: the start logs nothing of it.
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { seedDatabase } from '../src/db/seed.js';
import { importDecisionList } from '../src/modules/imports/decision-list-importer.js';
import { ImportAborted } from '../src/modules/imports/import.service.js';
import { createServer } from '../src/server.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';
import { generateDecisionList } from './decision-list-generator.js';

const BACKLOG_LINE = /^search backlog/;

interface LogLine {
  level: number;
  msg: string;
  rows?: number;
}

/** A server logging at info into `lines`; `line` resolves with the first line matching `re`. */
async function serverWithLog(orm: MikroORM) {
  const lines: LogLine[] = [];
  let seen: ((line: LogLine) => void) | null = null;
  const backlogLine = new Promise<LogLine>((resolve) => (seen = resolve));
  const app = await createServer(loadConfig({ LOG_LEVEL: 'info' }), orm, {
    logStream: {
      write: (text) => {
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        if (BACKLOG_LINE.test(line.msg)) seen?.(line);
      },
    },
  });
  return { app, lines, backlogLine };
}

describe('SQLite: a search backlog left open is closed at start', () => {
  let orm: MikroORM;
  const fork = () => orm.em.fork() as EntityManager;
  const count = async (sql: string) => Number((await fork().execute<{ n: number }[]>(sql))[0]?.n);
  const unindexedProducts = () =>
    count(
      'select count(*) as n from product p where not exists (select 1 from product_search s where s.rowid = p.id)',
    );
  const unindexedEntities = () =>
    count(
      'select count(*) as n from economic_entity e where not exists (select 1 from entity_search s where s.rowid = e.id)',
    );

  beforeAll(async () => {
    orm = await createTestOrm('libsql');
    await seedDatabase(orm, { sampleActivities: false });
  });
  afterAll(() => destroyTestOrm(orm));

  it('writes the missing search entries in the background, logs them and closes the backlog', async () => {
    const list = generateDecisionList(90, 'Bị ngắt');
    const controller = new AbortController();
    const report = await importDecisionList(fork(), {
      fileName: 'bi-ngat.csv',
      content: list.csv,
      signal: controller.signal,
      // Committed; the abort cuts the catch-up short before its first transaction.
      afterCopy: async () => controller.abort(new ImportAborted('stopped after the commit')),
    });
    expect(report.applied).toBe(true);
    expect(await fork().execute('select name from search_backlog order by name')).toEqual([
      { name: 'entity_search' },
      { name: 'product_search' },
    ]);
    expect(await unindexedProducts()).toBe(list.products);
    expect(await unindexedEntities()).toBe(list.entities);

    const { app, lines, backlogLine } = await serverWithLog(orm);
    try {
      await app.ready();
      const line = await backlogLine;
      expect(line).toMatchObject({
        level: 30,
        msg: 'search backlog closed at start: rows indexed',
        rows: list.products + list.entities,
      });
      expect(lines.filter((l) => BACKLOG_LINE.test(l.msg))).toHaveLength(1);
      expect(await fork().execute('select name from search_backlog')).toEqual([]);
      expect(await unindexedProducts()).toBe(0);
      expect(await unindexedEntities()).toBe(0);

      // Found through the search tables alone (no backlog: no LIKE branch), over GraphQL.
      const search = async (text: string) => {
        const response = await app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json' },
          payload: {
            query:
              'query($s: String) { products(first: 100, filter: { search: $s }) { totalCount edges { node { name } } } }',
            variables: { s: text },
          },
        });
        const body = response.json() as {
          data: { products: { totalCount: number; edges: { node: { name: string } }[] } };
        };
        return body.data.products;
      };
      const all = await search('bi ngat san pham');
      expect(all.totalCount).toBe(list.products);
      const seven = await search('Bị ngắt sản phẩm 7');
      // 90 rows: products 7 and 70–79.
      expect(seven.edges.map((e) => e.node.name).sort()).toEqual(
        [7, ...Array.from({ length: 10 }, (_, i) => 70 + i)]
          .map((n) => `Bị ngắt sản phẩm ${n}`)
          .sort(),
      );
      // Entity 12 (three products per entity: rows 36–38), found through entity_search.
      expect((await search('bi ngat co so 12')).totalCount).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('a new import with a backlog left open keeps its lower start, and its catch-up closes it', async () => {
    const first = generateDecisionList(30, 'Còn treo');
    const controller = new AbortController();
    await importDecisionList(fork(), {
      fileName: 'con-treo.csv',
      content: first.csv,
      signal: controller.signal,
      afterCopy: async () => controller.abort(new ImportAborted('stopped after the commit')),
    });
    const [left] = await fork().execute<{ after_id: number }[]>(
      `select after_id from search_backlog where name = 'product_search'`,
    );
    expect(await unindexedProducts()).toBe(first.products);

    const second = generateDecisionList(30, 'Nhập tiếp');
    let openDuring: number | undefined;
    const report = await importDecisionList(fork(), {
      fileName: 'nhap-tiep.csv',
      content: second.csv,
      afterCopy: async () => {
        const [row] = await fork().execute<{ after_id: number }[]>(
          `select after_id from search_backlog where name = 'product_search'`,
        );
        openDuring = row?.after_id;
      },
    });
    expect(report.applied).toBe(true);
    expect(openDuring).toBe(left!.after_id);
    expect(await fork().execute('select name from search_backlog')).toEqual([]);
    expect(await unindexedProducts()).toBe(0);
    expect(await unindexedEntities()).toBe(0);
    // One entry per row: none written twice.
    expect(await count('select count(*) as n from product_search')).toBe(
      await count('select count(*) as n from product'),
    );
    expect(await count('select count(*) as n from entity_search')).toBe(
      await count('select count(*) as n from economic_entity'),
    );
  });
});

describe.each(DIALECTS)('start without a search backlog on %s', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
  });
  afterAll(() => destroyTestOrm(orm));

  it('logs no search backlog line', async () => {
    const { app, lines } = await serverWithLog(orm);
    await app.ready();
    await app.close();
    expect(lines.filter((l) => BACKLOG_LINE.test(l.msg))).toEqual([]);
  });
});
