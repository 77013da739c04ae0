// Guard rails for the public API: cost (from the field costs declared with
// @pothos/plugin-complexity; connections cost by their `first`), depth, aliases and tokens.
// The cost is computed once per request, before execution, refused over the limit with a stable
// code, and reported in the response `extensions.cost` so analysts can see what they spend.
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { AppConfig } from '../config.js';
import { API_ERROR_CODES, apiError } from './errors.js';
import { base64Length, type InputBounds } from './input-bounds.js';
import { introspectionCost } from './introspection-cost.js';
import { loadRowBounds } from './pagination.js';

export interface QueryLimits extends InputBounds {
  maxCost: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
}

export function limitsFromConfig(config: AppConfig): QueryLimits {
  return {
    maxCost: config.GRAPHQL_MAX_COST,
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    // The upload in base64, with room for line breaks some encoders add (importDecisionList
    // checks the decoded size itself, with its own message).
    maxUploadChars: Math.ceil(base64Length(config.IMPORT_MAX_BYTES) * 1.03),
  };
}

/** Direct selections of one response name allowed in one selection set. */
export const MAX_SAME_FIELD = 20;

/**
 * Validation rule: a selection set naming one field (response name) more than MAX_SAME_FIELD
 * times is refused with a message saying so. It reports when the document is entered, before
 * graphql-js's overlapping-fields check, which gives up on such documents with only
 * "Validation aborted." (its work budget, graphql 16.15). The fields a set gets through its
 * fragments (spreads and inline, as graphql-js merges them) count with its own: 70 fragments of
 * 20 copies each were otherwise 1,400 copies the per-set count never saw.
 */
export function duplicateFieldsRule(context: ValidationContext): ASTVisitor {
  return {
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of document.definitions)
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      /** Adds the fields of `set` and of its fragments (each named fragment once) to `counts`. */
      const count = (set: SelectionSetNode, counts: Map<string, number>, seen: Set<string>) => {
        for (const s of set.selections) {
          if (s.kind === Kind.FIELD) {
            const name = s.alias?.value ?? s.name.value;
            counts.set(name, (counts.get(name) ?? 0) + 1);
          } else if (s.kind === Kind.INLINE_FRAGMENT) count(s.selectionSet, counts, seen);
          else if (!seen.has(s.name.value)) {
            seen.add(s.name.value);
            const fragment = fragments.get(s.name.value);
            if (fragment) count(fragment.selectionSet, counts, seen);
          }
        }
      };
      visit(document, {
        SelectionSet(set) {
          const counts = new Map<string, number>();
          count(set, counts, new Set());
          for (const [name, count] of counts)
            if (count > MAX_SAME_FIELD) {
              context.reportError(
                new GraphQLError(
                  `Field "${name}" is selected ${count} times in one selection set (at most ${MAX_SAME_FIELD}); select each field once.`,
                  {
                    nodes: set,
                    extensions: {
                      code: API_ERROR_CODES.DUPLICATE_FIELDS,
                      limit: MAX_SAME_FIELD,
                      messageVi: `Trường "${name}" được chọn ${count} lần trong một tập lựa chọn (tối đa ${MAX_SAME_FIELD}); hãy chọn mỗi trường một lần.`,
                    },
                  },
                ),
              );
              return BREAK;
            }
          return undefined;
        },
      });
      return false;
    },
  };
}

/** What a request cost, as reported in `extensions.cost`. */
export interface QueryCost {
  complexity: number;
  depth: number;
  limit: number;
  maxDepth: number;
}

/** Validation rule refusing more aliases than allowed (graphql-armor), with a stable code. */
export function maxAliasesValidationRule(limits: QueryLimits): ValidationRule {
  return maxAliasesRule({
    n: limits.maxAliases,
    propagateOnRejection: false,
    onReject: [
      (ctx, err) => {
        const found = /found (\d+)/.exec(err.message)?.[1] ?? '?';
        ctx?.reportError(
          new GraphQLError(`Too many aliases: ${found} (limit ${limits.maxAliases}).`, {
            extensions: {
              code: API_ERROR_CODES.TOO_MANY_ALIASES,
              limit: limits.maxAliases,
              messageVi: `Quá nhiều bí danh (alias): ${found} (giới hạn ${limits.maxAliases}).`,
            },
          }),
        );
      },
    ],
  });
}

/** Measures the selected operation with the Pothos field costs (variables applied). */
export function measureOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
  options: Parameters<typeof complexityFromQuery>[1],
): { complexity: number; depth: number } {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const selected =
    operations.find((d) => operationName != null && d.name?.value === operationName) ??
    operations[0];
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  // complexityFromQuery measures the first operation: put the selected one first.
  const doc: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: selected ? [selected, ...fragments] : fragments,
  };
  const { complexity, depth } = complexityFromQuery(doc, options);
  return { complexity, depth };
}

/** Apollo plugin: refuse over-limit operations before execution; report the cost. */
export function costLimitPlugin<TContext extends object>(
  limits: QueryLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let cost: QueryCost | undefined;
      return {
        async didResolveOperation(rc) {
          // Introspection (__schema, __type) is priced by the objects it returns.
          const introspection = introspectionCost(
            rc.schema,
            rc.document,
            rc.source,
            rc.operationName,
          );
          const measure = () => {
            const own = measureOperation(rc.document, rc.operationName, {
              schema: rc.schema,
              ctx: rc.contextValue,
              variables: rc.request.variables ?? {},
            });
            return { ...own, complexity: own.complexity + introspection };
          };
          let measured: { complexity: number; depth: number };
          try {
            measured = measure();
          } catch {
            // Invalid variables: execution reports them with GraphQL's own message.
            return;
          }
          // Over the limit on page sizes: charge connections on the rows their tables hold
          // instead (pagination.ts loadRowBounds), one count statement, then measure again.
          if (measured.complexity > limits.maxCost && (await loadRowBounds(rc.contextValue))) {
            measured = measure();
          }
          cost = { ...measured, limit: limits.maxCost, maxDepth: limits.maxDepth };
          if (measured.depth > limits.maxDepth) {
            throw apiError(
              API_ERROR_CODES.QUERY_TOO_DEEP,
              {
                en: `Query is too deep: depth ${measured.depth}, limit ${limits.maxDepth}.`,
                vi: `Truy vấn lồng quá sâu: độ sâu ${measured.depth}, giới hạn ${limits.maxDepth}.`,
              },
              { cost },
            );
          }
          if (measured.complexity > limits.maxCost) {
            throw apiError(
              API_ERROR_CODES.QUERY_TOO_COMPLEX,
              {
                en: `Query is too expensive: cost ${measured.complexity}, limit ${limits.maxCost}. Ask for fewer items (first) or fewer nested fields.`,
                vi: `Truy vấn quá tốn kém: chi phí ${measured.complexity}, giới hạn ${limits.maxCost}. Hãy giảm số mục (first) hoặc bớt trường lồng nhau.`,
              },
              { cost },
            );
          }
        },
        async willSendResponse(rc) {
          if (!cost || rc.response.body.kind !== 'single') return;
          const body = rc.response.body.singleResult;
          body.extensions = { ...body.extensions, cost };
        },
      };
    },
  };
}
