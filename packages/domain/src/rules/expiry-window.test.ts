import { describe, expect, it } from 'vitest';
import { reevaluationWindow } from './expiry-window.js';

describe('reevaluationWindow (148/QĐ-TTg: notice at least 30 days before expiry)', () => {
  it('opens the notice 30 days before the last valid day', () => {
    expect(reevaluationWindow('2023-12-30', '2023-10-01')).toEqual({
      noticeBy: '2023-11-30',
      closesOn: '2023-12-30',
      daysLeft: 90,
      noticeDue: false,
    });
    expect(reevaluationWindow('2023-12-30', '2023-11-30')).toMatchObject({
      noticeDue: true,
      daysLeft: 30,
    });
  });
});
