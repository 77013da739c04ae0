import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { PLAN_2021_TARGETS_CSV, parseSimpleCsv } from '../test-fixtures/seed-csv.fixture.js';
import { parsePlanTargets } from './targets.js';

const PERIOD_2021 = { start: '2021-01-01', end: '2021-12-31' };
const rows = parseSimpleCsv(PLAN_2021_TARGETS_CSV);

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parsePlanTargets with plan 152 (2021)', () => {
  const targets = parsePlanTargets(rows, PERIOD_2021);

  it('reads the 8 targets with their kinds, bounds, owners and metrics', () => {
    expect(targets.map((t) => [t.code, t.kind, t.target, t.targetMax, t.owner, t.metric])).toEqual([
      ['T1-CERTIFIED', 'count_at_least', 20, null, 'SNN', 'products_first_certified'],
      ['T2-NATIONAL', 'count_at_least', 2, null, 'SNN', 'products_national_evaluation'],
      [
        'T3-ENTITIES-PER-DISTRICT',
        'each_unit_at_least',
        2,
        null,
        'UBND-HUYEN',
        'entities_participating_per_unit',
      ],
      [
        'T4-ENTITY-HAS-PRODUCT',
        'share_at_least',
        100,
        null,
        'UBND-HUYEN',
        'entities_with_provincial_product',
      ],
      ['T5-PASS-RATE', 'share_at_least', 80, null, 'SNN', 'provincial_pass_rate'],
      ['T6-UPGRADES', 'count_between', 5, 8, 'SNN', 'upgrades_of_previous_year'],
      ['T7-CAPACITY', 'share_at_least', 100, null, 'SNN', 'entities_with_capacity_activity'],
      [
        'T8-STANDARDISE-4STAR',
        'share_at_least',
        100,
        null,
        'SNN',
        'previous_year_4star_standardised',
      ],
    ]);
  });

  it('keeps labels, unit label, scope, definition and period', () => {
    expect(targets[0]).toMatchObject({
      labelVi: 'Sản phẩm được công nhận OCOP từ 3 sao trở lên trong năm',
      labelEn: 'Products newly certified 3★ or more in the year',
      unitLabel: 'products',
      scope: 'province',
      definition: 'distinct products whose first OCOP certificate (3★+) is dated in the plan year',
      period: PERIOD_2021,
    });
  });

  it('reads the Vietnamese definition from definition_vi', () => {
    expect(targets[0]?.definitionVi).toBe(
      'số sản phẩm khác nhau có giấy chứng nhận OCOP (3 sao trở lên) đầu tiên được cấp trong năm kế hoạch',
    );
    expect(targets.every((t) => t.definitionVi)).toBe(true);
  });

  it('treats definition_vi as optional (null when the column is missing or blank)', () => {
    const withoutVi = rows.map(({ definition_vi: _omit, ...rest }) => rest);
    expect(parsePlanTargets(withoutVi, PERIOD_2021).every((t) => t.definitionVi === null)).toBe(
      true,
    );
    expect(
      parsePlanTargets([{ ...rows[0]!, definition_vi: '  ' }], PERIOD_2021)[0]?.definitionVi,
    ).toBeNull();
  });
});

describe('parsePlanTargets validation', () => {
  const t6 = rows[5]!;

  it('names the row and column of a bad kind', () => {
    const error = errorOf(() =>
      parsePlanTargets([rows[0]!, { ...rows[1]!, kind: 'count_most' }], PERIOD_2021),
    );
    expect(error.code).toBe('INVALID_TARGET');
    expect(error.params).toEqual({ row: 2, column: 'kind', value: 'count_most' });
    expect(error.message).toMatch(/^Row 2, column kind:/);
  });

  it.each(['5', '5-', '8-5', '5-8-9', 'five-eight'])(
    'rejects count_between target %j',
    (target) => {
      const error = errorOf(() => parsePlanTargets([{ ...t6, target }], PERIOD_2021));
      expect(error.params).toMatchObject({ row: 1, column: 'target', value: target });
    },
  );

  it('rejects a share above 100 percent and a non-number target', () => {
    expect(
      errorOf(() => parsePlanTargets([{ ...rows[4]!, target: '120' }], PERIOD_2021)).params.column,
    ).toBe('target');
    expect(
      errorOf(() => parsePlanTargets([{ ...rows[0]!, target: 'twenty' }], PERIOD_2021)).params
        .column,
    ).toBe('target');
  });

  it('rejects a missing required value and a duplicate code', () => {
    expect(
      errorOf(() => parsePlanTargets([{ ...rows[0]!, owner: ' ' }], PERIOD_2021)).params,
    ).toEqual({
      row: 1,
      column: 'owner',
      value: '',
    });
    expect(errorOf(() => parsePlanTargets([rows[0]!, rows[0]!], PERIOD_2021)).params).toMatchObject(
      {
        row: 2,
        column: 'code',
      },
    );
  });

  it('rejects a code with no mapped metric, and a metric that does not fit the kind', () => {
    expect(
      errorOf(() => parsePlanTargets([{ ...rows[0]!, code: 'T9-NEW' }], PERIOD_2021)).params,
    ).toMatchObject({
      column: 'code',
      value: 'T9-NEW',
    });
    expect(
      errorOf(() => parsePlanTargets([{ ...rows[0]!, kind: 'share_at_least' }], PERIOD_2021))
        .params,
    ).toMatchObject({
      column: 'kind',
    });
  });

  it('lets a new plan name its metric in a metric column instead of code', () => {
    const [target] = parsePlanTargets(
      [{ ...rows[1]!, code: 'P2022-NATIONAL', metric: 'products_national_evaluation' }],
      { start: '2022-01-01', end: '2022-12-31' },
    );
    expect(target?.metric).toBe('products_national_evaluation');
    expect(
      errorOf(() => parsePlanTargets([{ ...rows[1]!, metric: 'made_up' }], PERIOD_2021)).params,
    ).toMatchObject({
      column: 'metric',
      value: 'made_up',
    });
  });

  it('rejects a period that ends before it starts', () => {
    expect(
      errorOf(() => parsePlanTargets(rows, { start: '2021-12-31', end: '2021-01-01' })).code,
    ).toBe('INVALID_TARGET');
  });
});
