// The Pothos builder: plugins, scalar shapes, context and auth scopes. It defines no types;
// every GraphQL type lives in its own file under src/modules/<feature>/ (CONTRIBUTING.md, layout).
// Batching is not a plugin here: graphql/loaders.ts explains why.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
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
  /** Every connection resolver returns its total (graphql/pagination.ts offsetConnection). */
  Connection: { totalCount: number };
  Scalars: {
    /** Calendar date, "YYYY-MM-DD". */
    Date: { Input: string; Output: string | Date };
    /** Instant, ISO 8601 with offset. */
    DateTime: { Input: Date; Output: Date | string };
  };
}>({
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin],
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
    // (connections say: their page size, capped by their table's rows; graphql/pagination.ts).
    // Limits are enforced per request by graphql/limits.ts so the cost can also be reported in
    // the response extensions.
    defaultComplexity: 1,
    defaultListMultiplier: 10,
  },
  relay: {
    // Plain database ids (contract: `product(id: ID!)`), no Node interface or node(id) lookup.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    cursorType: 'String',
    clientMutationId: 'omit',
    // The connection field already multiplies its selection by its page size; edges and nodes
    // must not multiply again.
    edgesFieldOptions: { nullable: false, complexity: { field: 0, multiplier: 1 } },
    nodesOnConnection: {
      description: 'The nodes of `edges`, without cursors (a shortcut).',
      complexity: { field: 0, multiplier: 1 },
    },
    nodeFieldOptions: { nullable: false },
    firstArgOptions: {
      description: 'Page size from the start or `after`: 1–100, default 20. The cost multiplier.',
    },
    lastArgOptions: { description: 'Page size backwards from `before`: 1–100.' },
    afterArgOptions: { description: 'Cursor of the last edge of the previous page (endCursor).' },
    beforeArgOptions: { description: 'Cursor of the first edge of the next page (startCursor).' },
  },
});

builder.queryType({
  description: 'Read model of OCOP Monitor: An Giang OCOP products, plans and figures.',
});
builder.mutationType({
  description:
    'Write side: sign-in, users, and recording OCOP facts. Every write is one transaction with one audit record.',
});

// Every connection resolver returns totalCount (the `Connection` shape above makes it required).
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'Rows matching the arguments, over all pages.',
    resolve: (connection) => connection.totalCount,
  }),
);
