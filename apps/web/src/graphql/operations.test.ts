// The dashboard's operations are typed from the API's committed schema (apps/api/schema.graphql)
// by gql.tada; this test checks the same schema at run time: every query and mutation document
// (with the fragments it carries) must validate, and every enum list the UI offers must equal the
// schema's enum values.
import { print } from '@0no-co/graphql.web';
import { buildSchema, GraphQLEnumType, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../api/schema.graphql?raw';

const schema = buildSchema(schemaText);
const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts', '!./*.d.ts'], {
  eager: true,
});

const operations = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => /_(QUERY|MUTATION)$/.test(name))
    .map(([name, value]) => ({ file, name, document: value as DocumentNode })),
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
  ['TARGET_KINDS', 'TargetKind'],
  ['TASK_ROLES', 'TaskRole'],
];

function exported(name: string): unknown {
  for (const exports of Object.values(modules)) if (name in exports) return exports[name];
  return undefined;
}

describe('GraphQL operations of the dashboard', () => {
  it('finds the operations to check', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it.each(operations)(
    '$name ($file) is a graphql() document that validates against apps/api/schema.graphql',
    ({ document }) => {
      expect(document).toMatchObject({ kind: 'Document' });
      // The text the client sends (graphql.web's print), parsed again by graphql-js.
      const errors = validate(schema, parse(print(document))).map((e) => e.message);
      expect(errors).toEqual([]);
    },
  );

  it.each(enumLists)('%s lists exactly the values of the %s enum', (exportName, enumName) => {
    const type = schema.getType(enumName);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
    expect([...(exported(exportName) as string[])].sort()).toEqual([...values].sort());
  });
});
