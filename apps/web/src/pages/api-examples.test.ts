// The API page's examples must run as shown: each validates against the committed schema
// (apps/api/schema.graphql), including the renamed arguments (roundYear, sort, nodes, activities);
// the data endpoint examples use only the parameters of a permalink (e2e/tests/publish.e2e.ts runs them).
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../api/schema.graphql?raw';
import { API_EXAMPLES, curlData, DATA_EXAMPLES, DATA_FILES, DATA_VIEWS } from './api-examples';
import { figuresStateFromQuery, figuresStateToQuery } from '../state/figures-state';
import { productsStateFromQuery, productsStateToQuery } from '../state/products-query';

const schema = buildSchema(schemaText);

describe('API page examples', () => {
  it.each(API_EXAMPLES.map((e) => [e.id, e.query]))(
    '%s validates against the schema',
    (_id, query) => {
      expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    },
  );
});

describe('API page data endpoint examples', () => {
  it.each(DATA_EXAMPLES.map((e) => [e.id, e.path]))(
    '%s names a view, a file and only permalink parameters the dashboard keeps',
    (_id, path) => {
      const [route, search = ''] = path.split('?');
      const view = route!.slice(0, route!.lastIndexOf('/'));
      const file = route!.slice(route!.lastIndexOf('/') + 1);
      expect(DATA_VIEWS).toContain(view);
      expect(DATA_FILES).toContain(file);
      const query = Object.fromEntries(new URLSearchParams(search));
      const { lang, ...rest } = query;
      expect(['vi', 'en']).toContain(lang);
      if (view === '/figures') {
        // A parameter the dashboard would drop or change is not a permalink parameter.
        expect(figuresStateToQuery(figuresStateFromQuery(rest))).toEqual(rest);
      } else if (view === '/products') {
        expect(productsStateToQuery(productsStateFromQuery(rest))).toEqual(rest);
      } else {
        expect(Object.keys(rest).sort()).toEqual(['asOf', 'year']);
      }
    },
  );

  it('quotes the address for the shell and saves CSV to a file', () => {
    expect(curlData('http://127.0.0.1:4000', '/districts/data.csv?year=2021&asOf=2021-12-31')).toBe(
      "curl -s -o districts-data.csv 'http://127.0.0.1:4000/districts/data.csv?year=2021&asOf=2021-12-31'",
    );
    expect(curlData('http://x', '/overview/metadata.json?year=2021')).toBe(
      "curl -s 'http://x/overview/metadata.json?year=2021'",
    );
  });
});
