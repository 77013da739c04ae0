// ScorecardRating and the rateScorecard query: the stars a scorecard reaches, decided by the domain.
import {
  getRuleSet,
  rateScorecard,
  ruleSetInForce,
  type ScorecardRating as DomainRating,
} from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { IssuingLevelEnum } from '../decisions/issuing-level.graphql.js';
import { EvaluationLevelEnum } from '../evaluations/evaluation-level.graphql.js';
import { PartScore, PartScoreInput } from '../evaluations/part-score.graphql.js';

export const ScorecardRating = builder.objectRef<DomainRating>('ScorecardRating');
ScorecardRating.implement({
  description:
    'Result of rating a scorecard under a rule set (1048/QĐ-TTg, 148/QĐ-TTg or 148 as amended by 1489/QĐ-TTg). Computed by the domain rules, not stored.',
  fields: (t) => ({
    ruleSet: t.exposeString('ruleSetCode', {
      description: 'Rule set used: QD1048, QD148 or QD148_1489.',
    }),
    parts: t.field({
      type: [PartScore],
      description: 'Validated part scores with their maxima.',
      resolve: (r) => r.parts,
    }),
    total: t.exposeFloat('total', {
      description: 'Sum of the part averages, rounded to 2 decimals (out of 100).',
    }),
    scoreStars: t.exposeInt('scoreStars', {
      description: 'Star class the points alone reach (≥90 5★, ≥70 4★, ≥50 3★, ≥30 2★).',
    }),
    stars: t.exposeInt('stars', {
      description:
        'Stars awarded at this stage: the district stage awards at most 3★ and the provincial at most 4★ (≥90 gives potentialFiveStar); 5★ only nationally.',
    }),
    forwardedToNextStage: t.exposeBoolean('forwardedToNextStage', {
      description:
        'The points reach more stars than this stage may award, so the next council decides the higher class.',
    }),
    isOcop: t.exposeBoolean('isOcop', { description: 'True for 3★–5★ (an OCOP product).' }),
    recognisedBy: t.field({
      type: IssuingLevelEnum,
      nullable: true,
      description: 'Level that recognises these stars under the rule set; null below 3★.',
      resolve: (r) => r.recognisedBy,
    }),
    potentialFiveStar: t.exposeBoolean('potentialFiveStar', {
      description: '≥90 points below the national stage ("tiềm năng 5 sao").',
    }),
    withheld: t.exposeBoolean('withheld', {
      description: 'True when a failed mandatory criterion lowered the stars.',
    }),
  }),
});

builder.queryFields((t) => ({
  rateScorecard: t.field({
    type: ScorecardRating,
    description:
      'Rates part scores under a rule set given by code, or else the one in force on `date` (default today). Errors: PART_ABOVE_MAX, PART_MISSING, UNKNOWN_RULE_SET, DATE_BEFORE_PROGRAMME…',
    args: {
      parts: t.arg({
        type: [PartScoreInput],
        required: true,
        description: 'Part scores A, B and C.',
      }),
      ruleSet: t.arg.string({
        description: 'Rule set code (QD1048, QD148, QD148_1489); wins over `date`.',
      }),
      date: t.arg({
        type: 'Date',
        description: 'Evaluation day: picks the rule set in force (default today).',
      }),
      stage: t.arg({ type: EvaluationLevelEnum, description: 'Council stage (default PROVINCE).' }),
    },
    resolve: (_root, args, ctx) => {
      const ruleSet = args.ruleSet
        ? getRuleSet(args.ruleSet)
        : ruleSetInForce(args.date ?? ctx.today);
      return rateScorecard({ ruleSet, parts: args.parts, stage: args.stage ?? 'province' });
    },
  }),
}));
