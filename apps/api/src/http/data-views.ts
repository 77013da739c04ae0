/**
 * The published views behind `/<view>/data.csv`, `/<view>/data.json` and `/<view>/metadata.json`:
 * for each, the GraphQL operation the server executes (the same schema and resolvers as /graphql),
 * how the permalink's query becomes its variables, and how its answer becomes a table (data only)
 * and metadata (definition, as-of, basis, sources, coverage).
 */
import { getProductGroup, unitTypeLabel, isUnitType } from '@ocop/domain';
import {
  figuresParams,
  planParams,
  type FiguresParams,
  type Lang,
  type PlanParams,
} from './view-params.js';
import {
  BASIS_LABEL,
  COMMON_LABEL,
  ENTITY_TYPE_LABEL,
  GROUP_BY_LABEL,
  LEVEL_LABEL,
  MEASURE_LABEL,
  ROLE_LABEL,
  TASK_STATUS_LABEL,
  UNKNOWN_BUCKET_LABEL,
  text,
} from './view-labels.js';

export interface ViewTable {
  columns: string[];
  rows: (string | number | null)[][];
  /** Rows after the data (the total), written last in the CSV. */
  footer?: (string | number | null)[][];
  /** First-column labels of rows that are not a category (the unknown bucket). */
  apart?: string[];
}

export interface SourceRef {
  url: string;
  title: string | null;
  host: string;
}

export interface ViewMetadata {
  view: string;
  title: string;
  definition: string;
  asOf: string;
  basis: string | null;
  sources: SourceRef[];
  coverage: Record<string, number>;
  permalink: string;
  language: Lang;
  /** View-specific details (e.g. each plan target's own definition). */
  details?: Record<string, unknown>;
}

type Query = Record<string, unknown>;
type Answer = Record<string, unknown>;

export interface DataView<P extends { lang: Lang }> {
  /** The dashboard route the permalink opens; the data endpoints live under it. */
  path: string;
  operation: string;
  params(query: Query, today?: string): P;
  variables(params: P): Record<string, unknown>;
  /** The permalink's query string, in the dashboard's parameter order. */
  permalinkQuery(params: P): URLSearchParams;
  fileStem(params: P): string;
  /** False when the answer has nothing to publish (no plan for the year): 404. */
  found?(data: Answer): boolean;
  table(data: Answer, params: P): ViewTable;
  metadata(data: Answer, params: P): Omit<ViewMetadata, 'permalink' | 'view' | 'language'>;
}

function sourcesOf(list: { url: string; title: string | null }[] | undefined): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const s of list ?? []) {
    if (seen.has(s.url)) continue;
    seen.add(s.url);
    let host = s.url;
    try {
      host = new URL(s.url).host;
    } catch {
      // Keep the address as written when it is not a URL.
    }
    out.push({ url: s.url, title: s.title, host });
  }
  return out;
}

// ---------------------------------------------------------------- figures (stats) -----------

interface StatsAnswer {
  asOf: string;
  basis: string;
  definition: string;
  definitionVi: string | null;
  total: number;
  yearOnlyRecords: number;
  rows: { key: string | null; label: string; count: number }[];
  decisions: { id: string }[];
  sources: { url: string; title: string | null }[];
}

/** A stats row's label in the reader's language; the dashboard's rowLabel (FiguresPage.vue). */
export function statsRowLabel(
  row: { key: string | null; label: string },
  params: Pick<FiguresParams, 'groupBy' | 'groupTaxonomy' | 'lang'>,
): string {
  const { groupBy, lang } = params;
  if (row.key === null) return text(UNKNOWN_BUCKET_LABEL[groupBy], lang);
  const upper = row.key.toUpperCase();
  switch (groupBy) {
    case 'STARS':
      return `${row.key}★`;
    case 'ENTITY_TYPE':
      return ENTITY_TYPE_LABEL[upper] ? text(ENTITY_TYPE_LABEL[upper], lang) : row.label;
    case 'LEVEL':
      return LEVEL_LABEL[upper] ? text(LEVEL_LABEL[upper], lang) : row.label;
    case 'GROUP':
      try {
        const group = getProductGroup(params.groupTaxonomy, row.key);
        return lang === 'en' ? group.nameEn : group.nameVi;
      } catch {
        return row.label;
      }
    default:
      return row.label;
  }
}

/** Known buckets first in the API's order (largest first), the unknown bucket always last. */
export function unknownLast<T extends { key: string | null }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => r.key !== null), ...rows.filter((r) => r.key === null)];
}

export const figuresView: DataView<FiguresParams> = {
  path: '/figures',
  operation: `query PublishedStats($measure: StatsMeasure!, $groupBy: StatsGroupBy!, $basis: CertifiedBasis, $asOf: Date, $filter: StatsFilter, $groupTaxonomy: String) {
  stats(measure: $measure, groupBy: $groupBy, basis: $basis, asOf: $asOf, filter: $filter, groupTaxonomy: $groupTaxonomy) {
    asOf basis definition definitionVi total yearOnlyRecords
    rows { key label count }
    decisions { id }
    sources { url title }
  }
}`,
  params: figuresParams,
  variables: (p) => ({
    measure: p.measure,
    groupBy: p.groupBy,
    basis: p.basis,
    asOf: p.asOf,
    filter: p.filter,
    groupTaxonomy: p.groupTaxonomy,
  }),
  permalinkQuery(p) {
    const q = new URLSearchParams({
      measure: p.measure,
      groupBy: p.groupBy,
      tax: p.groupTaxonomy,
      basis: p.basis,
      asOf: p.asOf,
    });
    if (p.filter.unitCode) q.set('unit', p.filter.unitCode);
    if (p.filter.group) q.set('group', p.filter.group);
    if (p.filter.stars?.length) q.set('stars', p.filter.stars.join(','));
    if (p.filter.level) q.set('level', p.filter.level);
    if (p.filter.year != null) q.set('year', String(p.filter.year));
    if (p.filter.entityType) q.set('entityType', p.filter.entityType);
    q.set('lang', p.lang);
    return q;
  },
  fileStem: (p) => `ocop-an-giang-${p.measure.toLowerCase()}-${p.groupBy.toLowerCase()}-${p.asOf}`,
  table(data, p) {
    const s = data.stats as StatsAnswer;
    return {
      // The same headers as the dashboard's table: the count column is named by what it counts.
      columns: [text(GROUP_BY_LABEL[p.groupBy], p.lang), text(MEASURE_LABEL[p.measure], p.lang)],
      rows: unknownLast(s.rows).map((r) => [statsRowLabel(r, p), r.count]),
      footer: [[text(COMMON_LABEL.total, p.lang), s.total]],
      apart: s.rows.filter((r) => r.key === null).map((r) => statsRowLabel(r, p)),
    };
  },
  metadata(data, p) {
    const s = data.stats as StatsAnswer;
    return {
      // The chart title of the figures page (figures.chartTitle in apps/web/src/i18n).
      title: `${text(MEASURE_LABEL[p.measure], p.lang)} ${p.lang === 'vi' ? 'theo' : 'by'} ${text(GROUP_BY_LABEL[p.groupBy], p.lang)}`,
      definition: p.lang === 'vi' ? (s.definitionVi ?? s.definition) : s.definition,
      asOf: s.asOf,
      basis: text(BASIS_LABEL[p.basis], p.lang),
      sources: sourcesOf(s.sources),
      coverage: {
        total: s.total,
        rows: s.rows.length,
        noDistrictRecorded: s.rows.find((r) => r.key === null)?.count ?? 0,
        yearOnlyRecords: s.yearOnlyRecords,
        decisions: s.decisions.length,
      },
    };
  },
};

// ---------------------------------------------------------------- districts -----------------

interface DistrictsAnswer {
  districts: {
    unit: { code: string; name: string; type: string };
    participatingEntities: number;
    productsEvaluated: number;
    productsCertified: number;
    passRate: number | null;
  }[];
  stats: { asOf: string; sources: { url: string; title: string | null }[] };
}

function unitName(unit: { name: string; type: string }, lang: Lang): string {
  const type = unit.type.toLowerCase();
  return isUnitType(type) ? `${unitTypeLabel(type, lang)} ${unit.name}` : unit.name;
}

export const districtsView: DataView<PlanParams> = {
  path: '/districts',
  operation: `query PublishedDistricts($planYear: Int!, $asOf: Date) {
  districts(planYear: $planYear, asOf: $asOf) {
    unit { code name type }
    participatingEntities productsEvaluated productsCertified passRate
  }
  stats(measure: PRODUCTS, groupBy: UNIT, asOf: $asOf) { asOf sources { url title } }
}`,
  params: planParams,
  variables: (p) => ({ planYear: p.year, asOf: p.asOf }),
  permalinkQuery: (p) => new URLSearchParams({ year: String(p.year), asOf: p.asOf, lang: p.lang }),
  fileStem: (p) => `ocop-an-giang-districts-${p.year}-${p.asOf}`,
  table(data, p) {
    const d = data as unknown as DistrictsAnswer;
    const L = COMMON_LABEL;
    return {
      columns: [L.unitCode, L.unit, L.entities, L.evaluated, L.certified, L.passRate].map((c) =>
        text(c, p.lang),
      ),
      rows: d.districts.map((r) => [
        r.unit.code,
        unitName(r.unit, p.lang),
        r.participatingEntities,
        r.productsEvaluated,
        r.productsCertified,
        r.passRate == null ? null : Math.round(r.passRate * 10) / 10,
      ]),
    };
  },
  metadata(data, p) {
    const d = data as unknown as DistrictsAnswer;
    return {
      title: `${text(COMMON_LABEL.districtsTitle, p.lang)} ${p.year}`,
      definition: text(COMMON_LABEL.districtsDefinition, p.lang),
      asOf: p.asOf,
      basis: text(BASIS_LABEL.EVER_CERTIFIED, p.lang),
      sources: sourcesOf(d.stats.sources),
      coverage: { units: d.districts.length, planYear: p.year },
    };
  },
};

// ---------------------------------------------------------------- plan overview -------------

interface PlanAnswer {
  plan: {
    code: string;
    title: string;
    targets: {
      code: string;
      labelVi: string;
      labelEn: string;
      definition: string;
      definitionVi: string | null;
      targetValue: number;
      unitLabel: string;
      progress: {
        asOf: string;
        actual: number | null;
        status: string;
        noData: boolean;
        yearOnlyRecords: number;
      };
    }[];
  } | null;
}

export const overviewView: DataView<PlanParams> = {
  path: '/overview',
  operation: `query PublishedPlan($year: Int!, $asOf: Date) {
  plan(year: $year) {
    code title
    targets(asOf: $asOf) {
      code labelVi labelEn definition definitionVi targetValue unitLabel
      progress(asOf: $asOf) { asOf actual status noData yearOnlyRecords }
    }
  }
}`,
  params: planParams,
  variables: (p) => ({ year: p.year, asOf: p.asOf }),
  permalinkQuery: (p) => new URLSearchParams({ year: String(p.year), asOf: p.asOf, lang: p.lang }),
  fileStem: (p) => `ocop-an-giang-plan-${p.year}-${p.asOf}`,
  found: (data) => (data as unknown as PlanAnswer).plan !== null,
  table(data, p) {
    const plan = (data as unknown as PlanAnswer).plan;
    const L = COMMON_LABEL;
    return {
      columns: [L.targetCode, L.target, L.targetValue, L.actual, L.status].map((c) =>
        text(c, p.lang),
      ),
      rows: (plan?.targets ?? []).map((t) => [
        t.code,
        p.lang === 'en' ? t.labelEn : t.labelVi,
        t.targetValue,
        t.progress.actual,
        t.progress.status,
      ]),
    };
  },
  metadata(data, p) {
    const plan = (data as unknown as PlanAnswer).plan;
    const targets = plan?.targets ?? [];
    return {
      title: plan
        ? `${plan.code} — ${text(COMMON_LABEL.planTitle, p.lang)} ${p.year}`
        : `${text(COMMON_LABEL.planTitle, p.lang)} ${p.year}`,
      definition: text(COMMON_LABEL.planDefinition, p.lang),
      asOf: p.asOf,
      basis: null,
      // Plan targets rest on the plan itself (code and title below), which has no public address.
      sources: [],
      coverage: {
        targets: targets.length,
        targetsWithoutData: targets.filter((t) => t.progress.noData).length,
        yearOnlyRecords: targets.reduce((sum, t) => sum + t.progress.yearOnlyRecords, 0),
      },
      details: {
        plan: plan ? { code: plan.code, title: plan.title } : null,
        targets: targets.map((t) => ({
          code: t.code,
          definition: p.lang === 'vi' ? (t.definitionVi ?? t.definition) : t.definition,
          unit: t.unitLabel,
        })),
      },
    };
  },
};

// ---------------------------------------------------------------- departments ---------------

interface DepartmentsAnswer {
  plan: {
    code: string;
    title: string;
    responsibilities: {
      task: { code: string; role: string; status: string; summaryVi: string; summaryEn: string };
      department: { code: string; nameVi: string; nameEn: string };
      linkedTargets: { code: string; progress: { status: string } }[];
      recordedActivities: number;
      sampleActivities: number;
    }[];
  } | null;
}

const labelOr = (labels: Record<string, Record<Lang, string>>, key: string, lang: Lang) =>
  labels[key] ? text(labels[key], lang) : key;

/** The responsibility matrix of /departments: one row per task, in the page's order. */
export const departmentsView: DataView<PlanParams> = {
  path: '/departments',
  operation: `query PublishedDepartments($year: Int!, $asOf: Date) {
  plan(year: $year) {
    code title
    responsibilities(asOf: $asOf) {
      task { code role status summaryVi summaryEn }
      department { code nameVi nameEn }
      linkedTargets { code progress { status } }
      recordedActivities sampleActivities
    }
  }
}`,
  params: planParams,
  variables: (p) => ({ year: p.year, asOf: p.asOf }),
  permalinkQuery: (p) => new URLSearchParams({ year: String(p.year), asOf: p.asOf, lang: p.lang }),
  fileStem: (p) => `ocop-an-giang-departments-${p.year}-${p.asOf}`,
  found: (data) => (data as unknown as DepartmentsAnswer).plan !== null,
  table(data, p) {
    const rows = (data as unknown as DepartmentsAnswer).plan?.responsibilities ?? [];
    const L = COMMON_LABEL;
    const columns = [
      L.bodyCode,
      L.body,
      L.taskCode,
      L.task,
      L.role,
      L.taskStatus,
      L.linkedTargets,
      L.recordedActivities,
      L.sampleActivities,
    ];
    return {
      columns: columns.map((c) => text(c, p.lang)),
      rows: rows.map((r) => [
        r.department.code,
        p.lang === 'en' ? r.department.nameEn : r.department.nameVi,
        r.task.code,
        p.lang === 'en' ? r.task.summaryEn : r.task.summaryVi,
        labelOr(ROLE_LABEL, r.task.role, p.lang),
        labelOr(TASK_STATUS_LABEL, r.task.status, p.lang),
        // Status codes as the API gives them (ACHIEVED, MISSED…): stable for a spreadsheet.
        r.linkedTargets.map((t) => `${t.code}: ${t.progress.status}`).join('; '),
        r.recordedActivities,
        r.sampleActivities,
      ]),
    };
  },
  metadata(data, p) {
    const plan = (data as unknown as DepartmentsAnswer).plan;
    const rows = plan?.responsibilities ?? [];
    return {
      title: plan
        ? `${plan.code} — ${text(COMMON_LABEL.departmentsTitle, p.lang)} ${p.year}`
        : `${text(COMMON_LABEL.departmentsTitle, p.lang)} ${p.year}`,
      definition: text(COMMON_LABEL.departmentsDefinition, p.lang),
      asOf: p.asOf,
      basis: null,
      // Tasks rest on the plan itself, which has no public address.
      sources: [],
      coverage: {
        tasks: rows.length,
        bodies: new Set(rows.map((r) => r.department.code)).size,
        recordedActivities: rows.reduce((sum, r) => sum + r.recordedActivities, 0),
        sampleActivities: rows.reduce((sum, r) => sum + r.sampleActivities, 0),
      },
      details: { plan: plan ? { code: plan.code, title: plan.title } : null },
    };
  },
};

export const DATA_VIEWS = [figuresView, districtsView, overviewView, departmentsView] as const;
