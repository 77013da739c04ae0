export const REGISTER_PRODUCT_MUTATION = /* GraphQL */ `
  mutation RegisterProduct($input: ProductInput!) {
    registerProduct(input: $input) { id name }
  }
`;
export interface ProductInput {
  name: string;
  entityId: string;
  unitCode: string;
  commune?: string;
  group1048?: string;
  group148?: string;
}
export interface RegisterProductResult {
  registerProduct: { id: string; name: string };
}
