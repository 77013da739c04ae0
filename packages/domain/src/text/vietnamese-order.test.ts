import { describe, expect, it } from 'vitest';
import {
  compareVietnamese,
  vietnameseSortKey,
  vietnameseSortKeyLength,
} from './vietnamese-order.js';

const sorted = (names: string[]) => [...names].sort(compareVietnamese);

describe('Vietnamese alphabetical order', () => {
  it('treats đ, ă, â, ê, ô, ơ, ư as letters of their own, after their base letter', () => {
    expect(
      sorted(['Đồng Tháp', 'Dừa sáp', 'Ô Môi', 'Ơn', 'Ong mật', 'Ưu', 'Uyên', 'Ăn', 'Ân', 'An']),
    ).toEqual(['An', 'Ăn', 'Ân', 'Dừa sáp', 'Đồng Tháp', 'Ong mật', 'Ô Môi', 'Ơn', 'Uyên', 'Ưu']);
  });

  it('compares letters first and tones only between equal letters, in dictionary order', () => {
    // không dấu < huyền < hỏi < ngã < sắc < nặng
    expect(sorted(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual([
      'ma',
      'mà',
      'mả',
      'mã',
      'má',
      'mạ',
    ]);
    // A later letter beats an earlier tone: "mát" (a, t) after "mạ" (a) only by its length.
    expect(sorted(['mát', 'mạ', 'mai'])).toEqual(['mạ', 'mai', 'mát']);
    expect(sorted(['Bánh xèo', 'Banh', 'Bành'])).toEqual(['Banh', 'Bành', 'Bánh xèo']);
  });

  it('puts a shorter word first and breaks words at spaces', () => {
    expect(sorted(['Bánhpía', 'Bánh pía', 'Bánh'])).toEqual(['Bánh', 'Bánh pía', 'Bánhpía']);
    expect(vietnameseSortKey('Khô  cá')).toBe(vietnameseSortKey('Khô cá'));
  });

  it('orders digits before letters, ignores punctuation and puts lower case first on a tie', () => {
    expect(sorted(['Gạo ST25', 'Gạo ST 24', 'Gạo "Sen"', 'gạo sen', 'Gạo 9 tấc'])).toEqual([
      'Gạo 9 tấc',
      'gạo sen',
      'Gạo "Sen"',
      'Gạo ST 24',
      'Gạo ST25',
    ]);
  });

  it('is the same for composed and decomposed input', () => {
    expect(vietnameseSortKey('Nước mắm'.normalize('NFD'))).toBe(vietnameseSortKey('Nước mắm'));
  });

  it('writes keys of digits and lower-case ASCII letters only, within the declared length', () => {
    for (const name of ['Đường thốt nốt Bảy Núi', 'Mắm cá lóc Châu Đốc 500g', '  Ơ  ']) {
      const key = vietnameseSortKey(name);
      expect(key).toMatch(/^[0-9a-z]+$/);
      expect(key.length).toBeLessThanOrEqual(vietnameseSortKeyLength(name.length));
    }
  });

  it('sorts the real names of An Giang districts as a Vietnamese reader would', () => {
    expect(
      sorted([
        'Tri Tôn',
        'An Phú',
        'Châu Đốc',
        'Tịnh Biên',
        'Châu Phú',
        'Chợ Mới',
        'Châu Thành',
        'Long Xuyên',
        'Phú Tân',
        'Tân Châu',
        'Thoại Sơn',
      ]),
    ).toEqual([
      'An Phú',
      'Châu Đốc',
      'Châu Phú',
      'Châu Thành',
      'Chợ Mới',
      'Long Xuyên',
      'Phú Tân',
      'Tân Châu',
      'Thoại Sơn',
      'Tịnh Biên',
      'Tri Tôn',
    ]);
  });
});
