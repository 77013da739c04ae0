/** Example operations shown to analysts on the API page; each runs as-is in the explorer. */
export interface ApiExample {
  id: string;
  titleVi: string;
  titleEn: string;
  query: string;
}

export const API_EXAMPLES: readonly ApiExample[] = [
  {
    id: 'plan-progress',
    titleVi: 'Tiến độ 8 chỉ tiêu Kế hoạch 152 tính đến 30/6/2021',
    titleEn: 'Progress of plan 152’s 8 targets as of 30 June 2021',
    query: `query {
  plan(year: 2021) {
    code
    targets(asOf: "2021-06-30") {
      code
      labelVi
      progress(asOf: "2021-06-30") { actual numerator denominator target status statusReason }
    }
  }
}`,
  },
  {
    id: 'valid-by-stars',
    titleVi: 'Sản phẩm còn hiệu lực theo hạng sao, có định nghĩa và nguồn',
    titleEn: 'Products with a valid certificate by stars, with definition and sources',
    query: `query {
  stats(measure: PRODUCTS, groupBy: STARS, basis: VALID_ON_AS_OF, asOf: "2021-12-31") {
    definition
    asOf
    total
    rows { key label count }
    sources { url }
  }
}`,
  },
  {
    id: 'search',
    titleVi: 'Tìm sản phẩm không phân biệt dấu',
    titleEn: 'Diacritic-insensitive product search',
    query: `query {
  products(first: 20, filter: { search: "duong thot not" }) {
    totalCount
    edges { node { id name currentStars unit { name } } }
  }
}`,
  },
  {
    id: 'round-2022',
    titleVi: 'Sản phẩm của đợt đánh giá năm 2022, nhiều sao trước, theo trang',
    titleEn: 'Products of the 2022 evaluation rounds, most stars first, paged',
    query: `query {
  products(first: 10, filter: { roundYear: 2022 }, sort: { by: STARS, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { name currentStars latestDecision { number roundYear date { label } } }
  }
}`,
  },
  {
    id: 'recorded-activities',
    titleVi: 'Hoạt động đã ghi nhận của các sở, ngành (không gồm dữ liệu mẫu)',
    titleEn: 'Recorded department activities (sample data left out)',
    query: `query {
  activities(first: 20, filter: { from: "2021-01-01", to: "2021-12-31" }) {
    totalCount
    nodes { date kind count department { code nameVi } }
  }
}`,
  },
  {
    id: 'districts',
    titleVi: 'Số chủ thể và sản phẩm theo huyện, năm 2021',
    titleEn: 'Entities and products per district, 2021',
    query: `query {
  districts(planYear: 2021, asOf: "2021-12-31") {
    unit { name typeVi }
    participatingEntities
    productsCertified
  }
}`,
  },
  {
    id: 'district-scorecard',
    titleVi:
      'Bảng điểm theo huyện: mỗi đơn vị so với chỉ tiêu từng đơn vị và số sản phẩm theo hạng sao',
    titleEn: 'Scorecard by district: each unit against the per-unit targets, and products by stars',
    query: `query {
  districts(planYear: 2021, asOf: "2021-12-31") {
    unit { code name }
    unitTargets { code target value met status statusReasonCode }
    productsCertified
    productsCertified3Star
    productsCertified4Star
    productsCertified5Star
  }
}`,
  },
  {
    id: 'responsibilities',
    titleVi: 'Phân công nhiệm vụ Kế hoạch 152: cơ quan, vai trò, chỉ tiêu liên quan, số hoạt động',
    titleEn: 'Plan 152’s responsibilities: body, role, linked targets, activity counts',
    query: `query {
  plan(year: 2021) {
    code
    responsibilities(asOf: "2021-12-31") {
      task { code role status summaryVi }
      department { code nameVi }
      linkedTargets { code progress { status } }
      recordedActivities
      sampleActivities
    }
  }
}`,
  },
  {
    id: 'programme-trend',
    titleVi: 'Các năm có kế hoạch và xu hướng chỉ tiêu của chương trình 2021–2025 theo cuối tháng',
    titleEn: 'Years with a plan, and the 2021–2025 programme targets at every month end',
    query: `query {
  planYears
  plans { id year code programme periodStart periodEnd }
  plan(year: 2021) {
    code
    targets(asOf: "2021-12-31") { code trend { date actual target status } }
  }
}`,
  },
  {
    id: 'expiry-radar',
    titleVi: 'Giấy chứng nhận hết hạn trong 90 ngày kể từ 31/12/2023, theo đơn vị và cấp',
    titleEn: 'Certificates expiring within 90 days of 31 December 2023, by unit and level',
    query: `query {
  expiryRadar(asOf: "2023-12-31", days: 90) {
    count
    byUnit { key count }
    byLevel { key count }
    certificates { productName unitCode issuingLevel validUntil noticeBy noticeDue }
  }
}`,
  },
  {
    id: 'time-series',
    titleVi:
      'Số sản phẩm được chứng nhận cộng dồn theo tháng năm 2021 (mỗi tháng một điểm, kể cả 0)',
    titleEn:
      'Products certified, cumulative by month in 2021 (one point per month, zeros included)',
    query: `query {
  statsSeries(measure: PRODUCTS, interval: MONTH, from: "2021-01-01", to: "2021-12-31", cumulative: true) {
    definition
    points { label start end count yearOnlyRecords }
  }
}`,
  },
  {
    id: 'cross-tab',
    titleVi: 'Bảng chéo đơn vị × hạng sao, đủ các ô bằng 0, theo đơn vị còn hiệu lực vào 30/6/2024',
    titleEn:
      'Unit × stars cross-tab with zero cells, units followed to those in force on 30 June 2024',
    query: `query {
  stats(measure: PRODUCTS, groupBy: UNIT, thenBy: STARS, fillZeros: true, followUnitLineage: true, asOf: "2024-06-30") {
    definition
    total
    rows { key label key2 label2 count }
  }
}`,
  },
  {
    id: 'reconciliation',
    titleVi:
      'Số liệu tính được so với số liệu công bố đến 31/12/2021, kèm mức độ đầy đủ của dữ liệu',
    titleEn: 'Computed vs published at 31 December 2021, with the coverage statement',
    query: `query {
  reconciliation(measure: PRODUCTS, asOf: "2021-12-31") {
    computed
    publishedCount
    difference
    coverageVi
    coverage
    unrecordedRounds { year round }
    published { value dateLabel sources { url host } }
  }
}`,
  },
  {
    id: 'target-metrics',
    titleVi: 'Các chỉ số một chỉ tiêu kế hoạch có thể dùng, và loại chỉ tiêu phù hợp',
    titleEn: 'Metrics a plan target can use, and the target kinds each fits',
    query: `query {
  targetMetrics { name kinds definition }
}`,
  },
];

/** A curl command for an example; POST + JSON because the API blocks GET (CSRF prevention). */
export function curlFor(origin: string, query: string): string {
  const body = JSON.stringify({ query: query.replace(/\s+/g, ' ').trim() });
  return `curl -s ${origin}/graphql -H 'content-type: application/json' --data '${body.replace(/'/g, "'\\''")}'`;
}

/**
 * Data endpoints of the published views (apps/api/src/http/data-endpoints.ts): the permalink's
 * own query after `/<view>/data.csv`, `data.json` or `metadata.json`. The overview page (`/`)
 * publishes its data under `/overview`.
 */
export interface DataExample {
  id: string;
  titleVi: string;
  titleEn: string;
  /** Path and query on the API's origin. */
  path: string;
}

export const DATA_VIEWS = [
  '/figures',
  '/districts',
  '/overview',
  '/departments',
  '/products',
] as const;
export const DATA_FILES = ['data.csv', 'data.json', 'metadata.json'] as const;

export const DATA_EXAMPLES: readonly DataExample[] = [
  {
    id: 'figures-csv',
    titleVi: 'Bảng của trang Số liệu (sản phẩm theo đơn vị, 31/12/2021) thành tệp CSV',
    titleEn: 'The Figures table (products by unit, 31 Dec 2021) as a CSV file',
    path: '/figures/data.csv?measure=PRODUCTS&groupBy=UNIT&tax=1048&basis=EVER_CERTIFIED&asOf=2021-12-31&lang=vi',
  },
  {
    id: 'figures-json',
    titleVi: 'Giấy chứng nhận còn hiệu lực theo hạng sao, bảng và siêu dữ liệu trong một JSON',
    titleEn: 'Valid certificates by stars: table and metadata in one JSON',
    path: '/figures/data.json?measure=CERTIFICATES&groupBy=STARS&tax=1048&basis=VALID_ON_AS_OF&asOf=2021-12-31&lang=en',
  },
  {
    id: 'overview-metadata',
    titleVi: 'Chỉ siêu dữ liệu của trang Tổng quan (định nghĩa, ngày chốt, nguồn, phạm vi)',
    titleEn: 'Only the metadata of the overview (definitions, as-of date, sources, coverage)',
    path: '/overview/metadata.json?year=2021&asOf=2021-06-30&lang=vi',
  },
  {
    id: 'districts-csv',
    titleVi: 'Bảng theo huyện của năm kế hoạch 2021 thành tệp CSV',
    titleEn: 'The districts table of plan year 2021 as a CSV file',
    path: '/districts/data.csv?year=2021&asOf=2021-12-31&lang=vi',
  },
  {
    id: 'products-csv',
    titleVi:
      'Danh sách sản phẩm từng đạt 4 sao, giấy chứng nhận còn hiệu lực ngày 31/12/2021, thành tệp CSV',
    titleEn: 'The products list: ever 4★ with a valid certificate on 31 Dec 2021, as a CSV file',
    path: '/products/data.csv?stars=4&cert=VALID&asOf=2021-12-31&lang=vi',
  },
  {
    id: 'departments-csv',
    titleVi: 'Bảng phân công nhiệm vụ của Kế hoạch 152 (mỗi dòng một nhiệm vụ) thành tệp CSV',
    titleEn: 'Plan 152’s responsibility matrix (one row per task) as a CSV file',
    path: '/departments/data.csv?year=2021&asOf=2021-12-31&lang=vi',
  },
];

/** Quotes a URL for a POSIX shell (the query's & must not end the command). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** curl for a data endpoint: CSV saved to a file (it is an attachment), JSON printed. */
export function curlData(origin: string, path: string): string {
  const url = shellQuote(`${origin}${path}`);
  const file = /\/data\.csv\?/.test(path) ? path.split('?')[0]!.slice(1).replace(/\//g, '-') : null;
  return file ? `curl -s -o ${file} ${url}` : `curl -s ${url}`;
}

/** A conditional request: with the ETag of an earlier answer the API replies 304 and no body. */
export function curlConditional(origin: string, path: string): string {
  return `curl -s -i -H 'If-None-Match: "<ETag of the earlier answer>"' ${shellQuote(`${origin}${path}`)}`;
}
