// Bounded inputs (issue 11, point 7): every string and list a request passes to the schema has a
// maximum size, checked over the WHOLE schema before execution (no per-field code): arguments
// written in the document and variables alike, at any depth of input objects. A value over its
// bound, or a string holding a NUL character (PostgreSQL cannot store it; it was an internal
// error), is VALIDATION_FAILED naming the argument's path (`filter.search`, `input.items`).
//
// Bounds (README, "Bounded inputs"): strings 2,000 characters unless listed in STRING_BOUNDS
// (search 200; IDs 64; cursors 200; passwords 200; the import file its upload size); lists 100
// items unless listed in LIST_BOUNDS (a decision lists up to 500 products). Services keep their
// own, tighter rules (e.g. a name ≤ 300): these bounds only stop oversize input before any work.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { typeTag, unwrapNonNull } from './type-tags.js';
import { validationFailed } from './errors.js';

export const MAX_STRING_LENGTH = 2000;
export const MAX_LIST_ITEMS = 100;

/** Per-coordinate string bounds: `Type.field(arg)` for arguments, `InputType.field` for input fields. */
export const STRING_BOUNDS: Record<string, number> = {
  'ProductFilter.search': 200,
  'Mutation.signIn(password)': 200,
  'Mutation.signIn(email)': 254,
  'Mutation.changePassword(currentPassword)': 200,
  'Mutation.changePassword(newPassword)': 200,
  'UserInput.password': 200,
  'UserInput.email': 254,
};
/** Per-coordinate list bounds. */
export const LIST_BOUNDS: Record<string, number> = {
  // One provincial decision may list many products; recordDecision allows 1–500.
  'DecisionInput.items': 500,
};
/** Any ID value. */
export const MAX_ID_LENGTH = 64;
/** Connection cursors (`after`, `before`): the API's own are about 40 characters. */
export const MAX_CURSOR_LENGTH = 200;

export interface InputBounds {
  /** importDecisionList(contentBase64): the upload limit in base64 characters. */
  maxUploadChars: number;
}

/** Base64 characters of an upload of `bytes` bytes. */
export const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

interface Check {
  path: string;
  coordinate: string;
  argName: string;
}

function stringBound(check: Check, typeName: string, bounds: InputBounds): number {
  if (check.coordinate === 'Mutation.importDecisionList(contentBase64)')
    return bounds.maxUploadChars;
  const listed = STRING_BOUNDS[check.coordinate];
  if (listed !== undefined) return listed;
  if (check.path === check.argName && (check.argName === 'after' || check.argName === 'before'))
    return MAX_CURSOR_LENGTH;
  if (typeName === 'ID') return MAX_ID_LENGTH;
  return MAX_STRING_LENGTH;
}

/** The first refused value of a request, or null. */
export function findOversizeInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  bounds: InputBounds,
): { path: string; problem: 'string' | 'list' | 'nul'; size: number; max: number } | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const selected =
    operations.find((d) => operationName != null && d.name?.value === operationName) ??
    operations[0];
  if (!selected) return null;
  const defaults = new Map<string, ValueNode>();
  for (const def of selected.variableDefinitions ?? ([] as VariableDefinitionNode[]))
    if (def.defaultValue) defaults.set(def.variable.name.value, def.defaultValue);

  let found: ReturnType<typeof findOversizeInput> = null;

  /** Walks a value of `type` (raw JSON from variables, or an AST literal). */
  const walk = (
    type: GraphQLInputType,
    value: unknown,
    ast: ValueNode | null,
    check: Check,
  ): void => {
    if (found) return;
    if (ast?.kind === Kind.VARIABLE) {
      const name = ast.name.value;
      if (name in variables) return walk(type, variables[name], null, check);
      const fallback = defaults.get(name);
      if (fallback) walk(type, null, fallback, check);
      return;
    }
    const inner = unwrapNonNull(type) as GraphQLInputType;
    if (typeTag(inner) === 'GraphQLList') {
      const items: { value: unknown; ast: ValueNode | null }[] = ast
        ? ast.kind === Kind.LIST
          ? ast.values.map((v) => ({ value: null, ast: v }))
          : [{ value: null, ast }]
        : Array.isArray(value)
          ? value.map((v) => ({ value: v, ast: null }))
          : value == null
            ? []
            : [{ value, ast: null }];
      const max = LIST_BOUNDS[check.coordinate] ?? MAX_LIST_ITEMS;
      if (items.length > max) {
        found = { path: check.path, problem: 'list', size: items.length, max };
        return;
      }
      const itemType = (inner as { ofType: GraphQLInputType }).ofType;
      for (const item of items) walk(itemType, item.value, item.ast, check);
      return;
    }
    if (typeTag(inner) === 'GraphQLInputObjectType') {
      const object = inner as GraphQLInputObjectType;
      const fields = object.getFields();
      const entries: [string, unknown, ValueNode | null][] = ast
        ? ast.kind === Kind.OBJECT
          ? ast.fields.map((f) => [f.name.value, null, f.value])
          : []
        : value && typeof value === 'object' && !Array.isArray(value)
          ? Object.entries(value).map(([k, v]) => [k, v, null])
          : [];
      for (const [name, v, a] of entries) {
        const field = fields[name];
        if (!field) continue; // unknown field: GraphQL's own coercion error
        walk(field.type, v, a, {
          path: `${check.path}.${name}`,
          coordinate: `${object.name}.${name}`,
          argName: check.argName,
        });
      }
      return;
    }
    // A scalar or enum: strings are what can be long or hold NUL.
    const text = ast ? (ast.kind === Kind.STRING ? ast.value : null) : value;
    if (typeof text !== 'string') return;
    if (text.includes('\u0000')) {
      found = { path: check.path, problem: 'nul', size: text.length, max: 0 };
      return;
    }
    const max = stringBound(check, (inner as GraphQLNamedType).name, bounds);
    if (text.length > max) found = { path: check.path, problem: 'string', size: text.length, max };
  };

  // The operation's fields with their parent types (walked by hand, not with graphql's TypeInfo:
  // under vitest the schema's classes can come from another copy of graphql, see type-tags.ts).
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const visited = new Set<string>();
  const selections = (
    set: SelectionSetNode | undefined,
    parent: GraphQLNamedType | null | undefined,
  ): void => {
    if (!set || !parent || found) return;
    for (const s of set.selections) {
      if (found) return;
      if (s.kind === Kind.FIELD) visitField(s, parent);
      else if (s.kind === Kind.INLINE_FRAGMENT)
        selections(
          s.selectionSet,
          s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent,
        );
      else {
        const fragment = fragments.get(s.name.value);
        if (!fragment || visited.has(s.name.value)) continue;
        visited.add(s.name.value);
        selections(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  const visitField = (node: FieldNode, parent: GraphQLNamedType): void => {
    const tag = typeTag(parent);
    if (tag !== 'GraphQLObjectType' && tag !== 'GraphQLInterfaceType') return;
    const field = (
      parent as { getFields(): Record<string, GraphQLField<unknown, unknown>> }
    ).getFields()[node.name.value];
    if (!field) return; // __typename, introspection or unknown: no arguments of ours
    for (const argNode of node.arguments ?? []) {
      const arg = field.args.find((a) => a.name === argNode.name.value);
      if (!arg) continue;
      walk(arg.type, null, argNode.value, {
        path: arg.name,
        coordinate: `${parent.name}.${field.name}(${arg.name})`,
        argName: arg.name,
      });
      if (found) return;
    }
    let named: unknown = field.type;
    while (named && typeof named === 'object' && 'ofType' in named)
      named = (named as { ofType: unknown }).ofType;
    selections(node.selectionSet, named as GraphQLNamedType);
  };
  const root =
    selected.operation === 'mutation'
      ? schema.getMutationType()
      : selected.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  selections(selected.selectionSet, root);
  return found;
}

/** Apollo plugin: refuse oversize inputs after the operation is known, before cost and execution. */
export function inputBoundsPlugin<TContext extends object>(
  bounds: InputBounds,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const bad = findOversizeInput(
            rc.schema,
            rc.document,
            rc.operationName,
            rc.request.variables ?? {},
            bounds,
          );
          if (!bad) return;
          const { path, size, max } = bad;
          if (bad.problem === 'nul')
            throw validationFailed(path, {
              en: `"${path}" contains a NUL character (\\u0000), which is not allowed in text.`,
              vi: `"${path}" chứa ký tự NUL (\\u0000), không được phép có trong văn bản.`,
            });
          if (bad.problem === 'list')
            throw validationFailed(
              path,
              {
                en: `"${path}" has ${size} items; at most ${max} are allowed.`,
                vi: `"${path}" có ${size} phần tử; tối đa ${max} phần tử.`,
              },
              { maxItems: max },
            );
          throw validationFailed(
            path,
            {
              en: `"${path}" is ${size} characters long; at most ${max} are allowed.`,
              vi: `"${path}" dài ${size} ký tự; tối đa ${max} ký tự.`,
            },
            { maxLength: max },
          );
        },
      };
    },
  };
}
