/**
 * Vietnamese alphabetical order as a plain sort key, so a database sorts names the way a
 * Vietnamese reader expects with an ordinary byte/`ORDER BY` comparison on both SQLite and
 * PostgreSQL (neither has a portable Vietnamese collation: SQLite has none, PostgreSQL's depends
 * on the server's ICU build).
 *
 * The order is the Vietnamese alphabet, where the letters with a vowel mark are letters of their
 * own (a < ă < â < b … d < đ … o < ô < ơ … u < ư), and the tone marks count only between names
 * whose letters are equal, in the order không dấu < huyền < hỏi < ngã < sắc < nặng (the
 * dictionary order, also CLDR's Vietnamese tailoring). Case counts last (lower before upper).
 * Spaces separate words ("Bánh pía" before "Bánhxèo"); other punctuation is ignored.
 *
 * The key uses only the characters 0-9 and a-z, which every collation orders the same way, so a
 * PostgreSQL database with a non-C default collation still compares keys byte by byte.
 */

/** Letters in Vietnamese alphabetical order (f, j, w, z for foreign words and brand names). */
const ALPHABET = [
  'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n',
  'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
]; // prettier-ignore

/** Combining tone marks in dictionary order (index + 1 is the tone's weight; 0 = no mark). */
const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

/** Combining marks that make a letter of its own: breve (ă), circumflex (â ê ô), horn (ơ ư). */
const LETTER_MARKS = new Set(['\u0306', '\u0302', '\u031b']);

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Primary weights: end of key 0, word break 1, digits 2–11, letters 12 onwards. */
const END = 0;
const WORD_BREAK = 1;
const FIRST_DIGIT = 2;
const FIRST_LETTER = 12;
const LETTER_WEIGHT = new Map(ALPHABET.map((letter, i) => [letter, FIRST_LETTER + i]));

/** Two base-36 characters, so every primary weight has the same width. */
const weight = (n: number) => DIGITS36[Math.floor(n / 36)]! + DIGITS36[n % 36]!;

interface Unit {
  primary: number;
  tone: number;
  upper: boolean;
}

/** One letter, digit or word break per unit; marks fold into the letter they follow. */
function units(name: string): Unit[] {
  const out: Unit[] = [];
  let pendingBreak = false;
  // NFD splits "ệ" into e + circumflex + dot below; NFC of e + circumflex gives "ê" back.
  for (const cluster of name.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []) {
    const base = cluster[0]!;
    const marks = [...cluster.slice(1)];
    const letter = (base + marks.filter((m) => LETTER_MARKS.has(m)).join('')).normalize('NFC');
    const lower = letter.toLowerCase();
    const tone = marks.reduce((t, m) => Math.max(t, TONES.indexOf(m) + 1), 0);
    let primary: number | undefined;
    if (/\p{Nd}/u.test(base)) primary = FIRST_DIGIT + Number(base);
    else primary = LETTER_WEIGHT.get(lower) ?? LETTER_WEIGHT.get(base.toLowerCase());
    if (primary === undefined) {
      // Whitespace breaks words; punctuation and symbols are ignored, as in a dictionary.
      if (/\s/u.test(base) && out.length) pendingBreak = true;
      continue;
    }
    if (pendingBreak) out.push({ primary: WORD_BREAK, tone: 0, upper: false });
    pendingBreak = false;
    out.push({ primary, tone, upper: letter !== lower });
  }
  return out;
}

/** Longest key a name can give: 3 characters per unit plus the 2-character end mark. */
export const vietnameseSortKeyLength = (nameLength: number) => nameLength * 4 + 2;

/**
 * The sort key of a name: primary weights (letters, digits, word breaks), an end mark, then one
 * tone digit per unit, then one case digit per unit. Comparing keys as strings compares names
 * letter by letter first, tones only when the letters are equal, case only when both are equal.
 */
export function vietnameseSortKey(name: string): string {
  const list = units(name);
  return (
    list.map((u) => weight(u.primary)).join('') +
    weight(END) +
    list.map((u) => String(u.tone)).join('') +
    list.map((u) => (u.upper ? '1' : '0')).join('')
  );
}

/** Compares two names in Vietnamese alphabetical order (for sorting lists already in memory). */
export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
