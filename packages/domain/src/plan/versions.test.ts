import { describe, expect, it } from 'vitest';
import { planVersionOn, targetValueOn, type PlanAmendmentFact } from './versions.js';

const amendments: PlanAmendmentFact[] = [
  {
    number: 3,
    effectiveFrom: '2026-09-01',
    changes: [{ code: 'T1', targetValue: 45, targetMax: null }],
  },
  {
    number: 2,
    effectiveFrom: '2026-06-15',
    changes: [{ code: 'T1', targetValue: 40, targetMax: null }],
  },
];
const issued = { targetValue: 30, targetMax: null };

describe('plan versions', () => {
  it('uses the value as issued before any amendment takes effect', () => {
    expect(targetValueOn('T1', issued, amendments, '2026-06-14')).toEqual({
      targetValue: 30,
      targetMax: null,
      version: 1,
    });
    expect(planVersionOn(amendments, '2026-06-14')).toBe(1);
  });

  it('uses the latest amendment in force on the as-of day', () => {
    expect(targetValueOn('T1', issued, amendments, '2026-06-15')).toMatchObject({
      targetValue: 40,
      version: 2,
    });
    expect(targetValueOn('T1', issued, amendments, '2026-12-31')).toMatchObject({
      targetValue: 45,
      version: 3,
    });
    expect(planVersionOn(amendments, '2026-12-31')).toBe(3);
  });

  it('leaves targets an amendment does not name unchanged', () => {
    expect(targetValueOn('T2', { targetValue: 2, targetMax: 4 }, amendments, '2026-12-31')).toEqual(
      { targetValue: 2, targetMax: 4, version: 1 },
    );
  });
});
