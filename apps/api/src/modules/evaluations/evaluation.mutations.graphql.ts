// recordEvaluation: the stars are computed by the domain (rateScorecard) under the rule set in
// force on the evaluation date, never typed in. SECRETARIAT at any level; the DISTRICT_OFFICER of
// the product's unit at district level on dates whose rule set gives districts a role (148: 3★).
// The checks and the write live in evaluation.service.ts.
import { builder } from '../../graphql/builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { productUnitCode, whenSignedIn } from '../auth/resource-units.js';
import { PartScoreInput } from './part-score.graphql.js';
import { EvaluationLevelEnum } from './evaluation-level.graphql.js';
import { Evaluation } from './evaluation.graphql.js';
import { evaluationById, recordEvaluation } from './evaluation.service.js';

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
            load: evaluationById,
          },
        },
        (tx) => recordEvaluation(tx, input, ctx.today),
      ),
  }),
}));
