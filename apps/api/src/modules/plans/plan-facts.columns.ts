// The plan facts' field strings (plan-facts.query.ts) read straight into the domain's PlanFacts.
// Free of ORM imports: the plan-progress worker thread (plan-progress-worker.ts) runs it too.
import {
  councilRoundsFromFigures,
  type ActivityFact,
  type EvaluationLevel,
  type FactDate,
  type PlanFacts,
  type RoundFigure,
  type UnitFact,
} from '@ocop/domain';
import type { DatePrecision } from '../shared/date-precision.js';

export type FactKind = 'e' | 'p' | 'v' | 'd' | 'a' | 'ae' | 'ap' | 'r';

export const FIELD_SEPARATOR = '\u001f';

/** Each kind's records as one string of fields joined by FIELD_SEPARATOR (null: none). */
export type FactFields = Record<FactKind, string | null>;

/**
 * Reads one kind's fields in order, one at a time, straight from its string: no list of all the
 * fields (630,000 strings at 100,000 products, each kept alive until the facts were built). The
 * fields of small vocabularies (unit codes, levels, actions, precisions, types) are interned, so
 * the facts share one string per value instead of holding a copy each. They, the dates and the
 * stars are read where they stand in the text, not copied out and hashed first: at 100,000
 * products the two hash lookups per record (interner, date map) were the hottest lines of
 * factsOfFields, and the copies garbage (bench/profile-overview.ts).
 */
class FieldReader {
  private at = 0;

  private readonly text: string | null;

  constructor(text: string | null) {
    this.text = text || null;
  }

  get done(): boolean {
    return this.text === null || this.at > this.text.length;
  }

  /** The next field ('' for a null one). */
  next(): string {
    const text = this.text!;
    let end = text.indexOf(FIELD_SEPARATOR, this.at);
    if (end < 0) end = text.length;
    const value = text.slice(this.at, end);
    this.at = end + 1;
    return value;
  }

  /** The next field as the vocabulary's string for it ('' for a null one). */
  nextWord(vocabulary: Vocabulary): string {
    const text = this.text!;
    const at = this.at;
    let end = text.indexOf(FIELD_SEPARATOR, at);
    if (end < 0) end = text.length;
    this.at = end + 1;
    if (end === at) return '';
    const { words } = vocabulary;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (word.length === end - at && text.startsWith(word, at)) return word;
    }
    return vocabulary.add(text.slice(at, end));
  }

  /** The next field as stars (null for a null one): `Number` of it, a single digit read in place. */
  nextStars(): number | null {
    const text = this.text!;
    const at = this.at;
    let end = text.indexOf(FIELD_SEPARATOR, at);
    if (end < 0) end = text.length;
    this.at = end + 1;
    if (end === at) return null;
    const digit = text.charCodeAt(at) - 48;
    return end - at === 1 && digit >= 0 && digit <= 9 ? digit : Number(text.slice(at, end));
  }

  /**
   * The next two fields, a day and its precision, as one shared FactDate (an empty day gives one
   * whose `date` is ''). A 'YYYY-MM-DD' day of precision day, month or year is looked up by a
   * number made of its digits, read in place; anything else by its text.
   */
  nextDate(dates: DateMaker): FactDate {
    const text = this.text!;
    const at = this.at;
    let end = text.indexOf(FIELD_SEPARATOR, at);
    if (end < 0) end = text.length;
    let precisionEnd = end < text.length ? text.indexOf(FIELD_SEPARATOR, end + 1) : -1;
    if (precisionEnd < 0) precisionEnd = text.length;
    this.at = precisionEnd + 1;
    const precision = PRECISIONS.indexOf(text.charCodeAt(end + 1));
    let key = -1;
    if (
      end - at === 10 &&
      precision >= 0 &&
      precisionEnd - end - 1 === PRECISION_WORDS[precision]!.length &&
      text.startsWith(PRECISION_WORDS[precision]!, end + 1) &&
      text.charCodeAt(at + 4) === DASH &&
      text.charCodeAt(at + 7) === DASH
    ) {
      key = 0;
      for (let i = at; i < end; i++) {
        if (i === at + 4 || i === at + 7) continue;
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) {
          key = -1;
          break;
        }
        key = key * 10 + digit;
      }
    }
    if (key < 0)
      return dates.byText(
        text.slice(at, end),
        end < text.length ? text.slice(end + 1, precisionEnd) : '',
      );
    key = key * 3 + precision;
    let value = dates.byNumber.get(key);
    if (!value) {
      value = { date: text.slice(at, end), precision: PRECISION_WORDS[precision]! };
      dates.byNumber.set(key, value);
    }
    return value;
  }
}

const DASH = 45;
const PRECISION_WORDS: readonly DatePrecision[] = ['day', 'month', 'year'];
/** The first character of each precision word, in PRECISION_WORDS order. */
const PRECISIONS = PRECISION_WORDS.map((word) => word.charCodeAt(0));

/**
 * One shared string per distinct value of a small vocabulary (unit codes, levels…), matched in
 * place by FieldReader.nextWord: a few words, compared by length and then characters, cost less
 * than copying the field out and hashing it. Past MATCHED_WORDS, further words are looked up by
 * their text.
 */
class Vocabulary {
  readonly words: string[] = [];
  private readonly more = new Map<string, string>();

  add(value: string): string {
    if (this.words.length < MATCHED_WORDS) {
      this.words.push(value);
      return value;
    }
    const found = this.more.get(value);
    if (found !== undefined) return found;
    this.more.set(value, value);
    return value;
  }
}

const MATCHED_WORDS = 16;

const orNull = (v: string | undefined): string | null => (v ? v : null);

/** One FactDate per distinct (day, precision): the same day is shared by thousands of facts. */
class DateMaker {
  /** Well-formed days, by FieldReader.nextDate's number. */
  readonly byNumber = new Map<number, FactDate>();
  private readonly made = new Map<string, FactDate>();

  byText(date: string, precision: string): FactDate {
    const key = `${date}/${precision}`;
    let value = this.made.get(key);
    if (!value) {
      value = { date, precision: precision as DatePrecision };
      this.made.set(key, value);
    }
    return value;
  }
}

/** PlanFacts from the fields of selectFactFields (each kind in id order). */
export function factsOfFields(fields: FactFields, units: readonly UnitFact[]): PlanFacts {
  const dates = new DateMaker();
  const unitCodes = new Vocabulary();
  const types = new Vocabulary();
  const levels = new Vocabulary();
  const actions = new Vocabulary();
  const kinds = new Vocabulary();
  const facts: PlanFacts = {
    units: units.map((u) => ({ code: u.code, name: u.name })),
    entities: [],
    products: [],
    evaluations: [],
    decisionItems: [],
    activities: [],
  };
  let f = new FieldReader(fields.e);
  while (!f.done) {
    const id = f.next();
    const unitCode = orNull(f.nextWord(unitCodes));
    const type = orNull(f.nextWord(types));
    const registeredOn = f.nextDate(dates);
    facts.entities.push({
      id,
      unitCode,
      registeredOn: registeredOn.date ? registeredOn : null,
      type,
    });
  }
  f = new FieldReader(fields.p);
  while (!f.done) {
    const id = f.next();
    const entityId = orNull(f.next());
    facts.products.push({ id, entityId, unitCode: orNull(f.nextWord(unitCodes)) });
  }
  f = new FieldReader(fields.v);
  while (!f.done) {
    const id = f.next();
    const productId = f.next();
    const level = f.nextWord(levels) as EvaluationLevel;
    const date = f.nextDate(dates);
    facts.evaluations.push({ id, productId, level, date, stars: f.nextStars() });
  }
  f = new FieldReader(fields.d);
  while (!f.done) {
    const decisionId = f.next();
    const productId = f.next();
    const issuingLevel = f.nextWord(levels) as 'district' | 'province' | 'national';
    const action = f.nextWord(actions) as 'recognise' | 'revoke';
    const date = f.nextDate(dates);
    facts.decisionItems.push({
      decisionId,
      productId,
      issuingLevel,
      action,
      date,
      stars: f.nextStars(),
    });
  }
  const activities = new Map<string, ActivityFact>();
  f = new FieldReader(fields.a);
  while (!f.done) {
    const id = f.next();
    const kind = f.nextWord(kinds);
    const unitCode = orNull(f.nextWord(unitCodes));
    const activity: ActivityFact = {
      id,
      kind,
      date: f.nextDate(dates),
      entityIds: [],
      productIds: [],
      unitCode,
      sample: f.next() === '1',
    };
    facts.activities.push(activity);
    activities.set(activity.id, activity);
  }
  f = new FieldReader(fields.ae);
  while (!f.done) {
    const activity = activities.get(f.next());
    const entityId = f.next();
    activity?.entityIds.push(entityId);
  }
  f = new FieldReader(fields.ap);
  while (!f.done) {
    const activity = activities.get(f.next());
    const productId = f.next();
    activity?.productIds.push(productId);
  }
  const figures: RoundFigure[] = [];
  f = new FieldReader(fields.r);
  while (!f.done) {
    const metric = f.next();
    const value = f.next();
    const date = f.nextDate(dates);
    figures.push({ metric, value, date: date.date ? date : null });
  }
  facts.councilRounds = councilRoundsFromFigures(figures);
  return facts;
}
