import type {
  CertificateStatus,
  Connection,
  DateString,
  EntityType,
  EvaluationLevel,
  FactDate,
  ProductGroup,
} from './types';

/** ProductFilter input (schema). */
export interface ProductFilter {
  unitCode?: string;
  commune?: string;
  group?: string;
  stars?: number[];
  level?: EvaluationLevel;
  year?: number;
  decisionId?: string;
  entityType?: EntityType;
  certificateStatus?: CertificateStatus;
  asOf?: DateString;
  search?: string;
}

export const PRODUCTS_QUERY = /* GraphQL */ `
  query Products($first: Int!, $after: String, $filter: ProductFilter, $asOf: Date) {
    products(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          name
          commune
          currentStars
          unit { id code name }
          entity { id name type }
          group148 { code taxonomy nameVi nameEn }
          group1048 { code taxonomy nameVi nameEn }
          latestDecision { id date { value precision label } }
          certificate(asOf: $asOf) { stars validUntil status }
        }
      }
    }
  }
`;

export interface ProductsVariables {
  first: number;
  after?: string;
  filter?: ProductFilter;
  asOf?: DateString;
}

export interface ProductListItem {
  id: string;
  name: string;
  commune: string | null;
  currentStars: number | null;
  unit: { id: string; code: string; name: string } | null;
  entity: { id: string; name: string; type: EntityType | null } | null;
  group148: ProductGroup | null;
  group1048: ProductGroup | null;
  latestDecision: { id: string; date: FactDate } | null;
  certificate: { stars: number | null; validUntil: DateString; status: CertificateStatus } | null;
}

export interface ProductsResult {
  products: Connection<ProductListItem>;
}

export const ENTITIES_QUERY = /* GraphQL */ `
  query Entities($first: Int!, $after: String, $filter: ProductFilter) {
    entities(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node { id name type commune products { id name currentStars } }
      }
    }
  }
`;

export interface EntitiesVariables {
  first: number;
  after?: string;
  filter?: ProductFilter;
}

export interface EntityListItem {
  id: string;
  name: string;
  type: EntityType | null;
  commune: string | null;
  products: { id: string; name: string; currentStars: number | null }[];
}

export interface EntitiesResult {
  entities: Connection<EntityListItem>;
}

export const REFERENCE_QUERY = /* GraphQL */ `
  query Reference($onDate: Date) {
    adminUnits(onDate: $onDate) { id code name type typeVi }
    productGroups { code taxonomy nameVi nameEn }
  }
`;

export interface ReferenceVariables {
  onDate?: DateString;
}

export interface ReferenceResult {
  adminUnits: { id: string; code: string; name: string; type: string; typeVi: string }[];
  productGroups: ProductGroup[];
}
