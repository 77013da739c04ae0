import { describe, expect, it } from 'vitest';
import { unitInForceOn, type UnitLineageRecord } from './unit-lineage.js';

const UNITS = new Map<string, UnitLineageRecord>(
  [
    { code: 'tinh-bien', validTo: '2023-02-12', successorCode: 'tinh-bien-town' },
    { code: 'tinh-bien-town', validTo: '2025-06-30', successorCode: null },
    { code: 'chau-doc', validTo: '2025-06-30', successorCode: null },
    { code: 'a', validTo: '2020-01-01', successorCode: 'b' },
    { code: 'b', validTo: '2020-01-01', successorCode: 'a' },
  ].map((u) => [u.code, u as UnitLineageRecord]),
);

describe('unitInForceOn', () => {
  it('follows huyện Tịnh Biên to thị xã Tịnh Biên from 13/02/2023, not before', () => {
    expect(unitInForceOn(UNITS, 'tinh-bien', '2023-02-12')).toBe('tinh-bien');
    expect(unitInForceOn(UNITS, 'tinh-bien', '2023-02-13')).toBe('tinh-bien-town');
    expect(unitInForceOn(UNITS, 'tinh-bien', '2026-01-01')).toBe('tinh-bien-town');
  });

  it('needs only the units that have a successor', () => {
    const predecessors = new Map([...UNITS].filter(([, u]) => u.successorCode));
    expect(unitInForceOn(predecessors, 'tinh-bien', '2024-06-30')).toBe('tinh-bien-town');
    expect(unitInForceOn(predecessors, 'tinh-bien-town', '2024-06-30')).toBe('tinh-bien-town');
  });

  it('keeps units without a successor, unknown codes and cycles as they are', () => {
    expect(unitInForceOn(UNITS, 'chau-doc', '2026-01-01')).toBe('chau-doc');
    expect(unitInForceOn(UNITS, 'nowhere', '2026-01-01')).toBe('nowhere');
    expect(['a', 'b']).toContain(unitInForceOn(UNITS, 'a', '2021-01-01'));
  });
});
