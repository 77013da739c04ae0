// The Pothos builder: plugins, scalar shapes, context and auth scopes. It defines no types
// (STYLE rule 3); every GraphQL type lives in its own file under src/modules/<feature>/.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { scopesFor, type AuthScopes } from '../modules/auth/scopes.js';
import type { GraphQLContext } from './context.js';
import { API_ERROR_CODES, apiError } from './errors.js';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    /** Calendar date, "YYYY-MM-DD". */
    Date: { Input: string; Output: string | Date };
    /** Instant, ISO 8601 with offset. */
    DateTime: { Input: Date; Output: Date | string };
  };
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => scopesFor(ctx.viewer.user),
    // Scope parameters may be arrays/objects (districtOfficer, districtEvaluator).
    cacheKey: (value) => JSON.stringify(value),
    // Anonymous → UNAUTHENTICATED; signed in without the scope → FORBIDDEN.
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer.user
        ? apiError(API_ERROR_CODES.FORBIDDEN, {
            en: 'Your role does not allow this operation on this record.',
            vi: 'Vai trò của bạn không được phép thực hiện thao tác này với bản ghi này.',
          })
        : apiError(API_ERROR_CODES.UNAUTHENTICATED, {
            en: 'Sign in to do this (no valid session).',
            vi: 'Bạn cần đăng nhập để thực hiện thao tác này (không có phiên đăng nhập hợp lệ).',
          }),
  },
  complexity: {
    // Scalars cost 1; a list multiplies its selection by 10 unless the field says otherwise
    // (connections say: their `first`). Limits are enforced per request by graphql/limits.ts so
    // the cost can also be reported in the response extensions.
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
  relay: {
    // Plain database ids (contract: `product(id: ID!)`), no Node interface or node(id) lookup.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    cursorType: 'String',
    clientMutationId: 'omit',
    // The connection field already multiplies its selection by `first`; edges must not again.
    edgesFieldOptions: { nullable: false, complexity: { field: 0, multiplier: 1 } },
    nodeFieldOptions: { nullable: false },
  },
});

builder.queryType({
  description: 'Read model of OCOP Monitor: An Giang OCOP products, plans and figures.',
});
builder.mutationType({
  description:
    'Write side: sign-in, users, and recording OCOP facts. Every write is one transaction with one audit record.',
});
