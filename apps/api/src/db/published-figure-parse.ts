import { factDateFromDay, factDateFromMonth, factDateFromYear, type FactDate } from '@ocop/domain';

/**
 * Reads the leading date of a published figure's label ("2021-12 (early)" → month 2021-12,
 * "2023 (after 2023-04-14; …)" → year 2023). Null when the label does not start with a date.
 */
export function parseFigureDate(label: string): FactDate | null {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:\s|$)/.exec(label.trim());
  if (!match) return null;
  try {
    if (match[3]) return factDateFromDay(`${match[1]}-${match[2]}-${match[3]}`);
    if (match[2]) return factDateFromMonth(Number(match[1]), Number(match[2]));
    return factDateFromYear(Number(match[1]));
  } catch {
    return null;
  }
}

/** "5-8" → 5..8, "35 (min)" → 35..null, "92.8" → 92.8..92.8; null bounds when not numeric. */
export function parseFigureValue(value: string): { min: number | null; max: number | null } {
  const text = value.trim();
  const range = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)(\s*\(min\))?$/.exec(text);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const minimum = /^(\d+(?:\.\d+)?)\s*\(min\)$/.exec(text);
  if (minimum) return { min: Number(minimum[1]), max: null };
  if (/^\d+(?:\.\d+)?$/.test(text)) return { min: Number(text), max: Number(text) };
  return { min: null, max: null };
}
