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
 * the facts share one string per value instead of holding a copy each.
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
}

/** One shared string per distinct value of a small vocabulary. */
function interner(): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    const found = known.get(value);
    if (found !== undefined) return found;
    known.set(value, value);
    return value;
  };
}

const orNull = (v: string | undefined): string | null => (v ? v : null);
const starsOf = (v: string | undefined): number | null => (v ? Number(v) : null);
/** One FactDate per distinct (day, precision): the same day is shared by thousands of facts. */
function dateMaker(): (date: string, precision: string | undefined) => FactDate {
  const made = new Map<string, FactDate>();
  return (date, precision) => {
    const key = precision === 'day' ? date : `${date}/${precision}`;
    let value = made.get(key);
    if (!value) {
      value = { date, precision: precision as DatePrecision };
      made.set(key, value);
    }
    return value;
  };
}

/** PlanFacts from the fields of selectFactFields (each kind in id order). */
export function factsOfFields(fields: FactFields, units: readonly UnitFact[]): PlanFacts {
  const fact = dateMaker();
  const word = interner();
  const orNullWord = (v: string): string | null => (v ? word(v) : null);
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
    const unitCode = orNullWord(f.next());
    const type = orNullWord(f.next());
    const registeredOn = f.next();
    const precision = f.next();
    facts.entities.push({
      id,
      unitCode,
      registeredOn: registeredOn ? fact(registeredOn, precision) : null,
      type,
    });
  }
  f = new FieldReader(fields.p);
  while (!f.done) {
    const id = f.next();
    const entityId = orNull(f.next());
    facts.products.push({ id, entityId, unitCode: orNullWord(f.next()) });
  }
  f = new FieldReader(fields.v);
  while (!f.done) {
    const id = f.next();
    const productId = f.next();
    const level = word(f.next()) as EvaluationLevel;
    const date = f.next();
    const date_ = fact(date, f.next());
    facts.evaluations.push({ id, productId, level, date: date_, stars: starsOf(f.next()) });
  }
  f = new FieldReader(fields.d);
  while (!f.done) {
    const decisionId = f.next();
    const productId = f.next();
    const issuingLevel = word(f.next()) as 'district' | 'province' | 'national';
    const action = word(f.next()) as 'recognise' | 'revoke';
    const date = f.next();
    const date_ = fact(date, f.next());
    facts.decisionItems.push({
      decisionId,
      productId,
      issuingLevel,
      action,
      date: date_,
      stars: starsOf(f.next()),
    });
  }
  const activities = new Map<string, ActivityFact>();
  f = new FieldReader(fields.a);
  while (!f.done) {
    const id = f.next();
    const kind = word(f.next());
    const unitCode = orNullWord(f.next());
    const date = f.next();
    const activity: ActivityFact = {
      id,
      kind,
      date: fact(date, f.next()),
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
    const date = f.next();
    const precision = f.next();
    figures.push({ metric, value, date: date ? fact(date, precision) : null });
  }
  facts.councilRounds = councilRoundsFromFigures(figures);
  return facts;
}
