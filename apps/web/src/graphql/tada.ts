/**
 * The dashboard's typed `graphql()` tag: every operation's result and variable types are derived
 * from the API's committed schema (apps/api/schema.graphql) through the generated introspection
 * typings in graphql-env.d.ts (`pnpm gql:generate`; graphql-env.test.ts fails when it is stale).
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection, introspection_types } from './graphql-env';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string };
  // Fragments only share selections here; their fields stay visible in the operation's result.
  disableMasking: true;
}>();

export type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';

/** The values of one of the schema's enums, e.g. `SchemaEnum<'EntityType'>`. */
export type SchemaEnum<Name extends keyof introspection_types> = introspection_types[Name] extends {
  enumValues: infer V;
}
  ? V
  : never;
