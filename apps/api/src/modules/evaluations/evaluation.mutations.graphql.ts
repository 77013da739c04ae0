// recordEvaluation: the stars are computed by the domain (rateScorecard) under the rule set in
// force on the evaluation date, never typed in. SECRETARIAT at any level; the DISTRICT_OFFICER of
// the product's unit at district level on dates whose rule set gives districts a role (148: 3★).
import { getRuleSet, mandatoryCriteriaApply, rateScorecard, ruleSetInForce } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { duplicate, validationFailed } from '../../graphql/errors.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { productUnitCode, whenSignedIn } from '../auth/resource-units.js';
import { PartScoreInput } from './part-score.graphql.js';
import { Product as ProductEntity } from '../products/product.entity.js';
import { checkProgrammeDate, optionalText, toId } from '../shared/input-checks.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import { EvaluationLevelEnum } from './evaluation-level.graphql.js';
import { Evaluation as EvaluationEntity } from './evaluation.entity.js';
import { Evaluation } from './evaluation.graphql.js';

const EvaluationInput = builder.inputType('EvaluationInput', {
  description: 'A council’s scorecard. Stars are computed, not entered.',
  fields: (t) => ({
    productId: t.id({ required: true, description: 'Evaluated product.' }),
    level: t.field({ type: EvaluationLevelEnum, required: true, description: 'Council level.' }),
    date: t.field({
      type: 'Date',
      required: true,
      description: 'Evaluation day (2019-08-21 … today); picks the rule set.',
    }),
    parts: t.field({
      type: [PartScoreInput],
      required: true,
      description: 'Part scores A, B, C (council averages).',
    }),
    council: t.string({ description: 'Council as named in its minutes.' }),
    mandatoryCriteriaMet: t.intList({
      description: 'Star levels whose mandatory criteria are met; omitted = all met.',
    }),
    ruleSet: t.string({
      description: 'Optional cross-check: must be the code of the rule set in force on `date`.',
    }),
  }),
});

function evaluationSnapshot(e: EvaluationEntity): Record<string, unknown> {
  return {
    id: e.id,
    productId: e.product.id,
    level: e.level,
    date: e.date,
    ruleSet: e.ruleSetCode,
    parts: { A: e.partA ?? null, B: e.partB ?? null, C: e.partC ?? null },
    total: e.total ?? null,
    stars: e.stars ?? null,
    potentialFiveStar: e.potentialFiveStar,
    council: e.council ?? null,
    outcome: e.outcome,
  };
}

builder.mutationFields((t) => ({
  recordEvaluation: t.field({
    type: Evaluation,
    description:
      'Records an evaluation; stars from the domain under the rule set in force on `date`. Errors: PART_ABOVE_MAX (names part and limit), PART_MISSING, DATE_BEFORE_PROGRAMME, VALIDATION_FAILED (date in the future, unknown product…).',
    args: {
      input: t.arg({ type: EvaluationInput, required: true }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    authScopes: (_root, { input }, ctx) =>
      whenSignedIn(ctx, async () => ({
        $any: {
          secretariat: true,
          ...(input.level === 'district'
            ? {
                districtEvaluator: {
                  unitCode: await productUnitCode(ctx, input.productId, 'productId'),
                  date: input.date,
                },
              }
            : {}),
        },
      })),
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      runWrite(
        ctx,
        {
          action: 'recordEvaluation',
          recordType: 'Evaluation',
          uniqueField: 'date',
          retryRaces: true,
          idempotency: {
            key: idempotencyKey,
            input,
            load: (em, id) => em.findOne(EvaluationEntity, Number(id)),
          },
        },
        async (tx) => {
          const product = await tx.findOne(ProductEntity, toId('productId', input.productId));
          if (!product)
            throw validationFailed('productId', {
              en: `Product ${input.productId} does not exist.`,
              vi: `Không có sản phẩm ${input.productId}.`,
            });
          if (input.date > ctx.today) checkProgrammeDate('date', input.date, ctx.today);
          const ruleSet = ruleSetInForce(input.date);
          if (input.ruleSet != null && getRuleSet(input.ruleSet).code !== ruleSet.code) {
            throw validationFailed('ruleSet', {
              en: `Rule set ${input.ruleSet} is not in force on ${input.date}; ${ruleSet.code} is.`,
              vi: `Bộ tiêu chí ${input.ruleSet} không có hiệu lực vào ngày ${input.date}; bộ có hiệu lực là ${ruleSet.code}.`,
            });
          }
          const met = input.mandatoryCriteriaMet;
          if (met?.some((level) => level < 1 || level > 5)) {
            throw validationFailed('mandatoryCriteriaMet', {
              en: 'Star levels are 1–5.',
              vi: 'Hạng sao phải từ 1 đến 5.',
            });
          }
          const mandatoryMet =
            met && mandatoryCriteriaApply(ruleSet, input.date)
              ? Object.fromEntries([1, 2, 3, 4, 5].map((l) => [l, met.includes(l)]))
              : undefined;
          const rating = rateScorecard({
            ruleSet,
            parts: input.parts,
            stage: input.level,
            mandatoryMet,
          });
          const score = (part: string) => rating.parts.find((p) => p.part === part)?.score ?? null;
          const values = {
            level: input.level,
            date: input.date,
            datePrecision: 'day' as const,
            year: Number(input.date.slice(0, 4)),
            ruleSetCode: rating.ruleSetCode,
            partA: score('A'),
            partB: score('B'),
            partC: score('C'),
            total: rating.total,
            stars: rating.stars,
            potentialFiveStar: rating.potentialFiveStar,
            council: optionalText('council', input.council, 500),
            round: null,
            outcome: rating.isOcop ? ('passed' as const) : ('failed' as const),
          };
          // One evaluation per product, level and day (a unique index): the same fact again returns
          // the recorded one; other values are a DUPLICATE.
          const existing = await tx.findOne(EvaluationEntity, {
            product: product.id,
            level: input.level,
            date: input.date,
          });
          if (existing) {
            const same = (Object.keys(values) as (keyof typeof values)[]).every(
              (k) => (existing[k] ?? null) === values[k],
            );
            if (!same) {
              throw duplicate(
                'Evaluation',
                'date',
                {
                  en: `A ${input.level} evaluation of this product on ${input.date} is already recorded (id ${existing.id}) with other values.`,
                  vi: `Đã có kết quả đánh giá ${LEVEL_NAMES_VI[input.level]} của sản phẩm này ngày ${input.date} (mã ${existing.id}) với giá trị khác.`,
                },
                existing.id,
              );
            }
            return {
              result: existing,
              written: false,
              audit: () => ({ recordId: existing.id }),
            };
          }
          const evaluation = tx.create(EvaluationEntity, { product, ...values });
          return {
            result: evaluation,
            audit: () => ({ recordId: evaluation.id, after: evaluationSnapshot(evaluation) }),
          };
        },
      ),
  }),
}));
