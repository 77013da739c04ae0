// Imports a decision list (the products-2020-2021.csv layout). The same function serves the CLI,
// the seed and, later, a GraphQL upload. One file = one transaction: with any rejected row nothing
// is written unless the caller passes `skipRejected: true` (then only valid rows are written).
// Idempotent: a file already imported (same sha256) writes nothing, and every record is matched
// on its natural key, so an overlapping list extends product histories instead of duplicating.
import { createHash } from 'node:crypto';
import { ref, type EntityManager } from '@mikro-orm/core';
import {
  certificateValidUntil,
  mapGroup1048To148,
  ruleSetInForce,
  starsForScore,
  type FactDate,
} from '@ocop/domain';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Certificate } from '../certificates/certificate.entity.js';
import { DecisionItem } from '../decisions/decision-item.entity.js';
import { Decision } from '../decisions/decision.entity.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { Evaluation } from '../evaluations/evaluation.entity.js';
import { Product } from '../products/product.entity.js';
import { normalizeText } from '../shared/normalize-text.js';
import { Source } from '../sources/source.entity.js';
import {
  DECISION_LIST_COLUMNS,
  ImportFileError,
  decodeUtf8,
  readDecisionListCsv,
  rowKey,
  validateRecord,
  type DecisionListRow,
  type ImportIssue,
  type RowReport,
} from './decision-list-format.js';
import { ImportRun } from './import-run.entity.js';

export interface ImportInput {
  fileName: string;
  content: Buffer | string;
  /** Validate and compute the changes inside a transaction that is rolled back. */
  dryRun?: boolean;
  /** Write the valid rows even when some rows are rejected (default false: all or nothing). */
  skipRejected?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Runs inside the import's transaction just before commit (real runs only): the audit record. */
  beforeCommit?: (tx: EntityManager, report: ImportReport, run: ImportRun) => void | Promise<void>;
}

const KINDS = [
  'entities',
  'products',
  'evaluations',
  'decisions',
  'decisionItems',
  'certificates',
  'sources',
] as const;
export type RecordCounts = Record<(typeof KINDS)[number], number>;

export interface ImportReport {
  fileName: string;
  sha256: string;
  dryRun: boolean;
  /** True when the changes were committed. */
  applied: boolean;
  /** True when the database already held everything in the file. */
  noChanges: boolean;
  message: string;
  fileErrors: ImportIssue[];
  rows: RowReport[];
  totals: { rows: number; accepted: number; flagged: number; rejected: number };
  created: RecordCounts;
  reused: RecordCounts;
}

const zeroCounts = (): RecordCounts => Object.fromEntries(KINDS.map((k) => [k, 0])) as RecordCounts;

class DryRunRollback extends Error {}

function emptyReport(input: ImportInput, sha256: string): ImportReport {
  return {
    fileName: input.fileName,
    sha256,
    dryRun: input.dryRun ?? false,
    applied: false,
    noChanges: false,
    message: '',
    fileErrors: [],
    rows: [],
    totals: { rows: 0, accepted: 0, flagged: 0, rejected: 0 },
    created: zeroCounts(),
    reused: zeroCounts(),
  };
}

/** Imports one decision-list file and returns the per-row report (never throws for bad data). */
export async function importDecisionList(
  em: EntityManager,
  input: ImportInput,
): Promise<ImportReport> {
  const bytes =
    typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const report = emptyReport(input, sha256);

  let records;
  try {
    records = readDecisionListCsv(decodeUtf8(input.content));
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    report.fileErrors = error.issues;
    report.message = `File rejected: ${error.message} Nothing was written.`;
    return report;
  }

  const units = await em
    .fork()
    .find(AdminUnit, { type: { $in: ['city', 'town', 'district'] } }, { orderBy: { id: 'asc' } });
  const unitByName = new Map<string, AdminUnit[]>();
  for (const unit of units) {
    const list = unitByName.get(unit.normalizedName) ?? [];
    list.push(unit);
    unitByName.set(unit.normalizedName, list);
  }
  const ctx = { districtExists: (name: string) => unitByName.has(normalizeText(name)) };

  const seen = new Map<string, number>();
  const valid: DecisionListRow[] = [];
  for (const raw of records) {
    const { report: rowReport, row } = validateRecord(raw, DECISION_LIST_COLUMNS.length, ctx);
    if (row) {
      const key = rowKey(row);
      const first = seen.get(key);
      if (first !== undefined) {
        rowReport.status = 'rejected';
        rowReport.issues.unshift({
          field: 'row',
          code: 'duplicate',
          message: `same product, unit, entity, level, year and decision as line ${first}`,
        });
      } else {
        seen.set(key, row.line);
        valid.push(row);
      }
    }
    report.rows.push(rowReport);
  }
  report.totals = {
    rows: report.rows.length,
    accepted: report.rows.filter((r) => r.status === 'accepted').length,
    flagged: report.rows.filter((r) => r.status === 'flagged').length,
    rejected: report.rows.filter((r) => r.status === 'rejected').length,
  };
  if (report.totals.rejected > 0 && !input.skipRejected) {
    report.message = `${report.totals.rejected} of ${report.totals.rows} rows rejected; nothing was written (fix them, or import with skip-rejected).`;
    return report;
  }

  const fork = em.fork();
  if (await fork.count(ImportRun, { sha256 })) {
    report.noChanges = true;
    report.message = 'No changes: this file was already imported.';
    return report;
  }

  const pickUnit = (row: DecisionListRow): AdminUnit | null => {
    if (!row.districtName) return null;
    const candidates = unitByName.get(normalizeText(row.districtName)) ?? [];
    const on = row.date?.date;
    const inForce = on
      ? candidates.find(
          (u) => (!u.validFrom || u.validFrom <= on) && (!u.validTo || on <= u.validTo),
        )
      : undefined;
    return inForce ?? candidates[0] ?? null;
  };

  try {
    await fork.transactional(async (tx) => {
      const writer = new RowWriter(tx, report);
      let done = 0;
      for (const row of valid) {
        await writer.write(row, pickUnit(row));
        done += 1;
        input.onProgress?.(done, valid.length);
      }
      const changed = KINDS.some((k) => report.created[k] > 0) || writer.updated > 0;
      report.noChanges = !changed;
      report.message = changed
        ? `Imported ${valid.length} rows (${report.totals.flagged} flagged${report.totals.rejected ? `, ${report.totals.rejected} rejected rows skipped` : ''}).`
        : 'No changes: every record in the file is already in the database.';
      if (input.dryRun) throw new DryRunRollback();
      const run = tx.create(ImportRun, {
        fileName: input.fileName,
        sha256,
        report: {
          ...report,
          rows: report.rows.filter((r) => r.status !== 'accepted'),
        } as unknown as Record<string, unknown>,
      });
      if (input.beforeCommit) {
        await tx.flush();
        await input.beforeCommit(tx, report, run);
      }
    });
    report.applied = true;
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    report.message = `Dry run: ${report.message} Nothing was written.`;
  }
  return report;
}

/** Creates or reuses the records of one row, counting what it did. */
class RowWriter {
  updated = 0;
  constructor(
    private readonly em: EntityManager,
    private readonly report: ImportReport,
  ) {}

  /** Fills missing facts on an existing record and remembers that the import changed something. */
  private set<T extends object>(record: T, values: Partial<T>): void {
    Object.assign(record, values);
    this.updated += 1;
  }

  private count(kind: (typeof KINDS)[number], created: boolean): void {
    (created ? this.report.created : this.report.reused)[kind] += 1;
  }

  async write(row: DecisionListRow, unit: AdminUnit | null): Promise<void> {
    const em = this.em;
    const sources = await this.sources(row.sourceUrls);
    const entity = row.entityName ? await this.entity(row, unit) : null;
    const product = await this.product(row, unit, entity);
    for (const source of sources) product.sources.add(source);

    if (row.level && row.date) {
      const evaluation = await this.evaluation(row, product, row.level, row.date);
      for (const source of sources) evaluation.sources.add(source);
      const decision = await this.decision(row, row.level, row.date);
      for (const source of sources) decision.sources.add(source);
      await this.itemAndCertificate(row, decision, product);
    }
    await em.flush();
  }

  private async sources(urls: string[]): Promise<Source[]> {
    const result: Source[] = [];
    for (const url of urls) {
      let source = await this.em.findOne(Source, { url });
      this.count('sources', !source);
      source ??= this.em.create(Source, { url });
      result.push(source);
    }
    return result;
  }

  private async entity(row: DecisionListRow, unit: AdminUnit | null): Promise<EconomicEntity> {
    const normalizedName = normalizeText(row.entityName!);
    let entity = await this.em.findOne(EconomicEntity, {
      normalizedName,
      unit: unit ? unit.id : null,
    });
    this.count('entities', !entity);
    if (!entity) {
      entity = this.em.create(EconomicEntity, {
        name: row.entityName!,
        normalizedName,
        type: row.entityType,
        commune: row.commune,
        normalizedCommune: row.commune ? normalizeText(row.commune) : null,
        unit,
        registeredOn: row.date?.date ?? null,
        registeredPrecision: row.date?.precision ?? null,
      });
      return entity;
    }
    // Fill facts a later list adds; never overwrite a known value.
    if (!entity.type && row.entityType) this.set(entity, { type: row.entityType });
    if (!entity.commune && row.commune)
      this.set(entity, { commune: row.commune, normalizedCommune: normalizeText(row.commune) });
    if (row.date && (!entity.registeredOn || row.date.date < entity.registeredOn)) {
      this.set(entity, { registeredOn: row.date.date, registeredPrecision: row.date.precision });
    }
    return entity;
  }

  private async product(
    row: DecisionListRow,
    unit: AdminUnit | null,
    entity: EconomicEntity | null,
  ): Promise<Product> {
    const normalizedName = normalizeText(row.productName);
    const candidates = await this.em.find(
      Product,
      { normalizedName, unit: unit ? unit.id : null },
      { orderBy: { id: 'asc' } },
    );
    // Same name and unit is the same product unless both sides name different entities.
    const product =
      candidates.find((p) => !entity || !p.entity || p.entity.id === entity.id) ?? null;
    this.count('products', !product);
    const group148 = row.group1048 ? mapGroup1048To148(row.group1048).code : null;
    if (!product) {
      return this.em.create(Product, {
        name: row.productName,
        normalizedName,
        entity,
        unit,
        commune: row.commune,
        normalizedCommune: row.commune ? normalizeText(row.commune) : null,
        group1048: row.group1048,
        group148,
        registeredOn: row.date?.date ?? null,
        registeredPrecision: row.date?.precision ?? null,
      });
    }
    if (!product.entity && entity) this.set(product, { entity: ref(entity) });
    if (!product.group1048 && row.group1048)
      this.set(product, { group1048: row.group1048, group148 });
    if (!product.commune && row.commune)
      this.set(product, { commune: row.commune, normalizedCommune: normalizeText(row.commune) });
    if (row.date && (!product.registeredOn || row.date.date < product.registeredOn)) {
      this.set(product, { registeredOn: row.date.date, registeredPrecision: row.date.precision });
    }
    return product;
  }

  private async evaluation(
    row: DecisionListRow,
    product: Product,
    level: Evaluation['level'],
    date: FactDate,
  ): Promise<Evaluation> {
    const existing = product.id
      ? await this.em.findOne(Evaluation, { product: product.id, level, date: date.date })
      : null;
    this.count('evaluations', !existing);
    if (existing) return existing;
    const ruleSet = ruleSetInForce(date.date);
    const potentialFiveStar =
      level !== 'national' && row.score !== null && starsForScore(row.score, ruleSet) === 5;
    return this.em.create(Evaluation, {
      product,
      level,
      date: date.date,
      datePrecision: date.precision,
      year: Number(date.date.slice(0, 4)),
      ruleSetCode: ruleSet.code,
      total: row.score,
      stars: row.stars,
      potentialFiveStar,
      round: row.batch,
      outcome: row.stars !== null ? 'passed' : 'unknown',
    });
  }

  private async decision(
    row: DecisionListRow,
    level: Decision['issuingLevel'],
    date: FactDate,
  ): Promise<Decision> {
    const groupKey = createHash('sha256')
      .update(
        JSON.stringify([
          level,
          row.decisionNumber,
          date.precision === 'day' ? date.date : null,
          row.year,
          row.batch,
        ]),
      )
      .digest('hex');
    const existing = await this.em.findOne(Decision, { groupKey });
    this.count('decisions', !existing);
    return (
      existing ??
      this.em.create(Decision, {
        groupKey,
        number: row.decisionNumber,
        date: date.date,
        datePrecision: date.precision,
        issuingLevel: level,
        batch: row.batch,
        year: row.year ?? Number(date.date.slice(0, 4)),
      })
    );
  }

  private async itemAndCertificate(
    row: DecisionListRow,
    decision: Decision,
    product: Product,
  ): Promise<void> {
    const existing =
      decision.id && product.id
        ? await this.em.findOne(DecisionItem, {
            decision: decision.id,
            product: product.id,
            action: 'recognise',
          })
        : null;
    this.count('decisionItems', !existing);
    this.count('certificates', !existing);
    if (existing) return;
    const item = this.em.create(DecisionItem, {
      decision,
      product,
      stars: row.stars,
      action: 'recognise',
    });
    const issued = { date: decision.date, precision: decision.datePrecision };
    // A newer recognition replaces the certificate in force (re-certification or upgrade).
    if (product.id) {
      const older = await this.em.find(Certificate, {
        product: product.id,
        supersededOn: null,
        revokedOn: null,
        issuedOn: { $lt: issued.date },
      });
      for (const certificate of older) certificate.supersededOn = issued.date;
    }
    this.em.create(Certificate, {
      product,
      decisionItem: item,
      stars: row.stars,
      issuedOn: issued.date,
      issuedPrecision: issued.precision,
      validUntil: certificateValidUntil(issued),
    });
  }
}
