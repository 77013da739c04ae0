// recordCouncilRound (SECRETARIAT): a council round known by its published counts only. The checks
// and the write live in published-figure.service.ts.
import { builder } from '../../graphql/builder.js';
import { runWrite } from '../audit/run-write.js';
import { PublishedFigure } from './published-figure.graphql.js';
import { recordCouncilRound } from './published-figure.service.js';

const CouncilRoundInput = builder.inputType('CouncilRoundInput', {
  description:
    'A provincial council round as the province published it: how many products it evaluated and how many passed, without listing the products that failed.',
  fields: (t) => ({
    year: t.int({ required: true, description: 'Year of the round (2019 … this year).' }),
    round: t.int({ required: true, description: 'Round number within the year (1–12).' }),
    date: t.field({
      type: 'Date',
      required: true,
      description:
        'Day of the council’s count; pass-rate figures count the round from then (1/1 of the year … 31/3 of the next).',
    }),
    evaluated: t.int({ required: true, description: 'Products evaluated (≥ 1).' }),
    passed: t.int({ required: true, description: 'Products that passed (0 … evaluated).' }),
    sourceUrl: t.string({ required: true, description: 'Public page that publishes the counts.' }),
  }),
});

builder.mutationFields((t) => ({
  recordCouncilRound: t.field({
    type: [PublishedFigure],
    description:
      'Records a council round’s published counts as two published figures (…_products_evaluated, …_products_passed), which pass-rate targets read when product-level results are missing (progress.publishedRounds says so). The same counts again return them; other counts for a recorded round are DUPLICATE on `round`. SECRETARIAT.',
    args: { input: t.arg({ type: CouncilRoundInput, required: true }) },
    authScopes: { secretariat: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(
        ctx,
        { action: 'recordCouncilRound', recordType: 'PublishedFigure', uniqueField: 'round' },
        (tx) => recordCouncilRound(tx, input, ctx.today),
      ),
  }),
}));
