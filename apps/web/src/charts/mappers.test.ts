import { describe, expect, it } from 'vitest';
import type { DistrictFigures } from '../graphql/districts';
import { mapDistrictsChart } from './districts-mapper';
import { mapActivityChart } from './activity-mapper';
import { mapScorePartsChart } from './score-parts-mapper';
import { mapStatsChart } from './stats-mapper';
import { chartToTable } from './chart-table';
import { OKABE_ITO } from './palette';

function district(
  code: string,
  name: string,
  entities: number,
  certified: number,
): DistrictFigures {
  return {
    unit: { id: code, code, name, type: 'DISTRICT', typeVi: 'huyện' },
    participatingEntities: entities,
    productsEvaluated: certified + 1,
    productsCertified: certified,
    productsCertified3Star: certified,
    productsCertified4Star: 0,
    productsCertified5Star: 0,
    passRate: null,
    targetsMet: [],
    yearOnlyRecords: 0,
    unitTargets: [],
  };
}

describe('mapDistrictsChart', () => {
  const data = mapDistrictsChart(
    [district('tri-ton', 'Tri Tôn', 3, 2), district('an-phu', 'An Phú', 1, 0)],
    {
      entities: 'Chủ thể',
      certified: 'Sản phẩm',
      threshold: 'Ngưỡng',
    },
  );

  it('puts one category per unit, in the given order', () => {
    expect(data.labels).toEqual(['Tri Tôn', 'An Phú']);
  });

  it('has bars for entities and certified products and a dashed threshold line at 2', () => {
    expect(data.datasets.map((d) => [d.type, d.label, d.data])).toEqual([
      ['bar', 'Chủ thể', [3, 1]],
      ['bar', 'Sản phẩm', [2, 0]],
      ['line', 'Ngưỡng', [2, 2]],
    ]);
    expect(data.datasets[2]).toMatchObject({ borderDash: [6, 4] });
  });

  it('uses Okabe–Ito colours', () => {
    expect(OKABE_ITO).toContain(data.datasets[0]?.backgroundColor);
    expect(OKABE_ITO).toContain(data.datasets[1]?.backgroundColor);
  });
});

describe('mapActivityChart', () => {
  it('sorts months, fills missing months with 0 and stacks one dataset per kind', () => {
    const data = mapActivityChart(
      [
        { kind: 'media_piece', month: '2021-05', count: 2, sample: true },
        { kind: 'inspection', month: '2021-04', count: 1, sample: false },
        { kind: 'media_piece', month: '2021-04', count: 1, sample: true },
        { kind: 'media_piece', month: '2021-04', count: 3, sample: true },
      ],
      (m) => `T${m.slice(5)}`,
      (k) => k.toUpperCase(),
    );
    expect(data.labels).toEqual(['T04', 'T05']);
    expect(data.datasets.map((d) => [d.label, d.data, d.stack])).toEqual([
      ['INSPECTION', [1, 0], 'activities'],
      ['MEDIA_PIECE', [4, 2], 'activities'],
    ]);
  });

  it('keeps months without activity on the axis as zeros', () => {
    const data = mapActivityChart([
      { kind: 'media_piece', month: '2021-11', count: 1, sample: true },
      { kind: 'media_piece', month: '2022-02', count: 2, sample: true },
    ]);
    expect(data.labels).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(data.datasets[0]?.data).toEqual([1, 0, 0, 2]);
  });

  it('returns an empty chart for no activity', () => {
    expect(mapActivityChart([])).toEqual({ labels: [], datasets: [] });
  });
});

describe('mapScorePartsChart', () => {
  it('pairs each part score with the rule set maximum', () => {
    const data = mapScorePartsChart(
      [
        { part: 'A', score: 30.5, max: 40 },
        { part: 'B', score: 20, max: 25 },
        { part: 'C', score: 26, max: 35 },
      ],
      { score: 'Điểm', max: 'Tối đa', part: (p) => `Phần ${p}` },
    );
    expect(data.labels).toEqual(['Phần A', 'Phần B', 'Phần C']);
    expect(data.datasets[0]?.data).toEqual([30.5, 20, 26]);
    expect(data.datasets[1]?.data).toEqual([40, 25, 35]);
  });
});

describe('mapStatsChart', () => {
  it('draws one bar per row with the measure as dataset label', () => {
    const data = mapStatsChart(
      [
        { key: '3', label: '3', count: 25 },
        { key: '4', label: '4', count: 12 },
      ],
      'Sản phẩm',
      (r) => `${r.label}★`,
    );
    expect(data.labels).toEqual(['3★', '4★']);
    expect(data.datasets).toHaveLength(1);
    expect(data.datasets[0]?.data).toEqual([25, 12]);
  });
});

describe('chartToTable', () => {
  it('turns chart data into rows per category and a column per dataset', () => {
    const table = chartToTable(
      {
        labels: ['Tri Tôn'],
        datasets: [
          { label: 'a', data: [3] },
          { label: 'b', data: [] },
        ],
      },
      'Đơn vị',
    );
    expect(table).toEqual({
      columns: ['Đơn vị', 'a', 'b'],
      rows: [{ label: 'Tri Tôn', values: [3, null] }],
    });
  });
});
