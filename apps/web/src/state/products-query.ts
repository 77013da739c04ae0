import { CERTIFICATE_STATUSES, type CertificateStatus } from '../graphql/types';
import type { ProductFilter } from '../graphql/products';
import { isIsoDate } from './plan-period';

/** The products list's search, filters and page cursor as carried in the URL query. */
export interface ProductsQueryState {
  search: string;
  unitCode: string | null;
  group: string | null;
  stars: number | null;
  year: number | null;
  certificateStatus: CertificateStatus | null;
  asOf: string | null;
  after: string | null;
}

type QueryValue = string | null | (string | null)[] | undefined;

export function productsStateFromQuery(query: Record<string, QueryValue>): ProductsQueryState {
  const one = (v: QueryValue) => {
    const x = Array.isArray(v) ? v[0] : v;
    return typeof x === 'string' && x !== '' ? x : null;
  };
  const stars = Number(one(query.stars));
  const year = one(query.year);
  const cert = one(query.cert);
  const asOf = one(query.asOf);
  return {
    search: (one(query.q) ?? '').slice(0, 200),
    unitCode: one(query.unit),
    group: one(query.group),
    stars: Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : null,
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    certificateStatus:
      cert && (CERTIFICATE_STATUSES as readonly string[]).includes(cert)
        ? (cert as CertificateStatus)
        : null,
    asOf: isIsoDate(asOf) ? asOf : null,
    after: one(query.after),
  };
}

export function productsStateToQuery(state: ProductsQueryState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.search.trim()) query.q = state.search.trim();
  if (state.unitCode) query.unit = state.unitCode;
  if (state.group) query.group = state.group;
  if (state.stars != null) query.stars = String(state.stars);
  if (state.year != null) query.year = String(state.year);
  if (state.certificateStatus) query.cert = state.certificateStatus;
  if (state.asOf) query.asOf = state.asOf;
  if (state.after) query.after = state.after;
  return query;
}

export function productsStateToFilter(state: ProductsQueryState, asOf: string): ProductFilter {
  const filter: ProductFilter = { asOf };
  if (state.search.trim()) filter.search = state.search.trim();
  if (state.unitCode) filter.unitCode = state.unitCode;
  if (state.group) filter.group = state.group;
  if (state.stars != null) filter.starsEver = [state.stars];
  if (state.year != null) filter.evaluationYear = state.year;
  if (state.certificateStatus) filter.certificateStatus = state.certificateStatus;
  return filter;
}
