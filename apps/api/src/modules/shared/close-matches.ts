// "Did you mean …?" for codes typed by hand: an unknown unit code must be an error that helps,
// not a silent zero ("tinh bien" → "tinh-bien").
import { normalizeText } from './normalize-text.js';

/** Folded form for comparison: no diacritics or case, and spaces, "-" and "_" all alike. */
function foldCode(value: string): string {
  return normalizeText(value).replace(/[\s_-]+/g, '-');
}

/** Levenshtein distance (two rows; inputs are short codes and names). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

export interface Candidate {
  code: string;
  /** Other spellings a reader may type for it (the unit's name). */
  aliases: string[];
}

/**
 * Up to `limit` candidate codes closest to `input`: those within a third of the input's length in
 * edit distance (at least 2), or containing it, or contained in it; closest first, ties by code.
 * When one differs only in case, diacritics or separators ("tinh bien" for "tinh-bien"), only
 * those are returned.
 */
export function closeMatches(input: string, candidates: Candidate[], limit = 3): string[] {
  const typed = foldCode(input);
  if (!typed) return [];
  const tolerance = Math.max(2, Math.floor(typed.length / 3));
  const scored = candidates.flatMap((c) => {
    const score = Math.min(
      ...[c.code, ...c.aliases].map((spelling) => {
        const folded = foldCode(spelling);
        if (folded === typed) return 0;
        if (folded.includes(typed) || typed.includes(folded)) return 1;
        return distance(typed, folded);
      }),
    );
    return score <= tolerance ? [{ code: c.code, score }] : [];
  });
  // A spelling that differs only in case, accents or separators is the one meant: name it alone.
  const exact = scored.filter((s) => s.score === 0);
  return (exact.length ? exact : scored)
    .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map((s) => s.code);
}
