import { describe, expect, it } from 'vitest';
import { expiryCsvRows, expiryStateFromQuery } from './expiry-list';
import { buildCsv } from '../export/csv';

const row = (over: Partial<Parameters<typeof expiryCsvRows>[0][number]> = {}) => ({
  productName: 'Đường thốt nốt sệt Palmania',
  unitCode: 'tri-ton',
  issuingLevel: 'province',
  stars: 4,
  issuedOn: '2020-12-31',
  validUntil: '2023-12-31',
  daysLeft: 0,
  noticeBy: '2023-12-01',
  noticeDue: true,
  ...over,
});

const labels = {
  headers: {
    product: 'Sản phẩm',
    unit: 'Đơn vị',
    level: 'Cấp cấp giấy',
    stars: 'Hạng sao',
    issuedOn: 'Ngày cấp',
    validUntil: 'Hiệu lực đến',
    daysLeft: 'Còn (ngày)',
    noticeBy: 'Hạn thông báo',
    window: 'Cửa sổ đánh giá lại',
  },
  unitName: (code: string | null) => (code === 'tri-ton' ? 'Tri Tôn' : 'Chưa ghi huyện'),
  levelName: (level: string) => (level === 'province' ? 'Cấp tỉnh' : level),
  windowText: (due: boolean) => (due ? 'Đang mở' : 'Chưa mở'),
};

describe('expiry notice list', () => {
  it('reads asOf and days from the URL, with today and 90 days by default', () => {
    expect(expiryStateFromQuery({ asOf: '2023-12-31', days: '30' }, '2026-11-30')).toEqual({
      asOf: '2023-12-31',
      days: 30,
    });
    expect(expiryStateFromQuery({ asOf: 'x', days: '0' }, '2026-11-30')).toEqual({
      asOf: '2026-11-30',
      days: 90,
    });
  });

  it('exports one row per certificate, soonest first, with names in the reader’s language', () => {
    const rows = expiryCsvRows(
      [
        row({
          productName: 'B',
          validUntil: '2024-01-20',
          daysLeft: 20,
          noticeDue: false,
          noticeBy: '2023-12-21',
        }),
        row(),
        row({ productName: 'A', unitCode: null, issuingLevel: 'national', stars: 5 }),
      ],
      labels,
    );
    expect(rows).toEqual([
      Object.values(labels.headers),
      [
        'A',
        'Chưa ghi huyện',
        'national',
        5,
        '2020-12-31',
        '2023-12-31',
        0,
        '2023-12-01',
        'Đang mở',
      ],
      [
        'Đường thốt nốt sệt Palmania',
        'Tri Tôn',
        'Cấp tỉnh',
        4,
        '2020-12-31',
        '2023-12-31',
        0,
        '2023-12-01',
        'Đang mở',
      ],
      ['B', 'Tri Tôn', 'Cấp tỉnh', 4, '2020-12-31', '2024-01-20', 20, '2023-12-21', 'Chưa mở'],
    ]);
    expect(buildCsv(rows).startsWith('\uFEFFSản phẩm,Đơn vị')).toBe(true);
  });
});
