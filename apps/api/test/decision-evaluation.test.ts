// Decisions consistent with evaluations (issue 11 point 3), on both dialects: a decision's stars
// never exceed the result of the evaluation it rests on, a typed-in recognition needs an
// evaluation result, and a decision list published without scores is accepted but flagged
// `withoutEvaluation` (DecisionItem.withoutEvaluation in GraphQL). The checks are the domain's
// (packages/domain/src/rules/decision-checks.ts), called by recordDecision and the importer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionItem } from '../src/modules/decisions/decision-item.entity.js';
import { createTestApi, type TestApi } from './api.js';
import { createActors, errorOf, rowCounts, signInAll, type Client } from './auth-helpers.js';
import { DIALECTS } from './db.js';
import { csvBase64, csvRow, IMPORT, loadFixtures, type Fixtures } from './write-fixtures.js';

const EVALUATE =
  'mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id total stars outcome } }';
const DECIDE =
  'mutation($i: DecisionInput!) { recordDecision(input: $i) { id items { stars withoutEvaluation } } }';
const parts = (a: number, b: number, c: number) => [
  { part: 'A', score: a },
  { part: 'B', score: b },
  { part: 'C', score: c },
];

describe.each(DIALECTS)('decisions against evaluations on %s', (kind) => {
  let api: TestApi;
  let secretariat: Client;
  let f: Fixtures;
  const evaluate = async (productId: number, level: string, p: [number, number, number]) => {
    const res = await secretariat.gql(EVALUATE, {
      i: { productId, level, date: '2024-05-10', parts: parts(...p) },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.recordEvaluation;
  };
  const decide = (productId: number, stars: number, level: string, number: string) =>
    secretariat.gql(DECIDE, {
      i: {
        number,
        date: '2024-06-01',
        issuingLevel: level,
        items: [{ productId: String(productId), stars, action: 'RECOGNISE' }],
      },
    });

  beforeAll(async () => {
    api = await createTestApi(kind);
    await createActors(api.orm);
    f = await loadFixtures(api.orm);
    secretariat = (await signInAll(api)).secretariat;
  });
  afterAll(() => api?.close());

  it('refuses a 5★ national decision on a 55-point evaluation, naming items.0.stars', async () => {
    const productId = f.chauPhuProductIds[8]!;
    expect(await evaluate(productId, 'NATIONAL', [20, 15, 20])).toMatchObject({
      total: 55,
      stars: 3,
      outcome: 'PASSED',
    });
    const before = await rowCounts(api.orm);
    const res = await decide(productId, 5, 'NATIONAL', '55/QĐ-BNN');
    expect(errorOf(res)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'items.0.stars',
      reason: 'STARS_ABOVE_EVALUATION',
      messageEn: '5★ is above an evaluation of 55 points (3★).',
      messageVi: '5 sao cao hơn kết quả đánh giá 55 điểm (3 sao).',
    });
    expect(await rowCounts(api.orm)).toEqual(before);
  });

  it('refuses a 4★ decision on a failed 20-point evaluation', async () => {
    const productId = f.chauPhuProductIds[9]!;
    expect(await evaluate(productId, 'PROVINCE', [8, 5, 7])).toMatchObject({
      total: 20,
      outcome: 'FAILED',
    });
    const res = await decide(productId, 4, 'PROVINCE', '20/QĐ-UBND');
    expect(errorOf(res)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'items.0.stars',
      messageVi: '4 sao cao hơn kết quả đánh giá không đạt.',
    });
  });

  it('refuses a recognition typed in without any evaluation, naming evaluationIds', async () => {
    const res = await decide(f.chauPhuProductIds[10]!, 4, 'PROVINCE', '21/QĐ-UBND');
    expect(errorOf(res)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'evaluationIds',
      reason: 'NO_EVALUATION',
      messageVi:
        'Theo 148/QĐ-TTg, công nhận 4 sao phải căn cứ kết quả đánh giá (điểm của hội đồng); hãy ghi nhận kết quả đánh giá trước.',
    });
  });

  it('records stars within the evaluation (4★ on 78.5 points), not flagged', async () => {
    const productId = f.chauPhuProductIds[11]!;
    await evaluate(productId, 'PROVINCE', [30, 20, 28.5]);
    const res = await decide(productId, 4, 'PROVINCE', '785/QĐ-UBND');
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordDecision.items).toEqual([{ stars: 4, withoutEvaluation: false }]);
  });

  it('flags the seed’s recognitions published without a score (61 of 65), and shows it in GraphQL', async () => {
    const em = api.orm.em.fork();
    const seeded = await em.find(DecisionItem, { id: { $lte: 65 } });
    expect(seeded).toHaveLength(65);
    expect(seeded.filter((i) => i.withoutEvaluation)).toHaveLength(61);
    const res = await api.gql(
      '{ decisions(first: 1, filter: { level: PROVINCE, decisionYear: 2022 }) { nodes { number items { withoutEvaluation } } } }',
    );
    expect(res.errors).toBeUndefined();
    const items = res.data!.decisions.nodes[0].items as { withoutEvaluation: boolean }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.withoutEvaluation)).toBe(true);
  });

  it('refuses an imported row whose stars exceed an evaluation recorded before', async () => {
    // Product 12's provincial evaluation of 2024-05-10 has 55 points (3★).
    const productId = f.chauPhuProductIds[12]!;
    await evaluate(productId, 'PROVINCE', [20, 15, 20]);
    const common = {
      entity_name: 'Hộ Tư Sáu',
      entity_type: 'household_business',
      score: '',
      level: 'province',
      decision: '510/QĐ-UBND',
      decision_date: '2024-05-10',
      year: '2024',
    };
    const res = await secretariat.gql(IMPORT, {
      f: 'qd-510.csv',
      c: csvBase64(
        csvRow('Sản phẩm thử 12', { ...common, stars: '4' }),
        csvRow('Sản phẩm thử 13', { ...common, stars: '4' }),
      ),
      fmt: 'CSV',
      d: false,
    });
    expect(res.errors).toBeUndefined();
    const report = res.data!.importDecisionList;
    expect(report.rejected).toBe(1);
    expect(report.rows.find((r: { line: number }) => r.line === 2).issues).toContainEqual(
      expect.objectContaining({ field: 'stars', code: 'stars_above_evaluation' }),
    );
  });
});
