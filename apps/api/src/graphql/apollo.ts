// Apollo Server for our schema: CSRF prevention on (clients POST JSON), introspection on (the API
// is public and documented), guard rails from limits.ts, errors through errors.ts.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';
import { createFormatError } from './errors.js';
import { costLimitPlugin, maxAliasesValidationRule, type QueryLimits } from './limits.js';

export function createApollo(options: {
  schema: GraphQLSchema;
  limits: QueryLimits;
  logError: (err: unknown) => void;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
}): ApolloServer<GraphQLContext> {
  const { schema, limits } = options;
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // graphql-js counts tokens while parsing and stops early: cheap protection for huge documents.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [maxAliasesValidationRule(limits)],
    formatError: createFormatError(options.logError),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin<GraphQLContext>(limits),
      ...(options.plugins ?? []),
    ],
  });
}
