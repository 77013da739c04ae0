// Kinds of GraphQL types told apart by their Symbol.toStringTag ("GraphQLObjectType", …) instead
// of graphql's isObjectType & co., which use instanceof: under vitest the schema built by Pothos
// and a module of ours can hold two copies of graphql, and instanceof across them throws
// ("Cannot use GraphQLObjectType from another module or realm").
export type TypeTag =
  | 'GraphQLScalarType'
  | 'GraphQLObjectType'
  | 'GraphQLInterfaceType'
  | 'GraphQLUnionType'
  | 'GraphQLEnumType'
  | 'GraphQLInputObjectType'
  | 'GraphQLList'
  | 'GraphQLNonNull';

export const typeTag = (type: unknown): TypeTag =>
  Object.prototype.toString.call(type).slice(8, -1) as TypeTag;

/** The type inside a NonNull wrapper (itself otherwise). */
export function unwrapNonNull<T>(type: T): T {
  return typeTag(type) === 'GraphQLNonNull' ? (type as { ofType: T }).ofType : type;
}
