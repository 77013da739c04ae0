// The cost of introspection (issue 11, point 7: the full schema was 485 KB for a cost of 15).
// @pothos/plugin-complexity prices our own fields only; `__schema` and `__type` answer from the
// schema in memory, but their answer can be large, so they are priced like the rest of the API,
// by what they return: one per object (type, field, argument, enum value, type reference…) the
// selection would produce in THIS schema, counted by walking the schema, not by executing. The
// explorer's full introspection then costs about 2,400 of GRAPHQL_MAX_COST (5,000), shown in
// extensions.cost like any query, so one request cannot ask for it three times.
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLDirective,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type GraphQLUnionType,
  type SelectionSetNode,
} from 'graphql';
import { typeTag } from './type-tags.js';

const isObjectType = (t: GraphQLType): t is GraphQLObjectType => typeTag(t) === 'GraphQLObjectType';
const isInterfaceType = (t: GraphQLType): t is GraphQLInterfaceType =>
  typeTag(t) === 'GraphQLInterfaceType';
const isUnionType = (t: GraphQLType): t is GraphQLUnionType => typeTag(t) === 'GraphQLUnionType';
const isEnumType = (t: GraphQLType): t is GraphQLEnumType => typeTag(t) === 'GraphQLEnumType';
const isInputObjectType = (t: GraphQLType): t is GraphQLInputObjectType =>
  typeTag(t) === 'GraphQLInputObjectType';
const isWrapper = (t: GraphQLType): t is GraphQLType & { ofType: GraphQLType } =>
  typeTag(t) === 'GraphQLList' || typeTag(t) === 'GraphQLNonNull';

type Fragments = Map<string, FragmentDefinitionNode>;

/** The field nodes of a selection set, fragments flattened (each alias counts on its own). */
function fieldsOf(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  seen = new Set<string>(),
): FieldNode[] {
  if (!set) return [];
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT)
      out.push(...fieldsOf(s.selectionSet, fragments, seen));
    else {
      const name = s.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // unknown or cyclic: validation reports it
      seen.add(name);
      out.push(...fieldsOf(fragment.selectionSet, fragments, seen));
      seen.delete(name);
    }
  }
  return out;
}

/** Objects an introspection selection returns from `schema` (no execution). */
export function introspectionObjects(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): number {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const selected =
    operations.find((d) => operationName != null && d.name?.value === operationName) ??
    operations[0];
  if (!selected) return 0;
  const fragments: Fragments = new Map();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<FieldNode, FieldNode[]>();
  const sub = (node: FieldNode) => {
    let fields = memo.get(node);
    if (!fields) memo.set(node, (fields = fieldsOf(node.selectionSet, fragments)));
    return fields;
  };

  const inputValue = (value: GraphQLArgument | GraphQLInputField, node: FieldNode): number => {
    let n = 1;
    for (const f of sub(node)) if (f.name.value === 'type') n += type(value.type, f);
    return n;
  };
  const field = (value: GraphQLField<unknown, unknown>, node: FieldNode): number => {
    let n = 1;
    for (const f of sub(node)) {
      if (f.name.value === 'args') for (const a of value.args) n += inputValue(a, f);
      else if (f.name.value === 'type') n += type(value.type, f);
    }
    return n;
  };
  const type = (t: GraphQLType, node: FieldNode): number => {
    let n = 1;
    for (const f of sub(node)) {
      switch (f.name.value) {
        case 'fields':
          if (isObjectType(t) || isInterfaceType(t))
            for (const x of Object.values(t.getFields())) n += field(x, f);
          break;
        case 'inputFields':
          if (isInputObjectType(t))
            for (const x of Object.values(t.getFields())) n += inputValue(x, f);
          break;
        case 'interfaces':
          if (isObjectType(t) || isInterfaceType(t))
            for (const x of t.getInterfaces()) n += type(x, f);
          break;
        case 'possibleTypes':
          if (isUnionType(t) || isInterfaceType(t))
            for (const x of schema.getPossibleTypes(t)) n += type(x, f);
          break;
        case 'enumValues':
          if (isEnumType(t)) n += t.getValues().length;
          break;
        case 'ofType':
          if (isWrapper(t)) n += type(t.ofType, f);
          break;
      }
    }
    return n;
  };
  const directive = (d: GraphQLDirective, node: FieldNode): number => {
    let n = 1;
    for (const f of sub(node))
      if (f.name.value === 'args') for (const a of d.args) n += inputValue(a, f);
    return n;
  };

  let total = 0;
  for (const root of fieldsOf(selected.selectionSet, fragments)) {
    if (root.name.value === '__type') {
      const arg = root.arguments?.find((a) => a.name.value === 'name');
      // A variable name: price the largest type (what it could return).
      const named = arg?.value.kind === Kind.STRING ? schema.getType(arg.value.value) : null;
      const candidates = named
        ? [named]
        : arg?.value.kind === Kind.STRING
          ? []
          : Object.values(schema.getTypeMap());
      total += Math.max(0, ...candidates.map((t) => type(t, root)));
    } else if (root.name.value === '__schema') {
      total += 1;
      for (const f of sub(root)) {
        switch (f.name.value) {
          case 'types':
            for (const t of Object.values(schema.getTypeMap())) total += type(t, f);
            break;
          case 'queryType':
            total += type(schema.getQueryType()!, f);
            break;
          case 'mutationType': {
            const m = schema.getMutationType();
            if (m) total += type(m, f);
            break;
          }
          case 'subscriptionType': {
            const s = schema.getSubscriptionType();
            if (s) total += type(s, f);
            break;
          }
          case 'directives':
            for (const d of schema.getDirectives()) total += directive(d, f);
            break;
        }
      }
    }
  }
  return total;
}

const costs = new Map<string, number>();
const MAX_CACHED = 100;

/**
 * The cost introspection adds to a request (0 without `__schema` / `__type`). Walking the schema
 * takes a few milliseconds, so answers are kept per document text and operation (the explorer
 * sends the same introspection query on every load).
 */
export function introspectionCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  source: string | undefined,
  operationName?: string | null,
): number {
  if (source !== undefined && !/__schema|__type\b/.test(source)) return 0;
  const key = source === undefined ? null : `${operationName ?? ''}\u0000${source}`;
  const cached = key === null ? undefined : costs.get(key);
  if (cached !== undefined) return cached;
  const cost = introspectionObjects(schema, document, operationName);
  if (key !== null) {
    if (costs.size >= MAX_CACHED) costs.delete(costs.keys().next().value!);
    costs.set(key, cost);
  }
  return cost;
}
