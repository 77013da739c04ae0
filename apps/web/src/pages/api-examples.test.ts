// The API page's examples must run as shown: each validates against the committed schema
// (apps/api/schema.graphql), including the renamed arguments (roundYear, sort, nodes, activities).
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../api/schema.graphql?raw';
import { API_EXAMPLES } from './api-examples';

const schema = buildSchema(schemaText);

describe('API page examples', () => {
  it.each(API_EXAMPLES.map((e) => [e.id, e.query]))(
    '%s validates against the schema',
    (_id, query) => {
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    },
  );
});
