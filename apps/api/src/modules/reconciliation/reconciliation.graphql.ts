// Reconciliation: computed vs published, with the coverage statement that explains the gap.
import { builder } from '../../graphql/builder.js';
import { PublishedFigure } from '../sources/published-figure.graphql.js';
import { CertifiedBasisEnum, StatsMeasureEnum } from '../stats/stats.graphql.js';
import { reconcile, type Reconciliation as ReconciliationShape } from './reconciliation.service.js';
import type { CouncilRound as CouncilRoundShape } from '@ocop/domain';

const CouncilRound = builder.objectRef<CouncilRoundShape>('CouncilRound');
CouncilRound.implement({
  description: 'A provincial evaluation council round ("đợt 2/2021" is round 2 of 2021).',
  fields: (t) => ({
    round: t.exposeInt('round', { description: 'Round number within the year.' }),
    year: t.exposeInt('year', { description: 'Year of the round.' }),
  }),
});

const Reconciliation = builder.objectRef<ReconciliationShape>('Reconciliation');
Reconciliation.implement({
  description:
    'A computed figure beside the figure the province published for the same thing, with the coverage of the database that explains the difference.',
  fields: (t) => ({
    measure: t.expose('measure', { type: StatsMeasureEnum, description: 'What is counted.' }),
    basis: t.expose('basis', { type: CertifiedBasisEnum, description: 'Which "certified".' }),
    asOf: t.expose('asOf', { type: 'Date', description: 'Day counted for.' }),
    computed: t.exposeInt('computed', {
      description: 'Count from the recorded facts (as `stats` with the same measure and basis).',
    }),
    published: t.field({
      type: PublishedFigure,
      nullable: true,
      description:
        'The latest published figure meaning the same, dated on or before asOf; null when none.',
      resolve: (r) => r.published,
    }),
    publishedCount: t.exposeInt('publishedCount', {
      nullable: true,
      description: 'The published value as a whole number; null when it is a range or a note.',
    }),
    difference: t.exposeInt('difference', {
      nullable: true,
      description: 'publishedCount − computed; null without a whole published number.',
    }),
    recordedRounds: t.field({
      type: [CouncilRound],
      description: 'Provincial rounds with at least one recorded decision on or before asOf.',
      resolve: (r) => r.recordedRounds,
    }),
    unrecordedRounds: t.field({
      type: [CouncilRound],
      description:
        'Rounds whose results the province published on or before asOf but of which no decision is recorded.',
      resolve: (r) => r.unrecordedRounds,
    }),
    yearOnlyRecords: t.exposeInt('yearOnlyRecords', {
      description:
        'Counted records dated by year only (they count from 31 December, or from an earlier day the source gives).',
    }),
    coverage: t.exposeString('coverage', {
      description: 'The coverage statement in English, to print beside the figure.',
    }),
    coverageVi: t.exposeString('coverageVi', {
      description: 'The coverage statement in Vietnamese.',
    }),
  }),
});

builder.queryFields((t) => ({
  reconciliation: t.field({
    type: Reconciliation,
    description:
      'Computed vs published for a measure on a date: both numbers, the difference and a coverage statement naming what the database holds and lacks.',
    args: {
      measure: t.arg({ type: StatsMeasureEnum, description: 'What to count (default PRODUCTS).' }),
      basis: t.arg({ type: CertifiedBasisEnum, description: 'Default EVER_CERTIFIED.' }),
      asOf: t.arg({ type: 'Date', description: 'Day to count for (default today).' }),
    },
    resolve: (_root, args, ctx) =>
      reconcile(ctx.em, {
        measure: args.measure ?? 'products',
        basis: args.basis ?? 'ever_certified',
        asOf: args.asOf ?? ctx.today,
      }),
  }),
}));
