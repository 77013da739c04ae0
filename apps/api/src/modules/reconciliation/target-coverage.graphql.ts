// PlanTarget.coverage: what a KPI card's figure rests on, beside the published council rounds.
import type { PublishedRound as PublishedRoundShape } from '@ocop/domain';
import type { TargetCoverage as TargetCoverageShape } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { dbEnum } from '../../graphql/enums.js';
import { planAsOf, planPeriod } from '../plans/plan-facts.js';
import { PlanTarget } from '../plans/plan-target.graphql.js';
import { coverageOfTarget } from './target-coverage.service.js';

const CoverageSourceEnum = dbEnum(
  'CoverageSource',
  ['provincial_rounds', 'national_results', 'activities'] as const,
  {
    description: 'Where a target’s facts come from, and so what published figures can check it.',
    valueDescriptions: {
      provincial_rounds: 'Provincial council rounds, whose results the province publishes.',
      national_results: 'National evaluations: no published round counts to compare.',
      activities: 'Activity records: nothing is published to compare.',
    },
  },
);

const PublishedRound = builder.objectRef<PublishedRoundShape>('PublishedRound');
PublishedRound.implement({
  description: 'A provincial council round whose results the province published.',
  fields: (t) => ({
    round: t.exposeInt('round', { description: 'Round number within its year.' }),
    year: t.exposeInt('year', {
      description: 'The round’s year (round 2/2022 was decided in 2023).',
    }),
    date: t.expose('date', {
      type: 'Date',
      description: 'Day its figures speak for (31 December when only the year is published).',
    }),
    passed: t.exposeInt('passed', {
      nullable: true,
      description: 'Products that passed, when published as a whole number.',
    }),
  }),
});

const TargetCoverage = builder.objectRef<TargetCoverageShape>('TargetCoverage');
TargetCoverage.implement({
  description:
    'What a target’s figure rests on: the published provincial rounds of its period known on the as-of date, which of them the database holds decisions of, and what the figure lacks.',
  fields: (t) => ({
    source: t.expose('source', {
      type: CoverageSourceEnum,
      description: 'Where the facts come from.',
    }),
    publishedRounds: t.field({
      type: [PublishedRound],
      description:
        'Published rounds of the period (since the programme’s start for cumulative metrics) dated on or before asOf.',
      resolve: (c) => c.publishedRounds,
    }),
    recordedRounds: t.field({
      type: [PublishedRound],
      description: 'Those the database holds decisions of.',
      resolve: (c) => c.recordedRounds,
    }),
    unrecordedRounds: t.field({
      type: [PublishedRound],
      description: 'Those it holds no decision of: their products are missing from the figure.',
      resolve: (c) => c.unrecordedRounds,
    }),
    missingPassed: t.exposeInt('missingPassed', {
      nullable: true,
      description:
        'Products that passed in the unrecorded rounds (0 when none is missing); null when a round’s count is not published.',
    }),
    statement: t.string({
      description: 'The coverage statement in English, to print beside the figure.',
      resolve: (c) => c.en,
    }),
    statementVi: t.string({
      description: 'The coverage statement in Vietnamese.',
      resolve: (c) => c.vi,
    }),
  }),
});

builder.objectField(PlanTarget, 'coverage', (t) =>
  t.field({
    type: TargetCoverage,
    nullable: true,
    description:
      'The coverage of the figure on `asOf` (default as for progress): published rounds held and lacking. Null for a target with no data source. Two statements per request, whatever the number of targets.',
    args: { asOf: t.arg({ type: 'Date', description: 'Day (default as for progress).' }) },
    resolve: ({ target, plan, asOf }, args, ctx) =>
      coverageOfTarget(ctx, {
        metric: target.metric,
        period: planPeriod(plan),
        asOf: planAsOf(plan, ctx.today, args.asOf, asOf),
      }),
  }),
);
