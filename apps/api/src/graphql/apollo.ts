// Apollo Server for our schema: CSRF prevention on (clients POST JSON), introspection on (the API
// is public and documented), guard rails from limits.ts, errors through errors.ts.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';
import { logRequestErrors, type RequestErrorLogger } from './error-log.js';
import { createFormatError } from './errors.js';
import { httpStatusPlugin } from './http-status.js';
import { inputBoundsPlugin } from './input-bounds.js';
import {
  costLimitPlugin,
  duplicateFieldsRule,
  maxAliasesValidationRule,
  type QueryLimits,
} from './limits.js';

export function createApollo(options: {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** Where unexpected (masked) errors and STORAGE_UNAVAILABLE answers are logged (error-log.ts). */
  log: RequestErrorLogger;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
}): ApolloServer<GraphQLContext> {
  const { schema, limits } = options;
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    // main.ts drains requests on SIGTERM (src/http/shutdown.ts); Apollo's own handler would stop
    // the schema mid-request and re-raise the signal, killing the process (exit 143).
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // graphql-js counts tokens while parsing and stops early: cheap protection for huge documents.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [maxAliasesValidationRule(limits), duplicateFieldsRule],
    // Logging happens in the plugin below, where the request id is known.
    formatError: createFormatError(() => undefined),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors(rc) {
              logRequestErrors(options.log, rc.errors, {
                requestId: rc.contextValue.requestId,
                operationName: rc.operationName,
              });
            },
          };
        },
      },
      // Oversize strings and lists first: nothing else (cost included) looks at them.
      inputBoundsPlugin<GraphQLContext>(limits),
      costLimitPlugin<GraphQLContext>(limits),
      httpStatusPlugin<GraphQLContext>(),
      ...(options.plugins ?? []),
    ],
  });
}
