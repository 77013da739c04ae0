// Turns the valid rows of a decision list and what the database already holds (References) into
// the records to insert and the facts to fill in, row by row in file order, without touching the
// database. Rules: a record is matched on its natural key and reused; a known value is never
// overwritten, a missing one is filled; a decision is one number + issuing level with one date
// (packages/domain/src/rules/decision-checks.ts); a re-imported row whose stars differ from the
// recorded ones is a conflict naming the row; a newer recognition supersedes the certificate in
// force (certificates are valid 36 months, packages/domain/src/rules/certificate.ts).
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  checkEvaluationBasis,
  checkSameDecisionDate,
  evaluationHasResult,
  type EvaluationResult,
  decisionIdentity,
  normalizeDecisionNumber,
  ruleSetInForce,
  starsForScore,
  type FactDate,
  type RecognisingLevel,
} from '@ocop/domain';
import { planSupersessions, validUntilOf } from '../certificates/certificate.service.js';
import { normalizeText } from '../shared/normalize-text.js';
import { memo } from './memo.js';
import type { ImportIssue } from './decision-list-format.js';
import {
  numberedGroupKey,
  unitKey,
  unnumberedGroupKey,
  type References,
  type UnitRow,
} from './decision-list-references.js';

export const RECORD_KINDS = [
  'entities',
  'products',
  'evaluations',
  'decisions',
  'decisionItems',
  'certificates',
  'sources',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type RecordCounts = Record<RecordKind, number>;
export const zeroCounts = (): RecordCounts =>
  Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as RecordCounts;

/** A record of the plan: `id` is known for existing ones and set by the writer for new ones. */
interface Planned {
  id: number | null;
  isNew: boolean;
  /** Existing record whose missing facts the file fills in. */
  changed: boolean;
}

export interface SourceRec extends Planned {
  url: string;
}

export interface EntityRec extends Planned {
  uid: string;
  name: string;
  normalizedName: string;
  type: string | null;
  commune: string | null;
  unitId: number | null;
  registeredOn: string | null;
  registeredPrecision: FactDate['precision'] | null;
}

export interface ProductRec extends Planned {
  uid: string;
  name: string;
  normalizedName: string;
  entity: EntityRec | null;
  /** Entity of an existing product when it is not one of the file's. */
  entityUid: string | null;
  existingEntityId: number | null;
  unitId: number | null;
  commune: string | null;
  group1048: string | null;
  registeredOn: string | null;
  registeredPrecision: FactDate['precision'] | null;
}

export interface EvaluationRec extends Planned {
  product: ProductRec;
  level: string;
  date: FactDate;
  ruleSetCode: string;
  total: number | null;
  stars: number | null;
  potentialFiveStar: boolean;
  round: string | null;
}

export interface DecisionRec extends Planned {
  uid: string;
  groupKey: string;
  number: string | null;
  date: FactDate;
  level: string;
  batch: string | null;
  year: number;
}

export interface ItemRec extends Planned {
  decision: DecisionRec;
  product: ProductRec;
  stars: number | null;
  /** No evaluation result (score or fail) backs the stars: the list gives stars only. */
  withoutEvaluation: boolean;
}

export interface CertificateRec {
  item: ItemRec;
  product: ProductRec;
  stars: number | null;
  issuedOn: string;
  issuedPrecision: FactDate['precision'];
  validUntil: string;
  supersededOn: string | null;
}

export interface ImportPlan {
  sources: SourceRec[];
  entities: EntityRec[];
  products: ProductRec[];
  evaluations: EvaluationRec[];
  decisions: DecisionRec[];
  items: ItemRec[];
  certificates: CertificateRec[];
  /** Existing entities and products whose missing facts the file fills in. */
  entitiesChanged: EntityRec[];
  productsChanged: ProductRec[];
  /** Existing certificates in force that a newer recognition in the file supersedes. */
  supersede: Map<number, string | null>;
  productSources: [ProductRec, SourceRec][];
  evaluationSources: [EvaluationRec, SourceRec][];
  decisionSources: [DecisionRec, SourceRec][];
  created: RecordCounts;
  reused: RecordCounts;
  /** Existing records changed (facts filled in, certificates superseded). */
  updated: number;
}

/** Problems found against the database, by line: `rejects` removes the row. */
export type PlanProblems = Map<
  number,
  { productName: string; issues: (ImportIssue & { rejects: boolean })[] }
>;

/** Rows planned between two turns of the event loop. */
const ROWS_PER_TURN = 2_000;

/**
 * The callback that records an existing record as changed, once, when the file fills in one of
 * its missing facts (new records are inserted whole).
 */
function markChanged<R extends Planned>(
  rec: R,
  changedList: R[],
  plan: { updated: number },
): () => void {
  return () => {
    if (rec.isNew || rec.changed) return;
    rec.changed = true;
    changedList.push(rec);
    plan.updated++;
  };
}

/**
 * Facts a later list adds to an entity or a product: the commune when none is known, the earliest
 * registration day. A known value is never overwritten.
 */
function fillCommuneAndRegistration(
  rec: Pick<EntityRec, 'commune' | 'registeredOn' | 'registeredPrecision'>,
  row: Pick<UnitRow, 'commune' | 'date'>,
  fill: () => void,
): void {
  if (!rec.commune && row.commune) {
    rec.commune = row.commune;
    fill();
  }
  if (row.date && (!rec.registeredOn || row.date.date < rec.registeredOn)) {
    rec.registeredOn = row.date.date;
    rec.registeredPrecision = row.date.precision;
    fill();
  }
}

/**
 * `consume`: each row is removed from `rows` once planned (the caller needs them no more), so a
 * large import never holds all its rows and its whole plan at once (100,000 rows: about 100 MB
 * each). `onTurn` is called with the rows planned so far at each turn of the event loop.
 */
export async function planImport(
  rows: UnitRow[],
  refs: References,
  unitNames: Map<number, string>,
  normalize: (text: string) => string = normalizeText,
  { consume = false, onTurn }: { consume?: boolean; onTurn?: (planned: number) => void } = {},
): Promise<{ plan: ImportPlan; problems: PlanProblems }> {
  const ruleSetOn = memo(ruleSetInForce);
  const validUntil = memo((date: string) => validUntilOf(date));
  const identityOf = memo((key: string) => {
    const [level, number] = key.split('\u0000') as [RecognisingLevel, string];
    return decisionIdentity(number, level);
  });
  const plan: ImportPlan = {
    sources: [],
    entities: [],
    products: [],
    evaluations: [],
    decisions: [],
    items: [],
    certificates: [],
    entitiesChanged: [],
    productsChanged: [],
    supersede: new Map(),
    productSources: [],
    evaluationSources: [],
    decisionSources: [],
    created: zeroCounts(),
    reused: zeroCounts(),
    updated: 0,
  };
  const problems: PlanProblems = new Map();
  const problem = (row: UnitRow, issue: ImportIssue & { rejects: boolean }) => {
    const entry = problems.get(row.line) ?? { productName: row.productName, issues: [] };
    entry.issues.push(issue);
    problems.set(row.line, entry);
  };
  const count = (kind: RecordKind, created: boolean) =>
    (created ? plan.created : plan.reused)[kind]++;

  const sources = new Map<string, SourceRec>();
  const entities = new Map<string, EntityRec>();
  const products = new Map<string, ProductRec[]>();
  const evaluations = new Map<string, EvaluationRec>();
  const decisions = new Map<string, DecisionRec>();
  const items = new Map<string, ItemRec>();
  const links = new Set<string>();
  const decisionsUsed = new Set<string>();
  let nextUid = 0;

  const sourceFor = (url: string): SourceRec => {
    let rec = sources.get(url);
    const existingId = refs.sources.get(url);
    if (!rec) {
      rec = { id: existingId ?? null, isNew: existingId === undefined, changed: false, url };
      sources.set(url, rec);
      if (rec.isNew) plan.sources.push(rec);
      count('sources', rec.isNew);
    } else count('sources', false);
    return rec;
  };

  const entityFor = (row: UnitRow): EntityRec => {
    const normalizedName = normalize(row.entityName!);
    const key = unitKey(row.unitId, normalizedName);
    let rec = entities.get(key);
    if (!rec) {
      const existing = refs.entities.get(key);
      rec = existing
        ? {
            id: existing.id,
            isNew: false,
            changed: false,
            uid: `e${existing.id}`,
            name: row.entityName!,
            normalizedName,
            type: existing.type,
            commune: existing.commune,
            unitId: row.unitId,
            registeredOn: existing.registeredOn,
            registeredPrecision: existing.registeredPrecision,
          }
        : {
            id: null,
            isNew: true,
            changed: false,
            uid: `n${nextUid++}`,
            name: row.entityName!,
            normalizedName,
            type: row.entityType,
            commune: row.commune,
            unitId: row.unitId,
            registeredOn: row.date?.date ?? null,
            registeredPrecision: row.date?.precision ?? null,
          };
      entities.set(key, rec);
      if (rec.isNew) {
        plan.entities.push(rec);
        count('entities', true);
        return rec;
      }
    }
    count('entities', false);
    const fill = markChanged(rec, plan.entitiesChanged, plan);
    if (!rec.type && row.entityType) {
      rec.type = row.entityType;
      fill();
    }
    fillCommuneAndRegistration(rec, row, fill);
    return rec;
  };

  const productFor = (row: UnitRow, entity: EntityRec | null): ProductRec => {
    const normalizedName = normalize(row.productName);
    const key = unitKey(row.unitId, normalizedName);
    let candidates = products.get(key);
    if (!candidates) {
      candidates = (refs.products.get(key) ?? []).map((p) => ({
        id: p.id,
        isNew: false,
        changed: false,
        uid: `p${p.id}`,
        name: row.productName,
        normalizedName,
        entity: null,
        entityUid: p.entityId === null ? null : `e${p.entityId}`,
        existingEntityId: p.entityId,
        unitId: row.unitId,
        commune: p.commune,
        group1048: p.group1048,
        registeredOn: p.registeredOn,
        registeredPrecision: p.registeredPrecision,
      }));
      products.set(key, candidates);
    }
    // Same name and unit is the same product unless both sides name different entities; the one of
    // the row's entity first, so filling in an entity never makes a second product of that name
    // and entity (a unique index).
    let rec =
      (entity && candidates.find((p) => p.entityUid === entity.uid)) ||
      candidates.find((p) => !entity || p.entityUid === null || p.entityUid === entity.uid) ||
      null;
    if (!rec) {
      rec = {
        id: null,
        isNew: true,
        changed: false,
        uid: `q${nextUid++}`,
        name: row.productName,
        normalizedName,
        entity,
        entityUid: entity?.uid ?? null,
        existingEntityId: null,
        unitId: row.unitId,
        commune: row.commune,
        group1048: row.group1048,
        registeredOn: row.date?.date ?? null,
        registeredPrecision: row.date?.precision ?? null,
      };
      candidates.push(rec);
      plan.products.push(rec);
      count('products', true);
      return rec;
    }
    count('products', false);
    const fill = markChanged(rec, plan.productsChanged, plan);
    if (rec.entityUid === null && entity) {
      rec.entity = entity;
      rec.entityUid = entity.uid;
      fill();
    }
    if (!rec.group1048 && row.group1048) {
      rec.group1048 = row.group1048;
      fill();
    }
    fillCommuneAndRegistration(rec, row, fill);
    return rec;
  };

  const evaluationFor = (row: UnitRow, product: ProductRec, date: FactDate): EvaluationRec => {
    const level = row.level!;
    const key = `${product.uid}|${level}|${date.date}`;
    let rec = evaluations.get(key);
    if (rec) {
      count('evaluations', false);
      return rec;
    }
    const existingId =
      product.id === null
        ? undefined
        : refs.evaluations.get(`${product.id}|${level}|${date.date}`)?.id;
    const ruleSet = ruleSetOn(date.date);
    rec = {
      id: existingId ?? null,
      isNew: existingId === undefined,
      changed: false,
      product,
      level,
      date,
      ruleSetCode: ruleSet.code,
      total: row.score,
      stars: row.stars,
      potentialFiveStar:
        level !== 'national' && row.score !== null && starsForScore(row.score, ruleSet) === 5,
      round: row.batch,
    };
    evaluations.set(key, rec);
    if (rec.isNew) plan.evaluations.push(rec);
    count('evaluations', rec.isNew);
    return rec;
  };

  /** The row's decision, or null when its date contradicts the decision's known date. */
  const decisionFor = (row: UnitRow, date: FactDate): DecisionRec | null => {
    const level = row.level!;
    const number = row.decisionNumber ? normalizeDecisionNumber(row.decisionNumber) : null;
    const key = number
      ? identityOf(`${level}\u0000${number}`)
      : unnumberedGroupKey(row, level, date);
    let rec = decisions.get(key);
    if (!rec) {
      const existing = number
        ? refs.decisionsByIdentity.get(key)
        : refs.decisionsByGroupKey.get(key);
      rec = {
        id: existing?.id ?? null,
        isNew: !existing,
        changed: false,
        uid: existing ? `d${existing.id}` : `m${nextUid++}`,
        groupKey: number ? numberedGroupKey(number, level) : key,
        number: existing ? existing.number : number,
        date: existing ? { date: existing.date, precision: existing.datePrecision } : date,
        level,
        batch: row.batch,
        year: row.year ?? Number(date.date.slice(0, 4)),
      };
      decisions.set(key, rec);
      if (rec.isNew) plan.decisions.push(rec);
    }
    if (number) {
      const conflicts = checkSameDecisionDate(number, level, rec.date, date);
      if (conflicts.length) {
        problem(row, {
          field: row.date?.precision === 'day' ? 'decision_date' : 'year',
          code: 'decision_date_conflict',
          message: conflicts[0]!.message,
          rejects: true,
        });
        return null;
      }
    }
    const firstUse = !decisionsUsed.has(rec.uid);
    decisionsUsed.add(rec.uid);
    count('decisions', firstUse && rec.isNew);
    return rec;
  };

  /** Adds a record–source link once. */
  const link = <A>(list: [A, SourceRec][], key: string, a: A, source: SourceRec) => {
    const full = `${key}|${source.url}`;
    if (links.has(full)) return;
    links.add(full);
    list.push([a, source]);
  };

  const slots = rows as (UnitRow | undefined)[];
  for (let index = 0; index < slots.length; index++) {
    const row = slots[index]!;
    if (consume) slots[index] = undefined;
    if (index > 0 && index % ROWS_PER_TURN === 0) {
      onTurn?.(index);
      await nextTurn();
    }
    // A commune neither in the unit list nor in earlier records is kept as given, but flagged.
    if (row.commune) {
      const normalized = normalize(row.commune);
      if (
        !refs.communeUnitNames.has(normalized) &&
        !refs.knownCommunes.has(unitKey(row.unitId, normalized))
      ) {
        const where = row.unitId !== null ? unitNames.get(row.unitId) : null;
        problem(row, {
          field: 'commune',
          code: 'unknown',
          message: `"${row.commune}" is not a known commune${where ? ` of ${where}` : ''} (not in the unit list nor in earlier records); kept as given`,
          rejects: false,
        });
      }
    }

    // Decide the decision first: a row that contradicts a known decision changes nothing.
    let decision: DecisionRec | null = null;
    if (row.level && row.date) {
      decision = decisionFor(row, row.date);
      if (!decision) continue;
    }
    const rowSources = row.sourceUrls.map(sourceFor);
    const entity = row.entityName ? entityFor(row) : null;
    const product = productFor(row, entity);
    for (const source of rowSources) link(plan.productSources, `p|${product.uid}`, product, source);
    if (!decision || !row.level || !row.date) continue;

    // A recorded evaluation of this product, level and day is what the decision rests on: its
    // result caps the stars (the row's own score was checked when the row was read).
    const recorded =
      product.id === null
        ? undefined
        : refs.evaluations.get(`${product.id}|${row.level}|${row.date.date}`);
    const result: EvaluationResult | null =
      recorded && evaluationHasResult({ date: row.date, ...recorded })
        ? { date: row.date, ...recorded }
        : row.score === null
          ? null
          : { date: row.date, total: row.score };
    if (recorded && result && row.stars !== null) {
      const [above] = checkEvaluationBasis({
        date: row.date,
        stars: row.stars,
        evaluation: result,
        origin: 'published_list',
      }).problems;
      if (above) {
        problem(row, {
          field: 'stars',
          code: above.code.toLowerCase(),
          message: `${above.message} (evaluation ${recorded.id}, recorded before)`,
          rejects: true,
        });
        continue;
      }
    }
    const evaluation = evaluationFor(row, product, row.date);
    for (const source of rowSources) {
      link(
        plan.evaluationSources,
        `e|${product.uid}|${row.level}|${row.date.date}`,
        evaluation,
        source,
      );
      link(plan.decisionSources, `d|${decision.uid}`, decision, source);
    }

    const itemKey = `${decision.uid}|${product.uid}`;
    const existingItem =
      decision.id !== null && product.id !== null
        ? refs.items.get(`${decision.id}|${product.id}`)
        : undefined;
    const planned = items.get(itemKey);
    const known = existingItem ?? planned;
    if (known) {
      if (known.stars !== row.stars) {
        const what = decision.number ?? `${decision.level} ${decision.date.date}`;
        problem(row, {
          field: 'stars',
          code: 'conflict',
          message: `stars ${row.stars ?? '—'} in the file, ${known.stars ?? '—'} already recorded for this product in decision ${what}`,
          rejects: true,
        });
        continue;
      }
      count('decisionItems', false);
      count('certificates', false);
      continue;
    }
    const item: ItemRec = {
      id: null,
      isNew: true,
      changed: false,
      decision,
      product,
      stars: row.stars,
      withoutEvaluation: !evaluationHasResult(result),
    };
    items.set(itemKey, item);
    plan.items.push(item);
    count('decisionItems', true);
    count('certificates', true);
    const issued = decision.date;
    plan.certificates.push({
      item,
      product,
      stars: row.stars,
      issuedOn: issued.date,
      issuedPrecision: issued.precision,
      validUntil: validUntil(issued.date),
      supersededOn: null,
    });
  }

  supersedeOlderCertificates(plan, refs);
  return { plan, problems };
}

/**
 * A recognition replaces the certificate in force (re-certification or upgrade), by the same rule
 * recordDecision follows (certificate.service.ts planSupersessions): each product's certificates,
 * stored ones in record order then the file's in file order, are superseded on the next issue day
 * (a same-day later record included); stored ones whose day changes are updated. Selection is by
 * issue day, so rows may come in any order.
 */
function supersedeOlderCertificates(plan: ImportPlan, refs: References): void {
  const byProduct = new Map<ProductRec, CertificateRec[]>();
  for (const c of plan.certificates) {
    const list = byProduct.get(c.product) ?? [];
    list.push(c);
    byProduct.set(c.product, list);
  }
  for (const [product, fresh] of byProduct) {
    const existing = product.id === null ? [] : (refs.certificates.get(product.id) ?? []);
    const { freshDays, changed } = planSupersessions(
      existing,
      fresh.map((c) => c.issuedOn),
    );
    fresh.forEach((c, i) => (c.supersededOn = freshDays[i] ?? null));
    for (const [id, on] of changed) {
      plan.supersede.set(id, on);
      plan.updated++;
    }
  }
}
