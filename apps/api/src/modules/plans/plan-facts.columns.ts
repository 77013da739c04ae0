// The plan facts' field lists (plan-facts.query.ts) turned into the domain's PlanFacts. Free of
// ORM imports: the plan-progress worker thread (plan-progress-worker.ts) runs it too.
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

/** Fields per record of each kind (the layout in plan-facts.query.ts). */
export const FACT_WIDTH: Readonly<Record<FactKind, number>> = {
  e: 5,
  p: 3,
  v: 6,
  d: 7,
  a: 6,
  ae: 2,
  ap: 2,
  r: 4,
};

export const FIELD_SEPARATOR = '\u001f';

/** Each kind's records as one string of fields joined by FIELD_SEPARATOR (null: none). */
export type FactFields = Record<FactKind, string | null>;

/** Each kind's records as one flat list of fields (FACT_WIDTH per record), in id order. */
export type FactColumns = Record<FactKind, string[]>;

export function splitFactFields(fields: FactFields): FactColumns {
  const split = (v: string | null) => (v ? v.split(FIELD_SEPARATOR) : []);
  return {
    e: split(fields.e),
    p: split(fields.p),
    v: split(fields.v),
    d: split(fields.d),
    a: split(fields.a),
    ae: split(fields.ae),
    ap: split(fields.ap),
    r: split(fields.r),
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

/** PlanFacts from the field lists of selectFactColumns (in their id order). */
export function factsOfColumns(c: FactColumns, units: readonly UnitFact[]): PlanFacts {
  const fact = dateMaker();
  const facts: PlanFacts = {
    units: units.map((u) => ({ code: u.code, name: u.name })),
    entities: [],
    products: [],
    evaluations: [],
    decisionItems: [],
    activities: [],
  };
  let f = c.e;
  for (let i = 0; i < f.length; i += FACT_WIDTH.e)
    facts.entities.push({
      id: f[i]!,
      unitCode: orNull(f[i + 1]),
      registeredOn: f[i + 3] ? fact(f[i + 3]!, f[i + 4]) : null,
      type: orNull(f[i + 2]),
    });
  f = c.p;
  for (let i = 0; i < f.length; i += FACT_WIDTH.p)
    facts.products.push({ id: f[i]!, entityId: orNull(f[i + 1]), unitCode: orNull(f[i + 2]) });
  f = c.v;
  for (let i = 0; i < f.length; i += FACT_WIDTH.v)
    facts.evaluations.push({
      id: f[i]!,
      productId: f[i + 1]!,
      level: f[i + 2] as EvaluationLevel,
      date: fact(f[i + 3]!, f[i + 4]),
      stars: starsOf(f[i + 5]),
    });
  f = c.d;
  for (let i = 0; i < f.length; i += FACT_WIDTH.d)
    facts.decisionItems.push({
      decisionId: f[i]!,
      productId: f[i + 1]!,
      issuingLevel: f[i + 2] as 'district' | 'province' | 'national',
      action: f[i + 3] as 'recognise' | 'revoke',
      date: fact(f[i + 4]!, f[i + 5]),
      stars: starsOf(f[i + 6]),
    });
  const activities = new Map<string, ActivityFact>();
  f = c.a;
  for (let i = 0; i < f.length; i += FACT_WIDTH.a) {
    const activity: ActivityFact = {
      id: f[i]!,
      kind: f[i + 1]!,
      date: fact(f[i + 3]!, f[i + 4]),
      entityIds: [],
      productIds: [],
      unitCode: orNull(f[i + 2]),
      sample: f[i + 5] === '1',
    };
    facts.activities.push(activity);
    activities.set(activity.id, activity);
  }
  f = c.ae;
  for (let i = 0; i < f.length; i += FACT_WIDTH.ae)
    activities.get(f[i]!)?.entityIds.push(f[i + 1]!);
  f = c.ap;
  for (let i = 0; i < f.length; i += FACT_WIDTH.ap)
    activities.get(f[i]!)?.productIds.push(f[i + 1]!);
  const figures: RoundFigure[] = [];
  f = c.r;
  for (let i = 0; i < f.length; i += FACT_WIDTH.r)
    figures.push({
      metric: f[i]!,
      value: f[i + 1]!,
      date: f[i + 2] ? fact(f[i + 2]!, f[i + 3]) : null,
    });
  facts.councilRounds = councilRoundsFromFigures(figures);
  return facts;
}
