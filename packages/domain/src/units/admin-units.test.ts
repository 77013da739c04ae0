import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { DISTRICTS_2021_CSV, parseSimpleCsv } from '../test-fixtures/seed-csv.fixture.js';
import {
  buildDistrictUnits,
  isDistrictLevel,
  unitsInForce,
  unitTypeLabel,
  type DistrictRow,
} from './admin-units.js';

const units = buildDistrictUnits(parseSimpleCsv(DISTRICTS_2021_CSV) as DistrictRow[]);

describe('An Giang district-level units', () => {
  it('has the 11 district-level units of 2021: 2 cities, 1 town, 8 districts', () => {
    const in2021 = unitsInForce(units, '2021-06-30');
    expect(in2021).toHaveLength(11);
    expect(in2021.filter((u) => u.type === 'city')).toHaveLength(2);
    expect(in2021.filter((u) => u.type === 'town')).toHaveLength(1);
    expect(in2021.filter((u) => u.type === 'district')).toHaveLength(8);
    expect(in2021.find((u) => u.name === 'Tịnh Biên')?.type).toBe('district');
  });

  it('makes Tịnh Biên a town from 2023-02-13, as a successor record', () => {
    expect(unitsInForce(units, '2023-02-12').find((u) => u.name === 'Tịnh Biên')).toMatchObject({
      code: 'tinh-bien',
      type: 'district',
      validTo: '2023-02-12',
      successorCode: 'tinh-bien-town',
    });
    const on2023 = unitsInForce(units, '2023-06-01');
    expect(on2023).toHaveLength(11);
    expect(on2023.find((u) => u.name === 'Tịnh Biên')).toMatchObject({
      code: 'tinh-bien-town',
      type: 'town',
      validFrom: '2023-02-13',
    });
    expect(unitsInForce(units, '2023-06-01', { type: 'town' }).map((u) => u.name)).toEqual([
      'Tân Châu',
      'Tịnh Biên',
    ]);
  });

  it('has no district-level unit from 2025-07-01', () => {
    expect(unitsInForce(units, '2025-06-30')).toHaveLength(11);
    expect(unitsInForce(units, '2025-07-01')).toHaveLength(0);
  });

  it('rejects a row with an unknown type, naming the row and column', () => {
    try {
      buildDistrictUnits([{ code: 'x', name: 'X', type: 'ward' }]);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('INVALID_UNIT');
      expect((error as DomainError).params).toEqual({ row: 1, column: 'type', value: 'ward' });
    }
  });
});

describe('unit types', () => {
  it('labels types in Vietnamese and English', () => {
    expect(unitTypeLabel('city')).toBe('thành phố');
    expect(unitTypeLabel('town', 'vi')).toBe('thị xã');
    expect(unitTypeLabel('district', 'vi')).toBe('huyện');
    expect(unitTypeLabel('town', 'en')).toBe('town');
  });

  it('treats city, town and district as district level', () => {
    expect(isDistrictLevel('city')).toBe(true);
    expect(isDistrictLevel('town')).toBe(true);
    expect(isDistrictLevel('district')).toBe(true);
    expect(isDistrictLevel('commune')).toBe(false);
    expect(isDistrictLevel('province')).toBe(false);
  });

  it('filters by district level and treats open validity bounds as open', () => {
    const mixed = [
      ...units,
      {
        code: 'an-giang',
        name: 'An Giang',
        type: 'province' as const,
        validFrom: null,
        validTo: null,
      },
    ];
    expect(unitsInForce(mixed, '2026-01-01').map((u) => u.code)).toEqual(['an-giang']);
    expect(unitsInForce(mixed, '2021-06-30', { districtLevel: true })).toHaveLength(11);
    expect(unitsInForce(mixed, '2021-06-30', { districtLevel: false })).toHaveLength(1);
  });
});
