import type { EntityType } from './types';

export const REGISTER_ENTITY_MUTATION = /* GraphQL */ `
  mutation RegisterEntity($input: EntityInput!) {
    registerEntity(input: $input) { id name unit { code name } }
  }
`;
export interface EntityInput {
  name: string;
  type: EntityType;
  commune?: string;
  unitCode: string;
  ownerName?: string;
  ownerPhone?: string;
}
export interface RegisterEntityResult {
  registerEntity: { id: string; name: string; unit: { code: string; name: string } | null };
}
