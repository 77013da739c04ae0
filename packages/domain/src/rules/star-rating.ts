/** Star class from a scorecard total. */
import { DomainError } from '../errors.js';
import {
  resolveRuleSet,
  type OcopStarLevel,
  type RuleSet,
  type RuleSetCode,
  type StarLevel,
} from './rule-sets.js';

/**
 * Star class the total reaches under the rule set's bands (1048 Phụ lục, kept by 148/1489):
 * ≥90 → 5, ≥70 → 4, ≥50 → 3, ≥30 → 2, else 1. Totals are council averages with decimals, so the
 * cut-offs are inclusive lower bounds (69.99 → 3★, 70 → 4★). Throws INVALID_SCORE outside 0–100.
 */
export function starsForScore(total: number, ruleSet: RuleSet | RuleSetCode): StarLevel {
  const resolved = resolveRuleSet(ruleSet);
  if (typeof total !== 'number' || !Number.isFinite(total) || total < 0 || total > 100) {
    throw new DomainError(
      'INVALID_SCORE',
      `Total score ${String(total)} is not a number between 0 and 100`,
      {
        total: String(total),
        ruleSet: resolved.decision,
      },
    );
  }
  const band = resolved.starBands.find((candidate) => total >= candidate.minScore);
  return band ? band.stars : 1;
}

/** 1048/148: only 3★–5★ are OCOP products (certified); 1★ and 2★ are not. */
export function isOcopLevel(stars: number | null | undefined): stars is OcopStarLevel {
  return stars === 3 || stars === 4 || stars === 5;
}

/** Validates a star count from data (1–5); throws INVALID_STARS. */
export function assertStarLevel(stars: number): StarLevel {
  if (stars === 1 || stars === 2 || stars === 3 || stars === 4 || stars === 5) return stars;
  throw new DomainError('INVALID_STARS', `${String(stars)} is not a star level between 1 and 5`, {
    stars: String(stars),
  });
}
