import { describe, expect, it } from 'vitest';
import { bytesToBase64, importFormatOf, readFileAsBase64 } from './import-file';

describe('import file', () => {
  it('takes the format from the extension, any case, and refuses others', () => {
    expect(importFormatOf('ds-2024.CSV')).toBe('CSV');
    expect(importFormatOf('quyet-dinh.xlsx')).toBe('XLSX');
    expect(importFormatOf('quyet-dinh.xls')).toBeNull();
    expect(importFormatOf('README')).toBeNull();
  });

  it('encodes the bytes unchanged, Vietnamese UTF-8 and BOM included', async () => {
    const text = '\uFEFFtên sản phẩm,sao\r\nMắm cá,4\r\n';
    const bytes = new TextEncoder().encode(text);
    const encoded = await readFileAsBase64(new Blob([bytes]));
    expect(encoded).toBe(bytesToBase64(bytes));
    const decoded = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(decoded)).toBe(text);
  });

  it('handles files larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(atob(bytesToBase64(bytes)).length).toBe(100_000);
  });
});

describe('createdCounts', () => {
  it('lists the non-zero counts of ImportResult.created in the API’s order', async () => {
    const { createdCounts } = await import('./import-created');
    expect(
      createdCounts({ __typename: 'ImportCounts', entities: 2, products: 0, decisions: 1 }),
    ).toEqual([
      { key: 'entities', count: 2 },
      { key: 'decisions', count: 1 },
    ]);
    expect(createdCounts({ entities: 0 })).toEqual([]);
  });
});
