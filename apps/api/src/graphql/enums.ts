// Helper for GraphQL enums over the lower-case values stored in the database ('enterprise' →
// ENTERPRISE), so resolvers pass entity values through untouched.
import { builder } from './builder.js';

export function dbEnum<const T extends string>(
  name: string,
  values: readonly T[],
  options: { description: string; valueDescriptions?: Partial<Record<T, string>> },
) {
  return builder.enumType(name, {
    description: options.description,
    values: Object.fromEntries(
      values.map((v) => [
        v.toUpperCase(),
        {
          value: v,
          ...(options.valueDescriptions?.[v] ? { description: options.valueDescriptions[v] } : {}),
        },
      ]),
    ) as Record<Uppercase<T>, { value: T; description?: string }>,
  });
}

export const SortDirectionEnum = builder.enumType('SortDirection', {
  description: 'Order of a sorted list.',
  values: {
    ASC: { value: 'asc', description: 'Smallest first (A→Z, oldest, fewest stars).' },
    DESC: { value: 'desc', description: 'Largest first (Z→A, newest, most stars).' },
  } as const,
});
