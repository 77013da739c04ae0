/** Small lookups behind the data-entry pickers and selects. */

export const PICKER_PRODUCTS_QUERY = /* GraphQL */ `
  query PickerProducts($search: String!, $unitCode: String) {
    products(first: 10, filter: { search: $search, unitCode: $unitCode }) {
      edges { node { id name currentStars unit { code name } entity { id name } } }
    }
  }
`;
export interface PickerProduct {
  id: string;
  name: string;
  currentStars: number | null;
  unit: { code: string; name: string } | null;
  entity: { id: string; name: string } | null;
}
export interface PickerProductsResult {
  products: { edges: { node: PickerProduct }[] };
}

export const PICKER_ENTITIES_QUERY = /* GraphQL */ `
  query PickerEntities($search: String!) {
    entities(first: 10, filter: { search: $search }) {
      edges { node { id name commune unit { code name } } }
    }
  }
`;
export interface PickerEntity {
  id: string;
  name: string;
  commune: string | null;
  unit: { code: string; name: string } | null;
}
export interface PickerEntitiesResult {
  entities: { edges: { node: PickerEntity }[] };
}

export const DEPARTMENT_LIST_QUERY = /* GraphQL */ `
  query DepartmentList {
    departments { code nameVi nameEn }
  }
`;
export interface DepartmentListResult {
  departments: { code: string; nameVi: string; nameEn: string }[];
}

export const DEPARTMENT_ACTIVITY_KINDS_QUERY = /* GraphQL */ `
  query DepartmentActivityKinds($code: String!) {
    department(code: $code) { code tasks { code activityKinds } }
  }
`;
export interface DepartmentActivityKindsResult {
  department: { code: string; tasks: { code: string; activityKinds: string[] }[] } | null;
}
