import { graphql, type ResultOf, type VariablesOf } from './tada';

export const PRODUCTS_QUERY = graphql(`
  query Products($first: Int!, $after: String, $filter: ProductFilter, $asOf: Date) {
    products(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          commune
          currentStars
          unit {
            id
            code
            name
          }
          entity {
            id
            name
            type
          }
          group148 {
            code
            taxonomy
            nameVi
            nameEn
          }
          group1048 {
            code
            taxonomy
            nameVi
            nameEn
          }
          latestDecision {
            id
            date {
              value
              precision
              label
            }
          }
          certificate(asOf: $asOf) {
            stars
            validUntil
            status
          }
        }
      }
    }
  }
`);

export type ProductsVariables = VariablesOf<typeof PRODUCTS_QUERY>;
/** ProductFilter input (schema). */
export type ProductFilter = NonNullable<ProductsVariables['filter']>;
export type ProductsResult = ResultOf<typeof PRODUCTS_QUERY>;
export type ProductListItem = ProductsResult['products']['edges'][number]['node'];
export type ProductGroup = NonNullable<ProductListItem['group1048']>;

export const ENTITIES_QUERY = graphql(`
  query Entities($first: Int!, $after: String, $filter: ProductFilter) {
    entities(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          type
          commune
          products {
            id
            name
            currentStars
          }
        }
      }
    }
  }
`);

export const REFERENCE_QUERY = graphql(`
  query Reference($onDate: Date) {
    adminUnits(onDate: $onDate) {
      id
      code
      name
      type
      typeVi
    }
    productGroups {
      code
      taxonomy
      nameVi
      nameEn
    }
  }
`);
