// The dashboard's operations are typed by hand; this test keeps them honest against the API's
// committed schema (apps/api/schema.graphql): every query and mutation must validate, and every
// enum list the UI offers must equal the schema's enum values.
import { buildSchema, GraphQLEnumType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../api/schema.graphql?raw';

const schema = buildSchema(schemaText);
const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts'], { eager: true });

const operations = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name, value]) => /_(QUERY|MUTATION)$/.test(name) && typeof value === 'string')
    .map(([name, value]) => ({ file, name, document: value as string })),
);

const enumLists: [exportName: string, enumName: string][] = [
  ['ENTITY_TYPES', 'EntityType'],
  ['CERTIFICATE_STATUSES', 'CertificateStatus'],
  ['STATS_MEASURES', 'StatsMeasure'],
  ['STATS_GROUP_BYS', 'StatsGroupBy'],
  ['CERTIFIED_BASES', 'CertifiedBasis'],
  ['EVALUATION_LEVELS', 'EvaluationLevel'],
  ['ROLES', 'Role'],
  ['DECISION_ACTIONS', 'DecisionAction'],
];

function exported(name: string): unknown {
  for (const exports of Object.values(modules)) if (name in exports) return exports[name];
  return undefined;
}

describe('GraphQL operations of the dashboard', () => {
  it('finds the operations to check', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it.each(operations)('$name ($file) validates against apps/api/schema.graphql', ({ document }) => {
    const errors = validate(schema, parse(document)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  it.each(enumLists)('%s lists exactly the values of the %s enum', (exportName, enumName) => {
    const type = schema.getType(enumName);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
    expect([...(exported(exportName) as string[])].sort()).toEqual([...values].sort());
  });
});
