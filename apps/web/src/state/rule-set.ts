import { getRuleSet, isRuleSetCode, RULE_SETS, ruleSetInForce, type RuleSet } from '@ocop/domain';

/**
 * The domain rule set an evaluation was scored under. The API names it by code ("QD148") or by
 * decision ("148/QĐ-TTg"); without a match, the set in force on the evaluation date.
 */
export function findRuleSet(
  name: string | null | undefined,
  date: string | null | undefined,
): RuleSet | null {
  if (name) {
    if (isRuleSetCode(name)) return getRuleSet(name);
    const normalised = name.replace(/\s+/g, '').toLowerCase();
    const byDecision = RULE_SETS.find(
      (rs) => rs.decision.replace(/\s+/g, '').toLowerCase() === normalised,
    );
    if (byDecision) return byDecision;
    const digits = /^(\d+)/.exec(normalised)?.[1];
    const byNumber = digits ? RULE_SETS.filter((rs) => rs.decision.startsWith(`${digits}/`)) : [];
    if (byNumber.length === 1) return byNumber[0] ?? null;
  }
  if (date) {
    try {
      return ruleSetInForce(date);
    } catch {
      return null;
    }
  }
  return null;
}
