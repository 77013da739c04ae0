// The warm-up after a change (http/warm-up-watch.ts): a change of the data version or of the day
// that held still for one poll is warmed up again, so the dashboard's next visitor gets stored
// answers instead of paying the recount. Both dialects, on the real seed data; polls are called by
// the tests (no timer), except in the last test, which listens like a deployed server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DEFAULT_MANIFEST, loadTrustedDocuments } from '../src/graphql/trusted-documents.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { DataVersionReader } from '../src/cache/version-reader.js';
import { DEFAULT_PLAN_YEAR } from '../src/http/view-params.js';
import { warmUpRequests } from '../src/http/warm-up.js';
import {
  dashboardState,
  watchForChanges,
  type WarmUpWatchOptions,
} from '../src/http/warm-up-watch.js';
import { createServer } from '../src/server.js';
import { createTestApi, type TestApi } from './api.js';
import { DIALECTS } from './db.js';
import { logStatements } from './statement-log.js';

const documents = loadTrustedDocuments(DEFAULT_MANIFEST);
const VERSION_READ = 'select version, epoch from data_version where id = 1';
const quiet = { info: () => undefined, warn: () => undefined };

describe('a failed warm-up after a change', () => {
  it('is one warning, not tried again until the state changes again', async () => {
    const warnings: string[] = [];
    let version = 1;
    const options: WarmUpWatchOptions = {
      year: 2021,
      readVersion: async () => ({ epoch: 'e', version }),
      today: () => '2026-12-01',
      log: {
        info: () => undefined,
        warn: ((_: object, msg: string) => warnings.push(msg)) as never,
      },
    };
    const app = { inject: () => Promise.reject(new Error('closed')) };
    const watch = watchForChanges(app as never, {} as never, documents, options, 'e:1|2026-12-01');
    version = 2;
    expect(await watch.poll()).toBeNull(); // changed: waits one poll
    expect(await watch.poll()).toBeNull(); // held still: warmed, and failed
    expect(warnings).toEqual(['dashboard figures after a change failed']);
    expect(await watch.poll()).toBeNull();
    expect(warnings).toHaveLength(1);
    await watch.stop();
  });

  it('reads once at a time: a poll during a slow read neither reads nor warms up', async () => {
    let reads = 0;
    let answer!: () => void;
    const watch = watchForChanges(
      {} as never,
      {} as never,
      documents,
      {
        year: 2021,
        readVersion: () => {
          reads += 1;
          return new Promise((resolve) => (answer = () => resolve({ epoch: 'e', version: 1 })));
        },
        today: () => '2026-12-01',
        log: quiet,
      },
      'e:1|2026-12-01',
    );
    const slow = watch.poll();
    expect(await watch.poll()).toBeNull();
    expect(reads).toBe(1);
    answer();
    expect(await slow).toBeNull();
    await watch.stop();
  });

  it('waits while the database does not answer', async () => {
    const watch = watchForChanges(
      {} as never,
      {} as never,
      documents,
      {
        year: 2021,
        readVersion: () => Promise.reject(new Error('down')),
        log: quiet,
      },
      'e:1|2026-12-01',
    );
    expect(await watch.poll()).toBeNull();
    await watch.stop();
  });
});

describe.each(DIALECTS)('the warm-up after a change on %s', (kind) => {
  let api: TestApi;
  let options: WarmUpWatchOptions;
  let today = '2026-12-01';
  const [, trends] = warmUpRequests(documents, { year: DEFAULT_PLAN_YEAR });

  /** A one-evaluation write with the data version raised, as an officer's save (a new day each). */
  let written = 0;
  async function writeEvaluation(): Promise<void> {
    const day = `2021-06-${String(++written).padStart(2, '0')}`;
    await api.orm.em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const [product] = await connection.execute<{ id: number }[]>(
        'select id from product order by id limit 1',
        [],
        'all',
        context,
      );
      await connection.execute(
        `insert into evaluation (product_id, level, date, date_precision, year, rule_set_code, stars)
           values (?, 'province', ?, 'day', 2021, 'QD1048', 3)`,
        [product!.id, day],
        'run',
        context,
      );
      await bumpDataVersion(tx);
    });
  }

  beforeAll(async () => {
    api = await createTestApi(kind);
    const versions = DataVersionReader.of(api.orm);
    options = {
      year: DEFAULT_PLAN_YEAR,
      readVersion: () => versions.current(),
      today: () => today,
      log: quiet,
    };
  });
  afterAll(() => api?.close());
  /** A watch from the current state (as after a start-up warm-up), polled by the test. */
  const watchFromNow = async (watched = options) =>
    watchForChanges(api.app, api.orm, documents, watched, (await dashboardState(options)).key);

  it('reads only the version while nothing changes', async () => {
    const watch = await watchFromNow();
    const log = logStatements(api.orm);
    expect(await watch.poll()).toBeNull();
    expect(await watch.poll()).toBeNull();
    expect(log.statements).toEqual([VERSION_READ, VERSION_READ]);
    await watch.stop();
  });

  it('after a write that held still for a poll, stores the trends the next visitor asks for', async () => {
    const watch = await watchFromNow();
    await writeEvaluation();
    expect(await watch.poll()).toBeNull();
    // Another write before the next poll: still changing, nothing counted yet.
    await writeEvaluation();
    expect(await watch.poll()).toBeNull();
    const report = await watch.poll();
    expect(report?.answers.map((a) => [a.name, a.status])).toEqual([
      ['Plan', 200],
      ['PlanTrends', 200],
      ['Districts', 200],
    ]);
    expect(await watch.poll()).toBeNull(); // warmed: nothing until the next change

    // The visitor's trends: the stored bytes (one statement, the version read), equal to a POST.
    const log = logStatements(api.orm);
    const res = await api.app.inject({ method: 'GET', url: trends!.url });
    expect(res.statusCode).toBe(200);
    expect(log.statements).toEqual([VERSION_READ]);
    const variables = JSON.parse(
      decodeURIComponent(new URL(trends!.url, 'http://x').searchParams.get('variables')!),
    ) as Record<string, unknown>;
    const posted = await api.gql(documents.named('PlanTrends')!.body, variables as never);
    expect(res.json().data).toEqual(posted.data);
    await watch.stop();
  });

  it('warms up again on a new day, with no write', async () => {
    const watch = await watchFromNow();
    today = '2026-12-02';
    expect(await watch.poll()).toBeNull();
    expect((await watch.poll())?.answers).toHaveLength(3);
    expect(await watch.poll()).toBeNull();
    await watch.stop();
  });

  it('stops between polls and waits for a warm-up in progress', async () => {
    const logged: string[] = [];
    let stopped: Promise<string[]> | null = null;
    let stopOnRead = false;
    const watch = await watchFromNow({
      ...options,
      readVersion: async () => {
        const stamp = await options.readVersion();
        // Stopped once this poll has begun its warm-up (after the read's continuations).
        if (stopOnRead) setImmediate(() => (stopped = watch.stop().then(() => [...logged])));
        return stamp;
      },
      log: { info: ((_: object, msg: string) => logged.push(msg)) as never, warn: quiet.warn },
    });
    await writeEvaluation();
    expect(await watch.poll()).toBeNull();
    stopOnRead = true;
    expect((await watch.poll())?.answers).toHaveLength(3);
    expect(await stopped).toEqual(['dashboard figures computed after a change']);
    // Stopped: a later change is not warmed up.
    stopOnRead = false;
    await writeEvaluation();
    expect(await watch.poll()).toBeNull();
    expect(await watch.poll()).toBeNull();
  });

  it('runs on its own once the server listens (WARM_UP_POLL_SECONDS)', async () => {
    const lines: string[] = [];
    const app = await createServer(
      loadConfig({
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '100000',
        WARM_UP: '1',
        WARM_UP_POLL_SECONDS: '0.05',
      }),
      api.orm,
      { logStream: { write: (line) => lines.push(line) } },
    );
    const logged = async (message: string, count: number) => {
      while (lines.filter((l) => l.includes(message)).length < count)
        await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      await logged('dashboard figures computed after start-up', 1);
      await writeEvaluation();
      await logged('dashboard figures computed after a change', 1);
      const log = logStatements(api.orm);
      expect((await app.inject({ method: 'GET', url: trends!.url })).statusCode).toBe(200);
      expect(log.statements.filter((s) => s !== VERSION_READ)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
