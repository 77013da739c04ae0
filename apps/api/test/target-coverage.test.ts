// Each KPI card's coverage from the seed (data/seed): plan 152/KH-UBND of 2021. The database holds
// the decisions of round 1/2021; the province published round 2/2021 (11 products passed, early
// December 2021), whose decisions are not recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './db.js';
import { createTestApi, type TestApi } from './api.js';
import { bumpDataVersion } from '../src/modules/data-version/data-version.service.js';
import { logStatements } from './statement-log.js';

const query = `query ($asOf: Date) {
  plan(year: 2021) {
    targets(asOf: $asOf) {
      code
      coverage {
        source missingPassed statement statementVi
        publishedRounds { round year passed }
        recordedRounds { round year }
        unrecordedRounds { round year passed }
      }
    }
  }
}`;

type Coverage = {
  source: string;
  missingPassed: number | null;
  statement: string;
  statementVi: string;
  publishedRounds: { round: number; year: number; passed: number | null }[];
  unrecordedRounds: { round: number; year: number; passed: number | null }[];
};

describe.each(DIALECTS)('PlanTarget.coverage on %s', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(kind);
  });
  afterAll(() => api?.close());

  async function coverageOn(asOf: string): Promise<Map<string, Coverage>> {
    const res = await api.gql(query, { asOf });
    expect(res.errors?.map((e) => e.message)).toBeUndefined();
    return new Map(
      res.data!.plan.targets.map((t: { code: string; coverage: Coverage }) => [t.code, t.coverage]),
    );
  }

  it('T1 at the end of 2021 names round 2/2021 and its 11 products as missing', async () => {
    const t1 = (await coverageOn('2021-12-31')).get('T1-CERTIFIED')!;
    expect(t1).toMatchObject({
      source: 'PROVINCIAL_ROUNDS',
      missingPassed: 11,
      publishedRounds: [
        { round: 1, year: 2021, passed: 12 },
        { round: 2, year: 2021, passed: 11 },
      ],
      unrecordedRounds: [{ round: 2, year: 2021, passed: 11 }],
    });
    expect(t1.statement).toBe(
      'The database holds the decisions of round 1/2021; round 2/2021 (11 products passed) is published but not recorded here, so up to 11 products are missing from the figure.',
    );
    expect(t1.statementVi).toContain('đợt 2/2021 (11 sản phẩm đạt) đã được công bố');
  });

  it('mid-2021 every published round of the year is held', async () => {
    const t1 = (await coverageOn('2021-06-30')).get('T1-CERTIFIED')!;
    expect(t1.missingPassed).toBe(0);
    expect(t1.unrecordedRounds).toEqual([]);
    expect(t1.statement).toBe(
      'The database holds the decisions of every provincial round published by 2021-06-30: 1/2021.',
    );
  });

  it('national and activity targets say what they rest on', async () => {
    const byCode = await coverageOn('2021-12-31');
    expect(byCode.get('T2-NATIONAL')).toMatchObject({
      source: 'NATIONAL_RESULTS',
      publishedRounds: [],
    });
    expect(byCode.get('T7-CAPACITY')!.source).toBe('ACTIVITIES');
    expect(byCode.get('T7-CAPACITY')!.statementVi).toContain('Không có số liệu công bố');
  });

  it('costs two statements beside the progress for all eight cards (the data version is read once)', async () => {
    const bare = `query { plan(year: 2021) { targets(asOf: "2021-12-30") { code progress { actual } } } }`;
    const withCoverage = `query { plan(year: 2021) { targets(asOf: "2021-12-30") { code progress { actual } coverage { statement } } } }`;
    const log = logStatements(api.orm);
    async function uncachedCount(q: string) {
      await api.orm.em.fork().transactional((tx) => bumpDataVersion(tx));
      log.reset();
      const res = await api.gql(q);
      expect(res.errors).toBeUndefined();
      return log.statements.length;
    }
    expect((await uncachedCount(withCoverage)) - (await uncachedCount(bare))).toBe(2);
  });
});
