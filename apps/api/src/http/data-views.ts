/**
 * The published views behind `/<view>/data.csv`, `/<view>/data.json` and `/<view>/metadata.json`:
 * for each, the GraphQL operation the server executes (the same schema and resolvers as /graphql),
 * how the permalink's query becomes its variables, and how its answer becomes a table (data only)
 * and metadata (definition, as-of, basis, sources, coverage).
 */
import { getProductGroup, unitTypeLabel, isUnitType } from '@ocop/domain';
import { MAX_PAGE_SIZE } from '../graphql/pagination.js';
import {
  figuresParams,
  planParams,
  productsParams,
  type FiguresParams,
  type Lang,
  type PlanParams,
  type ProductsParams,
} from './view-params.js';
import {
  BASIS_LABEL,
  CERTIFICATE_STATUS_LABEL,
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
  /**
   * For a list the API answers a page at a time (a connection): the variables of the page after
   * `data`, or null after the last one. The endpoint asks page after page and hands the answers to
   * `joinPages`.
   */
  nextPage?(data: Answer, variables: Record<string, unknown>): Record<string, unknown> | null;
  joinPages?(pages: Answer[]): Answer;
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

/** A product group's name in the reader's language; its code when the taxonomy lacks it. */
function groupName(taxonomy: '148' | '1048', code: string, lang: Lang): string {
  try {
    const group = getProductGroup(taxonomy, code);
    return lang === 'en' ? group.nameEn : group.nameVi;
  } catch {
    return code;
  }
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
    case 'GROUP': {
      const name = groupName(params.groupTaxonomy, row.key, lang);
      return name === row.key ? row.label : name;
    }
    default:
      return row.label;
  }
}

/** Known buckets first in the API's order (largest first), the unknown bucket always last. */
export function unknownLast<T extends { key: string | null }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => r.key !== null), ...rows.filter((r) => r.key === null)];
}

/** The GroupTaxonomy enum name of a `tax` permalink value (the URL keeps the short "1048"/"148"). */
const TAXONOMY_ENUM = { '1048': 'QD1048', '148': 'QD148' } as const satisfies Record<
  FiguresParams['groupTaxonomy'],
  string
>;

export const figuresView: DataView<FiguresParams> = {
  path: '/figures',
  operation: `query PublishedStats($measure: StatsMeasure!, $groupBy: StatsGroupBy!, $basis: CertifiedBasis, $asOf: Date, $filter: StatsFilter, $groupTaxonomy: GroupTaxonomy) {
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
    groupTaxonomy: TAXONOMY_ENUM[p.groupTaxonomy],
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

// ---------------------------------------------------------------- products ------------------

interface ProductsAnswer {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      name: string;
      commune: string | null;
      currentStars: number | null;
      unit: { name: string } | null;
      entity: { name: string } | null;
      group148: { code: string } | null;
      group1048: { code: string } | null;
      latestDecision: { date: { label: string } } | null;
      certificate: { validUntil: string; status: string } | null;
    }[];
  };
  stats: { sources: { url: string; title: string | null }[] };
}

/** The API's largest page: the fewest requests for the list. */
const PRODUCTS_PAGE = MAX_PAGE_SIZE;

/**
 * The list of /products: every product matching the page's filters, in the list's order, from the
 * permalink's page on (`after`); the page's columns, the unit and its commune apart, the
 * certificate's status and end date apart.
 */
export const productsView: DataView<ProductsParams> = {
  path: '/products',
  operation: `query PublishedProducts($first: Int!, $after: String, $filter: ProductFilter, $asOf: Date) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name commune currentStars
      unit { name } entity { name } group148 { code } group1048 { code }
      latestDecision { date { label } }
      certificate(asOf: $asOf) { validUntil status }
    }
  }
  stats(measure: PRODUCTS, groupBy: UNIT, asOf: $asOf) { sources { url title } }
}`,
  params: productsParams,
  // The filter of the dashboard's list (apps/web/src/state/products-query.ts productsStateToFilter).
  variables(p) {
    const filter: Record<string, unknown> = { asOf: p.asOf };
    if (p.search) filter.search = p.search;
    if (p.unitCode) filter.unitCode = p.unitCode;
    if (p.group) filter.group = p.group;
    if (p.stars != null) filter.starsEver = [p.stars];
    if (p.year != null) filter.evaluationYear = p.year;
    if (p.certificateStatus) filter.certificateStatus = p.certificateStatus;
    return { first: PRODUCTS_PAGE, after: p.after, filter, asOf: p.asOf };
  },
  nextPage(data, variables) {
    const { pageInfo } = (data as unknown as ProductsAnswer).products;
    return pageInfo.hasNextPage && pageInfo.endCursor
      ? { ...variables, after: pageInfo.endCursor }
      : null;
  },
  joinPages(pages) {
    const [head] = pages as unknown as ProductsAnswer[];
    const nodes = (pages as unknown as ProductsAnswer[]).flatMap((p) => p.products.nodes);
    return { ...head, products: { ...head!.products, nodes } } as unknown as Answer;
  },
  permalinkQuery(p) {
    const q = new URLSearchParams();
    if (p.search) q.set('q', p.search);
    if (p.unitCode) q.set('unit', p.unitCode);
    if (p.group) q.set('group', p.group);
    if (p.stars != null) q.set('stars', String(p.stars));
    if (p.year != null) q.set('year', String(p.year));
    if (p.certificateStatus) q.set('cert', p.certificateStatus);
    q.set('asOf', p.asOf);
    if (p.after) q.set('after', p.after);
    q.set('lang', p.lang);
    return q;
  },
  fileStem: (p) => `ocop-an-giang-products-${p.asOf}`,
  table(data, p) {
    const L = COMMON_LABEL;
    const columns = [
      L.productId,
      L.product,
      L.stars,
      L.entity,
      L.unit,
      L.commune,
      L.productGroup,
      L.latestDecision,
      L.certificate,
      L.validUntil,
    ];
    return {
      columns: columns.map((c) => text(c, p.lang)),
      rows: (data as unknown as ProductsAnswer).products.nodes.map((r) => [
        r.id,
        r.name,
        r.currentStars,
        r.entity?.name ?? null,
        r.unit?.name ?? null,
        r.commune,
        // The list shows the 148/QĐ-TTg group when the product has one (ProductsTable.vue).
        r.group148
          ? groupName('148', r.group148.code, p.lang)
          : r.group1048
            ? groupName('1048', r.group1048.code, p.lang)
            : null,
        r.latestDecision?.date.label ?? null,
        r.certificate ? labelOr(CERTIFICATE_STATUS_LABEL, r.certificate.status, p.lang) : null,
        r.certificate?.validUntil ?? null,
      ]),
    };
  },
  metadata(data, p) {
    const d = data as unknown as ProductsAnswer;
    return {
      title: text(COMMON_LABEL.productsTitle, p.lang),
      definition: text(COMMON_LABEL.productsDefinition, p.lang),
      asOf: p.asOf,
      basis: null,
      sources: sourcesOf(d.stats.sources),
      coverage: { products: d.products.totalCount, rows: d.products.nodes.length },
      details: {
        filters: {
          search: p.search || null,
          unitCode: p.unitCode,
          group: p.group,
          stars: p.stars,
          evaluationYear: p.year,
          certificateStatus: p.certificateStatus,
          after: p.after,
        },
      },
    };
  },
};

export const DATA_VIEWS = [
  figuresView,
  districtsView,
  overviewView,
  departmentsView,
  productsView,
] as const;
