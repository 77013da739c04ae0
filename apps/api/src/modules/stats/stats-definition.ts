// Definition sentences of stats and statsSeries, in English and Vietnamese, built from the same
// query (measure, basis, as-of day or interval, filters) the count runs with: a filtered figure
// says what it was filtered by, so a quoted number never loses its conditions.
import { formatFactDate, groupsOf } from '@ocop/domain';
import type { EntityType } from '../entities/economic-entity.entity.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import type { CertifiedBasis, StatsFilter, StatsGroupBy, StatsMeasure } from './stats.service.js';

export interface Definition {
  en: string;
  vi: string;
}

/** Names of the filter's codes as the reader knows them (looked up by the caller). */
export interface FilterNames {
  unitName?: string | null;
}

const MEASURE_EN: Record<StatsMeasure, string> = {
  products: 'distinct products with an OCOP certificate (3★+ recognition decision)',
  entities: 'distinct entities with at least one certified product',
  evaluations: 'council evaluations',
  certificates: 'OCOP certificates (one per recognition decision item)',
};
const MEASURE_VI: Record<StatsMeasure, string> = {
  products: 'sản phẩm khác nhau có giấy chứng nhận OCOP (quyết định công nhận từ 3 sao trở lên)',
  entities: 'chủ thể khác nhau có ít nhất một sản phẩm được chứng nhận',
  evaluations: 'lượt đánh giá của hội đồng',
  certificates: 'giấy chứng nhận OCOP (mỗi mục của quyết định công nhận là một giấy)',
};
const GROUP_EN: Record<StatsGroupBy, string> = {
  unit: 'district-level unit',
  group: 'product group',
  stars: 'star class',
  level: 'level',
  year: 'year',
  entityType: 'entity type',
};
const GROUP_VI: Record<StatsGroupBy, string> = {
  unit: 'đơn vị cấp huyện',
  group: 'nhóm sản phẩm',
  stars: 'hạng sao',
  level: 'cấp',
  year: 'năm',
  entityType: 'loại hình chủ thể',
};
const LEVEL_EN = {
  district: 'district level',
  province: 'provincial level',
  national: 'national level',
};
const ENTITY_TYPE_EN: Record<EntityType, string> = {
  enterprise: 'enterprises',
  cooperative: 'cooperatives',
  cooperative_group: 'cooperative groups',
  household_business: 'household businesses and production establishments',
};
const ENTITY_TYPE_VI: Record<EntityType, string> = {
  enterprise: 'doanh nghiệp',
  cooperative: 'hợp tác xã',
  cooperative_group: 'tổ hợp tác',
  household_business: 'hộ kinh doanh và cơ sở sản xuất',
};

const YEAR_ONLY_EN =
  'Year-only dates count from 31 December of their year, or from an earlier day the source gives (certificates handed over).';
const YEAR_ONLY_VI =
  'Bản ghi chỉ ghi năm được tính từ ngày 31/12 của năm đó, hoặc từ ngày sớm hơn mà nguồn cho biết (ngày trao giấy chứng nhận).';

/** " Only …" / " Chỉ tính …" naming every filter of the query; empty without filters. */
export function filterClauses(filter: StatsFilter, names: FilterNames = {}): Definition {
  const en: string[] = [];
  const vi: string[] = [];
  if (filter.unitCode) {
    const name = names.unitName ? `${names.unitName} (${filter.unitCode})` : filter.unitCode;
    en.push(`in ${name}`);
    vi.push(`tại ${name}`);
  }
  if (filter.group) {
    const group =
      groupsOf('1048').find((g) => g.code === filter.group) ??
      groupsOf('148').find((g) => g.code === filter.group);
    en.push(`in the product group ${group ? `${group.nameEn} (${filter.group})` : filter.group}`);
    vi.push(`thuộc nhóm sản phẩm ${group ? `${group.nameVi} (${filter.group})` : filter.group}`);
  }
  if (filter.stars?.length) {
    const stars = [...filter.stars]
      .sort()
      .map((s) => `${s}★`)
      .join(', ');
    en.push(`rated ${stars} on the day counted`);
    vi.push(`có hạng ${stars} vào ngày tính`);
  }
  if (filter.level) {
    en.push(`at ${LEVEL_EN[filter.level]}`);
    vi.push(LEVEL_NAMES_VI[filter.level]);
  }
  if (filter.year != null) {
    en.push(`of the evaluation round of ${filter.year}`);
    vi.push(`thuộc đợt đánh giá năm ${filter.year}`);
  }
  if (filter.entityType) {
    en.push(`of ${ENTITY_TYPE_EN[filter.entityType]}`);
    vi.push(`của ${ENTITY_TYPE_VI[filter.entityType]}`);
  }
  return en.length
    ? { en: ` Only those ${en.join('; ')}.`, vi: ` Chỉ tính những bản ghi ${vi.join('; ')}.` }
    : { en: '', vi: '' };
}

/** How products and entities get their one star (stats.service.ts: latest certificate per product). */
function starsRule(
  measure: StatsMeasure,
  keys: readonly StatsGroupBy[],
  basis: CertifiedBasis,
  asOf: string,
  day: string,
): Definition {
  if (!keys.includes('stars') || (measure !== 'products' && measure !== 'entities'))
    return { en: '', vi: '' };
  const valid = basis === 'valid_on_as_of';
  const latestEn = valid
    ? `its certificate in force on ${asOf} (the latest, if several)`
    : `its latest certificate issued on or before ${asOf} (an upgraded product counts only under its new star)`;
  const latestVi = valid
    ? `giấy chứng nhận còn hiệu lực vào ngày ${day} (giấy mới nhất, nếu có nhiều giấy)`
    : `giấy chứng nhận mới nhất cấp đến hết ngày ${day} (sản phẩm được nâng hạng chỉ tính ở hạng sao mới)`;
  return measure === 'products'
    ? {
        en: ` Each product counts once, under the star of ${latestEn}.`,
        vi: ` Mỗi sản phẩm chỉ tính một lần, theo hạng sao của ${latestVi}.`,
      }
    : {
        en: ` Each entity counts once, under the highest star among its products, each product taking the star of ${latestEn}.`,
        vi: ` Mỗi chủ thể chỉ tính một lần, theo hạng sao cao nhất trong các sản phẩm của chủ thể; mỗi sản phẩm lấy hạng sao của ${latestVi}.`,
      };
}

/** The definition of a `stats` result (dates: ISO in English, dd/mm/yyyy in Vietnamese). */
export function statsDefinition(
  q: {
    measure: StatsMeasure;
    groupBy: StatsGroupBy;
    /** A second key (stats thenBy). */
    thenBy?: StatsGroupBy | null;
    basis: CertifiedBasis;
    asOf: string;
    filter: StatsFilter;
    followUnitLineage?: boolean;
  },
  names: FilterNames = {},
): Definition {
  const day = formatFactDate({ date: q.asOf, precision: 'day' });
  const whenEn =
    q.measure === 'evaluations'
      ? `dated on or before ${q.asOf}`
      : q.basis === 'valid_on_as_of'
        ? `whose certificate is in force on ${q.asOf} (issued by then, not expired, revoked or superseded; valid 36 months)`
        : `certified on or before ${q.asOf} (ever certified, whether or not still valid)`;
  const whenVi =
    q.measure === 'evaluations'
      ? `có ngày đến hết ngày ${day}`
      : q.basis === 'valid_on_as_of'
        ? `có giấy chứng nhận còn hiệu lực vào ngày ${day} (đã cấp đến ngày đó, chưa hết hạn, chưa bị thu hồi hoặc thay thế; hiệu lực 36 tháng)`
        : `được chứng nhận đến hết ngày ${day} (từng được chứng nhận, dù nay còn hay đã hết hiệu lực)`;
  const keys = q.thenBy ? [q.groupBy, q.thenBy] : [q.groupBy];
  const stars = starsRule(q.measure, keys, q.basis, q.asOf, day);
  const filters = filterClauses(q.filter, names);
  const lineage =
    q.followUnitLineage && keys.includes('unit')
      ? {
          en: ` A unit that had ended before ${q.asOf} counts under its successor in force then.`,
          vi: ` Đơn vị đã kết thúc trước ngày ${day} được tính vào đơn vị kế thừa còn hiệu lực vào ngày đó.`,
        }
      : { en: '', vi: '' };
  return {
    en: `Count of ${MEASURE_EN[q.measure]} ${whenEn}, grouped by ${keys.map((k) => GROUP_EN[k]).join(' and ')}.${lineage.en}${filters.en}${stars.en} ${YEAR_ONLY_EN}`,
    vi: `Số ${MEASURE_VI[q.measure]} ${whenVi}, phân nhóm theo ${keys.map((k) => GROUP_VI[k]).join(' và ')}.${lineage.vi}${filters.vi}${stars.vi} ${YEAR_ONLY_VI}`,
  };
}

/** The definition of a `statsSeries` result. */
export function seriesDefinition(
  s: {
    measure: StatsMeasure;
    interval: 'month' | 'quarter' | 'year';
    basis: CertifiedBasis;
    cumulative: boolean;
    from: string;
    to: string;
    filter: StatsFilter;
  },
  names: FilterNames = {},
): Definition {
  const valid = s.measure !== 'evaluations' && s.basis === 'valid_on_as_of';
  const en = s.cumulative
    ? valid
      ? `in force on the last day of each ${s.interval}`
      : `dated on or before the last day of each ${s.interval}`
    : valid
      ? `dated in each ${s.interval} and still in force on its last day`
      : `dated in each ${s.interval}`;
  const unitVi = { month: 'tháng', quarter: 'quý', year: 'năm' }[s.interval];
  const vi = s.cumulative
    ? valid
      ? `còn hiệu lực vào ngày cuối mỗi ${unitVi}`
      : `có ngày đến hết ngày cuối mỗi ${unitVi}`
    : valid
      ? `có ngày trong mỗi ${unitVi} và còn hiệu lực vào ngày cuối ${unitVi} đó`
      : `có ngày trong mỗi ${unitVi}`;
  const filters = filterClauses(s.filter, names);
  return {
    en: `Count of ${MEASURE_EN[s.measure]} ${en}, from ${s.from} to ${s.to}; every ${s.interval} has a point, zero included.${filters.en} ${YEAR_ONLY_EN}`,
    vi: `Số ${MEASURE_VI[s.measure]} ${vi}, từ ${s.from} đến ${s.to}; ${unitVi} nào cũng có một điểm, kể cả khi bằng 0.${filters.vi} ${YEAR_ONLY_VI}`,
  };
}
