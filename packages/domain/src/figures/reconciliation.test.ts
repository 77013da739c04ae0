import { describe, expect, it } from 'vitest';
import {
  coverageStatement,
  pickPublishedFigure,
  publishedCount,
  publishedMetricsFor,
  roundOfBatch,
  roundOfMetric,
  unrecordedRounds,
} from './reconciliation.js';

const figure = (metric: string, value: string, date: string | null, dateLabel = date ?? '') => ({
  metric,
  value,
  date,
  dateLabel,
});

describe('pickPublishedFigure', () => {
  const metrics = publishedMetricsFor('products', 'ever_certified');
  const figures = [
    figure('ag_products_3_4_star_provincial_total', '37', '2020-12-31'),
    figure('ag_products_3_star_or_more_total', '62', '2021-12-01', '2021-12'),
    figure(
      'ag_products_3_star_or_more_total',
      '92',
      null,
      '2023 (after 2023-04-14; exact date unknown)',
    ),
    figure('ag_entities_total', '45', '2021-12-01', '2021-12'),
  ];

  it('takes the latest figure of a matching metric on or before the date', () => {
    expect(pickPublishedFigure(figures, metrics, '2021-12-31')?.value).toBe('62');
    expect(pickPublishedFigure(figures, metrics, '2021-06-30')?.value).toBe('37');
    expect(pickPublishedFigure(figures, metrics, '2020-06-30')).toBeNull();
  });

  it('dates a year-only label at the end of its year', () => {
    expect(pickPublishedFigure(figures, metrics, '2023-12-30')?.value).toBe('62');
    expect(pickPublishedFigure(figures, metrics, '2023-12-31')?.value).toBe('92');
  });

  it('has no published counterpart for evaluations', () => {
    expect(publishedMetricsFor('evaluations', 'ever_certified')).toEqual([]);
  });
});

describe('rounds', () => {
  it('reads the round of a batch text and of a published council metric', () => {
    expect(
      roundOfBatch(
        'đợt 1/2021 (HĐ tỉnh họp 7/4/2021; TB 03/TB-HĐĐGPHSP 14/4/2021; trao GCN 22/4/2021)',
      ),
    ).toEqual({ round: 1, year: 2021 });
    expect(roundOfBatch('cấp quốc gia 2020 (91,14 điểm)')).toBeNull();
    expect(roundOfMetric('ag_provincial_council_round2_2021_products_passed')).toEqual({
      round: 2,
      year: 2021,
    });
    expect(roundOfMetric('ag_products_3_star_total')).toBeNull();
  });

  it('lists published rounds without a recorded decision, once each, in order', () => {
    const published = [
      { round: 2, year: 2021 },
      { round: 1, year: 2021 },
      { round: 2, year: 2021 },
      { round: 1, year: 2020 },
    ];
    expect(unrecordedRounds(published, [{ round: 1, year: 2021 }])).toEqual([
      { round: 1, year: 2020 },
      { round: 2, year: 2021 },
    ]);
  });
});

describe('coverageStatement', () => {
  it('says how much of the published figure the database holds and which round is missing', () => {
    const s = coverageStatement({
      measure: 'products',
      asOf: '2021-12-31',
      computed: 39,
      published: { count: 62, value: '62', dateLabel: '2021-12' },
      recordedRounds: [
        { round: 1, year: 2020 },
        { round: 1, year: 2021 },
      ],
      unrecordedRounds: [{ round: 2, year: 2021 }],
      yearOnlyRecords: 39,
    });
    expect(s.en).toBe(
      'The database holds 39 of the 62 products the province published for 2021-12 (63%). ' +
        'Provincial rounds recorded: 1/2020, 1/2021. ' +
        'Decisions of round 2/2021 are published but not recorded here. ' +
        '39 of the counted records are dated by year only: they count from 31 December of their year, or from an earlier day the source gives (certificates handed over).',
    );
    expect(s.vi).toBe(
      'Cơ sở dữ liệu có 39 trên 62 sản phẩm tỉnh công bố cho thời điểm 2021-12 (63%). ' +
        'Các đợt cấp tỉnh đã ghi nhận: 1/2020, 1/2021. ' +
        'Quyết định của đợt 2/2021 đã được công bố nhưng chưa được ghi nhận ở đây. ' +
        '39 bản ghi được đếm chỉ có năm: tính từ ngày 31 tháng 12 của năm đó, hoặc từ ngày sớm hơn mà nguồn cho biết (ngày trao giấy chứng nhận).',
    );
  });

  it('says when nothing published matches, and when the counts agree', () => {
    const base = {
      measure: 'entities' as const,
      asOf: '2020-06-30',
      computed: 5,
      recordedRounds: [],
      unrecordedRounds: [],
      yearOnlyRecords: 0,
    };
    expect(coverageStatement({ ...base, published: null }).en).toBe(
      'No published figure counts the same entities on or before 2020-06-30.',
    );
    expect(
      coverageStatement({ ...base, published: { count: 5, value: '5', dateLabel: '2020' } }).vi,
    ).toBe('Cơ sở dữ liệu có đủ 5 chủ thể tỉnh công bố cho thời điểm 2020.');
    expect(
      coverageStatement({
        ...base,
        computed: 39,
        published: { count: 37, value: '37', dateLabel: '2020-12-31' },
      }).en,
    ).toBe(
      'The database holds 39 entities, 2 more than the 37 the province published for 2020-12-31.',
    );
    expect(publishedCount('5-8')).toBeNull();
    expect(publishedCount(' 62 ')).toBe(62);
  });
});
