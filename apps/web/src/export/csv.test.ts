import { describe, expect, it } from 'vitest';
import { buildCsv, csvBlob, formatCsvCell } from './csv';

describe('buildCsv', () => {
  it('starts with the UTF-8 byte-order mark EF BB BF', () => {
    const bytes = new TextEncoder().encode(buildCsv([['a']]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('ends every record with CRLF', () => {
    expect(
      buildCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('\uFEFFa,b\r\nc,d\r\n');
  });

  it('keeps Vietnamese text intact in UTF-8', () => {
    const csv = buildCsv([
      ['Đơn vị', 'Sản phẩm'],
      ['Tịnh Biên', 'Đường thốt nốt'],
    ]);
    expect(csv).toContain('Tịnh Biên,Đường thốt nốt');
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      new TextEncoder().encode(csv),
    );
    expect(decoded).toBe(csv);
  });

  it('quotes cells with commas, quotes and line breaks and doubles the quotes', () => {
    expect(formatCsvCell('Công ty TNHH, MTV')).toBe('"Công ty TNHH, MTV"');
    expect(formatCsvCell('Gạo "Tiên Nữ"')).toBe('"Gạo ""Tiên Nữ"""');
    expect(formatCsvCell('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    expect(formatCsvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(formatCsvCell('+84 123')).toBe("'+84 123");
    expect(formatCsvCell('-1+2')).toBe("'-1+2");
    expect(formatCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(formatCsvCell('\tcmd')).toBe("'\tcmd");
    expect(formatCsvCell('\rcmd')).toBe(`"'\rcmd"`);
  });

  it('writes numbers as numbers (negative numbers are data, not formulas) and blanks for missing values', () => {
    expect(formatCsvCell(91.14)).toBe('91.14');
    expect(formatCsvCell(-3)).toBe('-3');
    expect(formatCsvCell(null)).toBe('');
    expect(formatCsvCell(undefined)).toBe('');
    expect(formatCsvCell(Number.NaN)).toBe('');
  });

  it('makes a UTF-8 text/csv blob', () => {
    expect(csvBlob(buildCsv([['x']])).type).toBe('text/csv;charset=utf-8');
  });
});
