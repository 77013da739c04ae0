// The SDL we commit as apps/api/schema.graphql: sorted so diffs show only real changes.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema.js';

export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
