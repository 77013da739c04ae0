// PartScore: one part (A/B/C) of a 100-point scorecard with its maximum under the rule set.
import { builder } from '../../graphql/builder.js';

export interface PartScoreShape {
  part: string;
  score: number;
  max: number;
}

export const PartScore = builder.objectRef<PartScoreShape>('PartScore');
PartScore.implement({
  description: 'One part of the scorecard: A product & community, B marketing, C quality.',
  fields: (t) => ({
    part: t.exposeString('part', { description: 'Part code: "A", "B" or "C".' }),
    score: t.exposeFloat('score', {
      description: 'Council average for the part (decimals are normal).',
    }),
    max: t.exposeFloat('max', {
      description:
        'Maximum of the part under the rule set in force (1048: 35/25/40; 148: 40/25/35).',
    }),
  }),
});

export const PartScoreInput = builder.inputType('PartScoreInput', {
  description: 'A part score to rate.',
  fields: (t) => ({
    part: t.string({ required: true, description: 'Part code: "A", "B" or "C".' }),
    score: t.float({ required: true, description: 'Average score of the part.' }),
  }),
});
