// Council rounds as facts (issue 9 point 5): the secretariat records a round known only by its
// published counts, and the pass-rate target T5 of plan 152 reads it at once (the write raises the
// data version, so no cached figure survives it), on both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './api.js';
import { createActors, errorOf, signInAll, type ActorName, type Client } from './auth-helpers.js';
import { DIALECTS } from './db.js';

const RECORD =
  'mutation($i: CouncilRoundInput!) { recordCouncilRound(input: $i) { id metric value date { value precision } sources { url } } }';
const T5 = `{ plan(year: 2021) { targets(asOf: "2021-12-31") { code progress { actual numerator denominator publishedRounds } } } }`;
const ROUND_2 = {
  year: 2021,
  round: 2,
  date: '2021-11-15',
  evaluated: 15,
  passed: 11,
  sourceUrl: 'https://baotintuc.vn/dia-phuong/an-giang-ocop-2021.htm',
};

describe.each(DIALECTS)('recordCouncilRound on %s', (kind) => {
  let api: TestApi;
  let as: Record<ActorName, Client>;
  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    as = await signInAll(api);
  });
  afterAll(() => api?.close());

  const t5 = async () => {
    const res = await as.anonymous.gql(T5);
    expect(res.errors).toBeUndefined();
    return res.data!.plan.targets.find((t: { code: string }) => t.code === 'T5-PASS-RATE').progress;
  };

  it('stores the counts as two published figures that T5 reads at once', async () => {
    expect(await t5()).toMatchObject({
      numerator: 12,
      denominator: 17,
      publishedRounds: ['1/2021'],
    });
    const res = await as.secretariat.gql(RECORD, { i: ROUND_2 });
    expect(res.errors).toBeUndefined();
    expect(
      res.data!.recordCouncilRound.map((f: { metric: string; value: string }) => [
        f.metric,
        f.value,
      ]),
    ).toEqual([
      ['ag_provincial_council_round2_2021_products_evaluated', '15'],
      ['ag_provincial_council_round2_2021_products_passed', '11'],
    ]);
    expect(res.data!.recordCouncilRound[0]).toMatchObject({
      date: { value: '2021-11-15', precision: 'DAY' },
      sources: [{ url: ROUND_2.sourceUrl }],
    });
    // (12 + 11) / (17 + 15) = 71.88 %.
    expect(await t5()).toEqual({
      actual: 71.88,
      numerator: 23,
      denominator: 32,
      publishedRounds: ['1/2021', '2/2021'],
    });
  });

  it('returns the stored figures for the same counts and refuses other counts as DUPLICATE', async () => {
    const first = await as.secretariat.gql(RECORD, { i: ROUND_2 });
    const again = await as.secretariat.gql(RECORD, { i: ROUND_2 });
    expect(again.data!.recordCouncilRound).toEqual(first.data!.recordCouncilRound);
    const other = await as.secretariat.gql(RECORD, { i: { ...ROUND_2, passed: 10 } });
    expect(errorOf(other)).toMatchObject({ code: 'DUPLICATE', field: 'round' });
    expect((await t5()).numerator).toBe(23);
  });

  it('names the refused field and keeps the round to the secretariat', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ passed: 16 }, 'passed'],
      [{ evaluated: 0 }, 'evaluated'],
      [{ round: 3, date: '2020-12-01' }, 'date'],
      [{ round: 3, date: '2099-01-01' }, 'date'],
      [{ round: 13 }, 'round'],
      [{ round: 3, sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
    ];
    for (const [change, field] of cases) {
      const res = await as.secretariat.gql(RECORD, { i: { ...ROUND_2, ...change } });
      expect(errorOf(res), field).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const officer = await as.snnOfficer.gql(RECORD, { i: { ...ROUND_2, round: 3 } });
    expect(errorOf(officer).code).toBe('FORBIDDEN');
  });
});
