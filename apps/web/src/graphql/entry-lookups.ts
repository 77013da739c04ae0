/** Small lookups behind the data-entry pickers and selects. */
import { graphql } from './tada';

export const PICKER_PRODUCTS_QUERY = graphql(`
  query PickerProducts($search: String!, $unitCode: String) {
    products(first: 10, filter: { search: $search, unitCode: $unitCode }) {
      edges {
        node {
          id
          name
          currentStars
          unit {
            code
            name
          }
          entity {
            id
            name
          }
        }
      }
    }
  }
`);

export const PICKER_ENTITIES_QUERY = graphql(`
  query PickerEntities($search: String!) {
    entities(first: 10, filter: { search: $search }) {
      edges {
        node {
          id
          name
          commune
          unit {
            code
            name
          }
        }
      }
    }
  }
`);

export const DEPARTMENT_LIST_QUERY = graphql(`
  query DepartmentList {
    departments {
      code
      nameVi
      nameEn
    }
  }
`);

export const DEPARTMENT_ACTIVITY_KINDS_QUERY = graphql(`
  query DepartmentActivityKinds($code: String!) {
    department(code: $code) {
      code
      tasks {
        code
        activityKinds
      }
    }
  }
`);
