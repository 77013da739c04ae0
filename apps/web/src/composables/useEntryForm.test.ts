import { describe, expect, it } from 'vitest';
import { normaliseField } from './useEntryForm';
import { canWrite, formsFor } from '../state/entry-permissions';

describe('normaliseField', () => {
  it('maps the API’s input paths to the form’s field names', () => {
    expect(normaliseField('input.name')).toBe('name');
    expect(normaliseField('input.parts.A')).toBe('parts.A');
    expect(normaliseField('parts.B')).toBe('parts.B');
    expect(normaliseField('input.parts[0].score', { part: 'c' })).toBe('parts.C');
    expect(normaliseField('input.items[2].stars')).toBe('items.2.stars');
  });
});

describe('entry permissions', () => {
  it('gives each role its forms as the write contract grants the mutations', () => {
    expect(formsFor('SECRETARIAT')).toEqual([
      'evaluation',
      'decision',
      'round',
      'activity',
      'entity',
      'product',
      'import',
      'plans',
    ]);
    expect(formsFor('DISTRICT_OFFICER')).toEqual(['evaluation', 'entity', 'product']);
    expect(formsFor('DEPARTMENT_OFFICER')).toEqual(['activity']);
    expect(formsFor('ADMIN')).toEqual(['activity', 'entity', 'product']);
    expect(canWrite('VIEWER')).toBe(false);
    expect(canWrite(null)).toBe(false);
  });
});
