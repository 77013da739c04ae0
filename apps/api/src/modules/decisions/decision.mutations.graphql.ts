// recordDecision (SECRETARIAT): a numbered decision recognising or revoking stars. The checks and
// the write live in decision.service.ts (domain decision checks, certificate service).
import { builder } from '../../graphql/builder.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '../audit/run-write.js';
import { DecisionActionEnum } from './decision-action.graphql.js';
import { Decision } from './decision.graphql.js';
import { decisionById, recordDecision } from './decision.service.js';
import { IssuingLevelEnum } from './issuing-level.graphql.js';

const DecisionItemInput = builder.inputType('DecisionItemInput', {
  description: 'One product in a decision.',
  fields: (t) => ({
    productId: t.id({ required: true, description: 'The product.' }),
    stars: t.int({
      required: true,
      description: 'Stars recognised (3–5), or those of the revoked certificate.',
    }),
    action: t.field({
      type: DecisionActionEnum,
      required: true,
      description: 'RECOGNISE or REVOKE.',
    }),
  }),
});

const DecisionInput = builder.inputType('DecisionInput', {
  description: 'A recognition/revocation decision.',
  fields: (t) => ({
    number: t.string({
      required: true,
      description: 'Decision number, e.g. "1234/QĐ-UBND" (unique per issuing level).',
    }),
    date: t.field({
      type: 'Date',
      required: true,
      description: 'Decision day (2019-08-21 … today), not before the evaluations it rests on.',
    }),
    issuingLevel: t.field({
      type: IssuingLevelEnum,
      required: true,
      description: 'Who issued it.',
    }),
    items: t.field({
      type: [DecisionItemInput],
      required: true,
      description: 'Products (1–500), each once.',
    }),
    evaluationIds: t.idList({
      description: 'Evaluations it rests on; default: each recognised product’s latest evaluation.',
    }),
    sourceUrl: t.string({ description: 'Public page of the decision (http/https).' }),
  }),
});
builder.mutationFields((t) => ({
  recordDecision: t.field({
    type: Decision,
    description:
      'Records a decision; certificates and star history follow. Each recognition rests on an evaluation result and may not exceed it (VALIDATION_FAILED on items.N.stars or evaluationIds); the same decision again returns the recorded one, another decision under its number is DUPLICATE. SECRETARIAT only.',
    args: {
      input: t.arg({ type: DecisionInput, required: true }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    authScopes: { secretariat: true },
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      runWrite(
        ctx,
        {
          action: 'recordDecision',
          recordType: 'Decision',
          uniqueField: 'number',
          retryRaces: true,
          idempotency: {
            key: idempotencyKey,
            input,
            load: decisionById,
          },
        },
        (tx) => recordDecision(tx, input, ctx.today),
      ),
  }),
}));
