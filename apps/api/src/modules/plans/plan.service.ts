// Every query and write of plans: the plan list, a year's plan, targets in plan order, tasks,
// amendments, and the secretariat's writes (create, add/update target, add task, copy, amend).
// Writes run inside the caller's runWrite transaction (`tx`) and check their input here, naming
// the field of each error.
import { ref, type EntityManager } from '@mikro-orm/core';
import {
  isTargetKind,
  isTargetMetric,
  METRICS,
  metricFitsKind,
  NO_DATA_SOURCE_METRIC,
  targetValueOn,
  type PlanAmendmentFact,
  type TargetMetric,
} from '@ocop/domain';
import { validationFailed, notFound } from '../../graphql/errors.js';
import { recordAtVersion, type WriteOutcome } from '../audit/run-write.js';
import { Department } from '../departments/department.entity.js';
import { optionalText, requireText } from '../shared/input-checks.js';
import { PlanAmendment, type TargetChange } from './plan-amendment.entity.js';
import { PlanTarget, TARGET_KINDS, type TargetKind } from './plan-target.entity.js';
import { Plan } from './plan.entity.js';
import { TASK_ROLES, Task } from './task.entity.js';

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);

/** Every plan: newest year first, a year's plan before a programme starting that year. */
export function findPlans(em: EntityManager): Promise<Plan[]> {
  return em.find(Plan, {}, { orderBy: { year: 'desc', programme: 'asc', id: 'desc' } });
}

/** The plan of a year (a year's plan before a programme starting that year); null if none. */
export function findPlanOfYear(em: EntityManager, year: number): Promise<Plan | null> {
  // Amendments in the same statement: every target's progress needs the version in force.
  return em.findOne(
    Plan,
    { year },
    { orderBy: { programme: 'asc', id: 'asc' }, populate: ['amendments'], strategy: 'joined' },
  );
}

export function findPlanById(em: EntityManager, id: number): Promise<Plan | null> {
  return em.findOne(Plan, id, { populate: ['amendments'], strategy: 'joined' });
}

/** The years that have a plan or lie in a programme's period, ascending (year selectors). */
export async function planYears(em: EntityManager): Promise<number[]> {
  const plans = await em.find(Plan, {}, { fields: ['year', 'periodStart', 'periodEnd'] });
  const years = new Set<number>();
  for (const plan of plans) {
    const from = Number(iso(plan.periodStart).slice(0, 4));
    const to = Number(iso(plan.periodEnd).slice(0, 4));
    for (let y = Math.min(from, plan.year); y <= Math.max(to, plan.year); y += 1) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** Targets in plan order, their owners joined in the same statement. */
export function findTargets(em: EntityManager, planId: number): Promise<PlanTarget[]> {
  return em.find(
    PlanTarget,
    { plan: planId },
    { orderBy: { sortOrder: 'asc', id: 'asc' }, populate: ['owner'], strategy: 'joined' },
  );
}

export function findTasks(em: EntityManager, planId: number): Promise<Task[]> {
  return em.find(Task, { plan: planId }, { orderBy: { id: 'asc' } });
}

export function findAmendments(em: EntityManager, planId: number): Promise<PlanAmendment[]> {
  return em.find(PlanAmendment, { plan: planId }, { orderBy: { number: 'asc' } });
}

/** Amendments as the domain's facts (plan-versions). */
export async function amendmentFacts(
  em: EntityManager,
  planId: number,
): Promise<PlanAmendmentFact[]> {
  return (await findAmendments(em, planId)).map((a) => ({
    number: a.number,
    effectiveFrom: iso(a.effectiveFrom),
    changes: a.changes,
  }));
}

export interface TargetMetricInfo {
  name: TargetMetric;
  definition: string;
  kinds: readonly TargetKind[];
}

/** The metrics a target may name (domain METRICS, then no_data_source) and the kinds each fits. */
export function targetMetrics(): TargetMetricInfo[] {
  const fits = (name: TargetMetric) => TARGET_KINDS.filter((kind) => metricFitsKind(kind, name));
  return [
    ...Object.values(METRICS).map((m) => ({
      name: m.name,
      definition: m.definition,
      kinds: fits(m.name),
    })),
    {
      name: NO_DATA_SOURCE_METRIC,
      definition: 'Not computed: the facts this target needs are not recorded.',
      kinds: fits(NO_DATA_SOURCE_METRIC),
    },
  ];
}

// ---------------------------------------------------------------- input checks

export interface PlanInput {
  code: string;
  year: number;
  title: string;
  issuedOn: string;
  periodStart: string;
  periodEnd: string;
  programme?: boolean | null;
  sourceUrl?: string | null;
  note?: string | null;
}

export interface TargetInput {
  code: string;
  kind: TargetKind;
  metric: string;
  targetValue: number;
  targetMax?: number | null;
  unitLabel: string;
  scope: string;
  ownerCode?: string | null;
  labelVi: string;
  labelEn: string;
  definition: string;
  definitionVi?: string | null;
  sourceUrl?: string | null;
  note?: string | null;
}

export interface TaskInput {
  code: string;
  departmentCode: string;
  role: string;
  summaryVi: string;
  summaryEn: string;
  activityKinds?: readonly string[] | null;
}

function checkYear(field: string, year: number): void {
  if (!Number.isInteger(year) || year < 2019 || year > 2100)
    throw validationFailed(field, {
      en: `${field} ${year} is not a plan year (2019–2100).`,
      vi: `${field} ${year} không phải năm kế hoạch (2019–2100).`,
    });
}

function checkUrl(field: string, url: string | null | undefined): string | null {
  const text = optionalText(field, url, 500);
  if (text && !/^https?:\/\//i.test(text))
    throw validationFailed(field, {
      en: `${field} must start with http:// or https://.`,
      vi: `${field} phải bắt đầu bằng http:// hoặc https://.`,
    });
  return text;
}

function checkPlanInput(input: PlanInput): PlanInput {
  checkYear('year', input.year);
  if (input.periodStart > input.periodEnd)
    throw validationFailed('periodEnd', {
      en: `The period ends ${input.periodEnd}, before it starts (${input.periodStart}).`,
      vi: `Kỳ kế hoạch kết thúc ${input.periodEnd}, trước ngày bắt đầu ${input.periodStart}.`,
    });
  const startYear = Number(input.periodStart.slice(0, 4));
  const endYear = Number(input.periodEnd.slice(0, 4));
  if (!input.programme && (startYear !== input.year || endYear !== input.year))
    throw validationFailed('periodStart', {
      en: `A year's plan covers its year ${input.year}; mark a multi-year plan as a programme.`,
      vi: `Kế hoạch năm phải nằm trong năm ${input.year}; kế hoạch nhiều năm hãy đánh dấu là chương trình.`,
    });
  return {
    code: requireText('code', input.code, 64),
    year: input.year,
    title: requireText('title', input.title, 500),
    issuedOn: input.issuedOn,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    programme: !!input.programme,
    sourceUrl: checkUrl('sourceUrl', input.sourceUrl),
    note: optionalText('note', input.note, 2000),
  };
}

function checkTargetValues(
  kind: TargetKind,
  value: number,
  max: number | null | undefined,
  prefix = '',
): { targetValue: number; targetMax: number | null } {
  if (!Number.isFinite(value) || value < 0)
    throw validationFailed(`${prefix}targetValue`, {
      en: `targetValue ${value} must be a number ≥ 0.`,
      vi: `Giá trị chỉ tiêu ${value} phải là số ≥ 0.`,
    });
  if (kind === 'share_at_least' && value > 100)
    throw validationFailed(`${prefix}targetValue`, {
      en: 'A share is at most 100 percent.',
      vi: 'Tỷ lệ không quá 100%.',
    });
  if (kind === 'count_between') {
    if (max === null || max === undefined || !Number.isFinite(max) || max < value)
      throw validationFailed(`${prefix}targetMax`, {
        en: 'A "count between" target needs targetMax ≥ targetValue.',
        vi: 'Chỉ tiêu dạng khoảng cần giá trị trên ≥ giá trị dưới.',
      });
    return { targetValue: value, targetMax: max };
  }
  return { targetValue: value, targetMax: null };
}

function checkMetric(kind: TargetKind, metric: string): TargetMetric {
  if (!isTargetMetric(metric))
    throw validationFailed('metric', {
      en: `Metric "${metric}" is not implemented.`,
      vi: `Chưa có cách tính "${metric}".`,
    });
  if (!metricFitsKind(kind, metric))
    throw validationFailed('metric', {
      en: `Metric "${metric}" does not fit a ${kind} target.`,
      vi: `Cách tính "${metric}" không phù hợp với loại chỉ tiêu ${kind}.`,
    });
  return metric;
}

async function findDepartment(
  em: EntityManager,
  field: string,
  code: string | null | undefined,
): Promise<Department | null> {
  if (!code) return null;
  const department = await em.findOne(Department, { code });
  if (!department)
    throw validationFailed(field, {
      en: `Unknown department "${code}".`,
      vi: `Không có cơ quan "${code}".`,
    });
  return department;
}

// ---------------------------------------------------------------- writes

async function insertPlan(tx: EntityManager, input: PlanInput): Promise<Plan> {
  const checked = checkPlanInput(input);
  if (await tx.count(Plan, { code: checked.code }))
    throw validationFailed('code', {
      en: `A plan numbered "${checked.code}" exists already.`,
      vi: `Đã có kế hoạch số "${checked.code}".`,
    });
  return tx.create(Plan, {
    code: checked.code,
    year: checked.year,
    title: checked.title,
    issuedOn: checked.issuedOn,
    periodStart: checked.periodStart,
    periodEnd: checked.periodEnd,
    programme: !!checked.programme,
    sourceUrl: checked.sourceUrl ?? null,
    note: checked.note ?? null,
  });
}

async function loadPlanOrFail(tx: EntityManager, field: string, id: number): Promise<Plan> {
  const plan = await tx.findOne(Plan, id);
  if (!plan) throw notFound('Plan', id, field);
  return plan;
}

async function insertTarget(
  tx: EntityManager,
  plan: Plan,
  input: TargetInput,
): Promise<PlanTarget> {
  if (!isTargetKind(input.kind))
    throw validationFailed('kind', {
      en: `Unknown kind "${input.kind}".`,
      vi: `Loại chỉ tiêu "${input.kind}" không có.`,
    });
  const code = requireText('code', input.code, 64);
  if (await tx.count(PlanTarget, { plan: plan.id, code }))
    throw validationFailed('code', {
      en: `The plan has a target "${code}" already.`,
      vi: `Kế hoạch đã có chỉ tiêu "${code}".`,
    });
  const metric = checkMetric(input.kind, input.metric);
  const values = checkTargetValues(input.kind, input.targetValue, input.targetMax);
  const last = await tx.findOne(PlanTarget, { plan: plan.id }, { orderBy: { sortOrder: 'desc' } });
  return tx.create(PlanTarget, {
    plan,
    code,
    kind: input.kind,
    metric,
    ...values,
    unitLabel: requireText('unitLabel', input.unitLabel, 64),
    scope: requireText('scope', input.scope, 200),
    owner: await findDepartment(tx, 'ownerCode', input.ownerCode),
    labelVi: requireText('labelVi', input.labelVi, 500),
    labelEn: requireText('labelEn', input.labelEn, 500),
    definition: requireText('definition', input.definition, 2000),
    definitionVi: optionalText('definitionVi', input.definitionVi, 2000),
    sourceUrl: checkUrl('sourceUrl', input.sourceUrl),
    note: optionalText('note', input.note, 2000),
    sortOrder: (last?.sortOrder ?? 0) + 1,
  });
}

/** A correction of a target as issued (not an amendment: amendments are versions, see amendPlan). */
async function correctTarget(
  tx: EntityManager,
  target: PlanTarget,
  input: Partial<TargetInput>,
): Promise<PlanTarget> {
  const kind = input.kind ?? target.kind;
  if (!isTargetKind(kind))
    throw validationFailed('kind', {
      en: `Unknown kind "${kind}".`,
      vi: `Loại chỉ tiêu "${kind}" không có.`,
    });
  target.kind = kind;
  target.metric = checkMetric(kind, input.metric ?? target.metric);
  Object.assign(
    target,
    checkTargetValues(
      kind,
      input.targetValue ?? target.targetValue,
      input.targetMax === undefined ? target.targetMax : input.targetMax,
    ),
  );
  if (input.unitLabel != null) target.unitLabel = requireText('unitLabel', input.unitLabel, 64);
  if (input.scope != null) target.scope = requireText('scope', input.scope, 200);
  if (input.ownerCode !== undefined) {
    const owner = await findDepartment(tx, 'ownerCode', input.ownerCode);
    target.owner = owner ? ref(owner) : null;
  }
  if (input.labelVi != null) target.labelVi = requireText('labelVi', input.labelVi, 500);
  if (input.labelEn != null) target.labelEn = requireText('labelEn', input.labelEn, 500);
  if (input.definition != null)
    target.definition = requireText('definition', input.definition, 2000);
  if (input.definitionVi !== undefined)
    target.definitionVi = optionalText('definitionVi', input.definitionVi, 2000);
  if (input.sourceUrl !== undefined) target.sourceUrl = checkUrl('sourceUrl', input.sourceUrl);
  if (input.note !== undefined) target.note = optionalText('note', input.note, 2000);
  return target;
}

async function insertTask(tx: EntityManager, plan: Plan, input: TaskInput): Promise<Task> {
  const code = requireText('code', input.code, 64);
  if (await tx.count(Task, { plan: plan.id, code }))
    throw validationFailed('code', {
      en: `The plan has a task "${code}" already.`,
      vi: `Kế hoạch đã có nhiệm vụ "${code}".`,
    });
  const role = input.role.trim().toLowerCase();
  if (!(TASK_ROLES as readonly string[]).includes(role))
    throw validationFailed('role', {
      en: `"${input.role}" is not LEAD or COORDINATE.`,
      vi: `"${input.role}" không phải LEAD (chủ trì) hoặc COORDINATE (phối hợp).`,
    });
  const department = await findDepartment(tx, 'departmentCode', input.departmentCode);
  if (!department)
    throw validationFailed('departmentCode', {
      en: 'departmentCode is required.',
      vi: 'Cần chọn cơ quan.',
    });
  return tx.create(Task, {
    plan,
    code,
    department,
    role: role as Task['role'],
    summaryVi: requireText('summaryVi', input.summaryVi, 2000),
    summaryEn: requireText('summaryEn', input.summaryEn, 2000),
    activityKinds: (input.activityKinds ?? []).map((k, i) =>
      requireText(`activityKinds.${i}`, k, 64),
    ),
  });
}

/** Shifts an ISO day by whole years (29 February becomes 28 February). */
function shiftYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/**
 * Starts the plan of `toYear` from the plan of `fromYear`: same targets (values as in force at
 * the end of the old plan) and tasks (status reset), period shifted by the years between.
 */
async function copyPlanRecords(
  tx: EntityManager,
  from: Plan,
  toYear: number,
  header: { code: string; title?: string | null; issuedOn: string },
): Promise<{ plan: Plan; targets: number; tasks: number }> {
  checkYear('toYear', toYear);
  const years = toYear - from.year;
  const plan = await insertPlan(tx, {
    code: header.code,
    year: toYear,
    title: header.title?.trim() || from.title.replace(String(from.year), String(toYear)),
    issuedOn: header.issuedOn,
    periodStart: shiftYears(iso(from.periodStart), years),
    periodEnd: shiftYears(iso(from.periodEnd), years),
    programme: from.programme,
    note: `Copied from ${from.code} (${from.year}).`,
  });
  const targets = await findTargets(tx, from.id);
  const amendments = await amendmentFacts(tx, from.id);
  for (const t of targets) {
    const value = targetValueOn(
      t.code,
      { targetValue: t.targetValue, targetMax: t.targetMax ?? null },
      amendments,
      iso(from.periodEnd),
    );
    tx.create(PlanTarget, {
      plan,
      code: t.code,
      kind: t.kind,
      metric: t.metric,
      targetValue: value.targetValue,
      targetMax: value.targetMax,
      unitLabel: t.unitLabel,
      scope: t.scope,
      owner: t.owner ?? null,
      labelVi: t.labelVi,
      labelEn: t.labelEn,
      definition: t.definition,
      definitionVi: t.definitionVi ?? null,
      sourceUrl: null,
      note: null,
      sortOrder: t.sortOrder,
    });
  }
  const tasks = await findTasks(tx, from.id);
  for (const task of tasks)
    tx.create(Task, {
      plan,
      code: task.code,
      department: task.department,
      role: task.role,
      summaryVi: task.summaryVi,
      summaryEn: task.summaryEn,
      activityKinds: [...task.activityKinds],
    });
  return { plan, targets: targets.length, tasks: tasks.length };
}

export interface AmendmentInput {
  documentCode: string;
  issuedOn: string;
  effectiveFrom: string;
  reason?: string | null;
  changes: readonly { code: string; targetValue: number; targetMax?: number | null }[];
}

/** Records the plan's next version; its values count from `effectiveFrom` on. */
async function insertAmendment(
  tx: EntityManager,
  plan: Plan,
  input: AmendmentInput,
): Promise<PlanAmendment> {
  if (input.changes.length === 0)
    throw validationFailed('changes', {
      en: 'An amendment changes at least one target.',
      vi: 'Văn bản điều chỉnh phải thay đổi ít nhất một chỉ tiêu.',
    });
  if (input.effectiveFrom < input.issuedOn)
    throw validationFailed('effectiveFrom', {
      en: `effectiveFrom ${input.effectiveFrom} is before the amendment was issued (${input.issuedOn}).`,
      vi: `Ngày hiệu lực ${input.effectiveFrom} trước ngày ban hành ${input.issuedOn}.`,
    });
  const targets = new Map((await findTargets(tx, plan.id)).map((t) => [t.code, t]));
  const changes: TargetChange[] = input.changes.map((change, index) => {
    const target = targets.get(change.code);
    if (!target)
      throw validationFailed(`changes.${index}.code`, {
        en: `The plan has no target "${change.code}".`,
        vi: `Kế hoạch không có chỉ tiêu "${change.code}".`,
      });
    return {
      code: change.code,
      ...checkTargetValues(target.kind, change.targetValue, change.targetMax, `changes.${index}.`),
    };
  });
  const last = await tx.findOne(PlanAmendment, { plan: plan.id }, { orderBy: { number: 'desc' } });
  return tx.create(PlanAmendment, {
    plan,
    number: (last?.number ?? 1) + 1,
    documentCode: requireText('documentCode', input.documentCode, 64),
    issuedOn: input.issuedOn,
    effectiveFrom: input.effectiveFrom,
    reason: optionalText('reason', input.reason, 2000),
    changes,
    createdAt: new Date(),
  });
}

// ---------------------------------------------------------------- mutations
// What each plan mutation runs inside runWrite: the write and its audit record's facts.

/** A target as the PlanTarget type shows it: with its plan, at no particular as-of day. */
export interface TargetView {
  target: PlanTarget;
  plan: Plan;
  asOf: null;
}

const planSnapshot = (plan: Plan) => ({
  id: plan.id,
  code: plan.code,
  year: plan.year,
  periodStart: String(plan.periodStart).slice(0, 10),
  periodEnd: String(plan.periodEnd).slice(0, 10),
  programme: !!plan.programme,
});

const targetSnapshot = (t: PlanTarget) => ({
  id: t.id,
  code: t.code,
  kind: t.kind,
  metric: t.metric,
  targetValue: t.targetValue,
  targetMax: t.targetMax ?? null,
  version: t.version,
});

/** createPlan: a year's plan or a multi-year programme. */
export async function createPlan(tx: EntityManager, input: PlanInput): Promise<WriteOutcome<Plan>> {
  const plan = await insertPlan(tx, input);
  return { result: plan, audit: () => ({ recordId: plan.id, after: planSnapshot(plan) }) };
}

/** addTarget: a target at the end of the plan's list. */
export async function addTarget(
  tx: EntityManager,
  planId: number,
  input: TargetInput,
): Promise<WriteOutcome<TargetView>> {
  const plan = await loadPlanOrFail(tx, 'planId', planId);
  const target = await insertTarget(tx, plan, input);
  return {
    result: { target, plan, asOf: null },
    audit: () => ({ recordId: target.id, after: targetSnapshot(target) }),
  };
}

/**
 * A correction as the API sends it: an absent or null field keeps its value, except `targetMax:
 * null`, which clears the upper bound.
 */
export type TargetUpdate = { [K in keyof TargetInput]?: TargetInput[K] | null };

const loadTargetForWrite = (em: EntityManager, id: number) =>
  em.findOne(PlanTarget, id, { refresh: true, populate: ['plan'] });

/** A target's current values as VERSION_CONFLICT shows them (null when gone). */
export async function targetCurrentOf(em: EntityManager, id: number) {
  const target = await loadTargetForWrite(em, id);
  return target && targetSnapshot(target);
}

/** updateTarget: a correction of a target read at `version` (else VERSION_CONFLICT). */
export async function updateTarget(
  tx: EntityManager,
  id: number,
  version: number,
  input: TargetUpdate,
): Promise<WriteOutcome<TargetView>> {
  const target = await recordAtVersion(
    'PlanTarget',
    () => loadTargetForWrite(tx, id),
    id,
    version,
    targetSnapshot,
  );
  const before = targetSnapshot(target);
  const given: Partial<TargetInput> = Object.fromEntries(
    Object.entries(input).filter(([, v]) => v != null),
  );
  await correctTarget(tx, target, input.targetMax === null ? { ...given, targetMax: null } : given);
  return {
    result: { target, plan: target.plan.getEntity(), asOf: null },
    audit: () => ({ recordId: id, before, after: targetSnapshot(target) }),
  };
}

/** addTask: a department's task in the plan. */
export async function addTask(
  tx: EntityManager,
  planId: number,
  input: TaskInput,
): Promise<WriteOutcome<Task>> {
  const plan = await loadPlanOrFail(tx, 'planId', planId);
  const task = await insertTask(tx, plan, input);
  return {
    result: task,
    audit: () => ({ recordId: task.id, after: { id: task.id, code: task.code } }),
  };
}

/** copyPlan: the plan of `toYear` started from another plan (see copyPlanRecords). */
export async function copyPlan(
  tx: EntityManager,
  fromPlanId: number,
  toYear: number,
  header: { code: string; title?: string | null; issuedOn: string },
): Promise<WriteOutcome<Plan>> {
  const from = await loadPlanOrFail(tx, 'fromPlanId', fromPlanId);
  const copy = await copyPlanRecords(tx, from, toYear, header);
  return {
    result: copy.plan,
    audit: () => ({
      recordId: copy.plan.id,
      after: { ...planSnapshot(copy.plan), copiedFrom: from.id, ...copy },
    }),
  };
}

/** amendPlan: the plan's next version (see insertAmendment). */
export async function amendPlan(
  tx: EntityManager,
  planId: number,
  input: AmendmentInput,
): Promise<WriteOutcome<PlanAmendment>> {
  const plan = await loadPlanOrFail(tx, 'planId', planId);
  const amendment = await insertAmendment(tx, plan, input);
  return {
    result: amendment,
    audit: () => ({
      recordId: plan.id,
      after: {
        amendment: amendment.number,
        documentCode: amendment.documentCode,
        effectiveFrom: amendment.effectiveFrom,
        changes: amendment.changes,
      },
    }),
  };
}
