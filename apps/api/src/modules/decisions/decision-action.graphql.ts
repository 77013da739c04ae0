// DecisionAction: what a decision item does to a product (output on DecisionItem, input of recordDecision).
import { dbEnum } from '../../graphql/enums.js';
import { DECISION_ACTIONS } from './decision-item.entity.js';

export const DecisionActionEnum = dbEnum('DecisionAction', DECISION_ACTIONS, {
  description: 'What a decision item does.',
  valueDescriptions: {
    recognise: 'Recognises the stars (issues a certificate).',
    revoke: 'Revokes the product’s certificate in force.',
  },
});
