/**
 * Column and row labels of the published tables, in the reader's language. They are the
 * dashboard's own wording (apps/web/src/i18n/vi.ts and en.ts, keys figures.*, districts.*,
 * entityType.*, level.*) so that `data.csv` equals the table of the same permalink; the e2e test
 * e2e/tests/publish.e2e.ts compares the two.
 */
import type { Lang, GroupBy, Measure, Basis } from './view-params.js';

type Text = Record<Lang, string>;

export const MEASURE_LABEL: Record<Measure, Text> = {
  PRODUCTS: { vi: 'Sản phẩm', en: 'Products' },
  ENTITIES: { vi: 'Chủ thể', en: 'Entities' },
  EVALUATIONS: { vi: 'Lượt đánh giá', en: 'Evaluations' },
  CERTIFICATES: { vi: 'Giấy chứng nhận', en: 'Certificates' },
};

export const GROUP_BY_LABEL: Record<GroupBy, Text> = {
  UNIT: { vi: 'Đơn vị hành chính', en: 'Administrative unit' },
  GROUP: { vi: 'Nhóm sản phẩm', en: 'Product group' },
  STARS: { vi: 'Hạng sao', en: 'Stars' },
  LEVEL: { vi: 'Cấp đánh giá', en: 'Evaluation level' },
  YEAR: { vi: 'Năm', en: 'Year' },
  ENTITY_TYPE: { vi: 'Loại chủ thể', en: 'Entity type' },
};

export const BASIS_LABEL: Record<Basis, Text> = {
  EVER_CERTIFIED: { vi: 'Từng được công nhận', en: 'Ever certified' },
  VALID_ON_AS_OF: { vi: 'Còn hiệu lực vào ngày chốt', en: 'Valid on the as-of date' },
};

/**
 * The bucket of records without a value for the grouping. Named as a missing record, never like
 * a place ("Không rõ" read like a district), and always sorted last.
 */
export const UNKNOWN_BUCKET_LABEL: Record<GroupBy, Text> = {
  UNIT: { vi: 'chưa ghi huyện', en: 'no district recorded' },
  GROUP: { vi: 'chưa ghi nhóm sản phẩm', en: 'no product group recorded' },
  STARS: { vi: 'chưa ghi hạng sao', en: 'no star class recorded' },
  LEVEL: { vi: 'chưa ghi cấp', en: 'no level recorded' },
  YEAR: { vi: 'chưa ghi năm', en: 'no year recorded' },
  ENTITY_TYPE: { vi: 'chưa ghi loại chủ thể', en: 'no entity type recorded' },
};

export const ENTITY_TYPE_LABEL: Record<string, Text> = {
  ENTERPRISE: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  COOPERATIVE: { vi: 'Hợp tác xã', en: 'Cooperative' },
  COOPERATIVE_GROUP: { vi: 'Tổ hợp tác', en: 'Cooperative group' },
  HOUSEHOLD_BUSINESS: {
    vi: 'Hộ kinh doanh, cơ sở sản xuất',
    en: 'Household business / production establishment',
  },
};

export const LEVEL_LABEL: Record<string, Text> = {
  DISTRICT: { vi: 'Cấp huyện', en: 'District level' },
  PROVINCE: { vi: 'Cấp tỉnh', en: 'Provincial level' },
  NATIONAL: { vi: 'Cấp quốc gia', en: 'National level' },
};

export const COMMON_LABEL = {
  total: { vi: 'Tổng', en: 'Total' },
  unitCode: { vi: 'Mã đơn vị', en: 'Unit code' },
  unit: { vi: 'Đơn vị hành chính', en: 'Administrative unit' },
  entities: { vi: 'Chủ thể tham gia', en: 'Participating entities' },
  evaluated: { vi: 'Sản phẩm được đánh giá', en: 'Products evaluated' },
  certified: { vi: 'Sản phẩm được công nhận', en: 'Products certified' },
  passRate: { vi: 'Tỷ lệ đạt (%)', en: 'Pass rate (%)' },
  targetCode: { vi: 'Mã chỉ tiêu', en: 'Target code' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  targetValue: { vi: 'Mức chỉ tiêu', en: 'Target value' },
  actual: { vi: 'Thực hiện', en: 'Actual' },
  status: { vi: 'Trạng thái', en: 'Status' },
  figuresTitle: { vi: 'Số liệu OCOP An Giang', en: 'OCOP figures, An Giang' },
  districtsTitle: {
    vi: 'Chủ thể và sản phẩm OCOP theo đơn vị cấp huyện',
    en: 'OCOP entities and products per district-level unit',
  },
  planTitle: { vi: 'Tiến độ các chỉ tiêu kế hoạch', en: 'Progress of the plan targets' },
  districtsDefinition: {
    vi: 'Mỗi đơn vị cấp huyện: số chủ thể tham gia chương trình trong năm kế hoạch, số sản phẩm được đánh giá, số sản phẩm được công nhận (từ 3 sao) và tỷ lệ sản phẩm đánh giá cấp tỉnh đạt 3 sao trở lên.',
    en: 'Per district-level unit: entities that entered the programme in the plan year, products evaluated, products certified (3★ and above) and the share of provincially evaluated products reaching 3★.',
  },
  bodyCode: { vi: 'Mã cơ quan', en: 'Body code' },
  body: { vi: 'Cơ quan', en: 'Body' },
  taskCode: { vi: 'Mã nhiệm vụ', en: 'Task code' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  role: { vi: 'Vai trò', en: 'Role' },
  taskStatus: { vi: 'Tình trạng', en: 'Status' },
  linkedTargets: { vi: 'Chỉ tiêu liên quan', en: 'Linked targets' },
  recordedActivities: { vi: 'Hoạt động đã ghi nhận', en: 'Recorded activities' },
  sampleActivities: { vi: 'Hoạt động mẫu (không tính)', en: 'Sample activities (not counted)' },
  departmentsTitle: { vi: 'Phân công nhiệm vụ', en: 'Responsibilities' },
  departmentsDefinition: {
    vi: 'Mỗi nhiệm vụ của kế hoạch: cơ quan chủ trì hoặc phối hợp, tình trạng, trạng thái các chỉ tiêu cơ quan đó phụ trách và số hoạt động đã ghi nhận trong kỳ kế hoạch đến ngày tính; hoạt động mẫu (dữ liệu minh họa) đếm riêng, không tính.',
    en: 'Each task of the plan: the body that leads or coordinates it, its status, the status of the targets that body owns and the activities recorded in the plan period up to the as-of day; sample activities (demo data) are counted apart, never as facts.',
  },
  planDefinition: {
    vi: 'Các chỉ tiêu số của kế hoạch năm, mỗi chỉ tiêu tính theo định nghĩa riêng (cột definition của metadata.json).',
    en: 'The numeric targets of the year’s plan, each computed with its own definition (see targets in metadata.json).',
  },
  productId: { vi: 'Mã sản phẩm', en: 'Product ID' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  stars: { vi: 'Hạng sao', en: 'Stars' },
  entity: { vi: 'Chủ thể', en: 'Entity' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
  productGroup: { vi: 'Nhóm sản phẩm', en: 'Product group' },
  latestDecision: { vi: 'Quyết định gần nhất', en: 'Latest decision' },
  certificate: { vi: 'Giấy chứng nhận', en: 'Certificate' },
  validUntil: { vi: 'Hiệu lực đến', en: 'Valid until' },
  productsTitle: { vi: 'Sản phẩm OCOP', en: 'OCOP products' },
  productsDefinition: {
    vi: 'Mọi sản phẩm trong sổ theo dõi khớp bộ lọc của trang Sản phẩm, theo thứ tự của danh sách (không chỉ trang đang xem): hạng sao hiện tại, quyết định công nhận gần nhất và tình trạng giấy chứng nhận vào ngày chốt số liệu.',
    en: 'Every product in the register that matches the Products page’s filters, in the list’s order (not only the page on screen): current stars, latest recognition decision and the certificate’s status on the as-of date.',
  },
} satisfies Record<string, Text>;

/** The dashboard's words for a certificate's status on a date (certificate.* in i18n). */
export const CERTIFICATE_STATUS_LABEL: Record<string, Text> = {
  VALID: { vi: 'Còn hiệu lực', en: 'Valid' },
  EXPIRING: { vi: 'Sắp hết hạn', en: 'Expiring soon' },
  POSSIBLY_EXPIRED: {
    vi: 'Có thể đã hết hạn (ngày quyết định chỉ biết năm)',
    en: 'Possibly expired (decision date known only by year)',
  },
  EXPIRED: { vi: 'Hết hạn', en: 'Expired' },
  REVOKED: { vi: 'Bị thu hồi', en: 'Revoked' },
  SUPERSEDED: { vi: 'Đã thay thế', en: 'Superseded' },
};

/** The dashboard's words for a task's role and status (departments.*, matrix.taskStatus.*). */
export const ROLE_LABEL: Record<string, Text> = {
  LEAD: { vi: 'Chủ trì', en: 'Lead' },
  COORDINATE: { vi: 'Phối hợp', en: 'Coordinate' },
};
export const TASK_STATUS_LABEL: Record<string, Text> = {
  NOT_STARTED: { vi: 'Chưa thực hiện', en: 'Not started' },
  IN_PROGRESS: { vi: 'Đang thực hiện', en: 'In progress' },
  DONE: { vi: 'Hoàn thành', en: 'Done' },
};

export function text(value: Text, lang: Lang): string {
  return value[lang];
}
