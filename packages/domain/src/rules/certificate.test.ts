import { describe, expect, it } from 'vitest';
import { factDateFromDay, factDateFromYear } from '../dates.js';
import { DomainError } from '../errors.js';
import {
  certificateEarliestValidUntil,
  certificateInForce,
  certificateStatus,
  certificateValidUntil,
  IN_FORCE_BOUNDS,
  starHistory,
  supersessionDays,
  type StarDecision,
} from './certificate.js';

describe('certificateValidUntil', () => {
  it('is valid through the 36-month anniversary of the decision (Civil Code 2015 art. 147–148)', () => {
    expect(certificateValidUntil('2021-04-22')).toBe('2024-04-22');
    expect(certificateValidUntil(factDateFromDay('2022-10-10'), 'QD1048')).toBe('2025-10-10');
  });

  it('ends 2020-02-29 certificates on 2023-02-28 (no 29 February in 2023)', () => {
    expect(certificateValidUntil('2020-02-29')).toBe('2023-02-28');
  });

  it('keeps month ends in the anniversary month', () => {
    expect(certificateValidUntil('2020-12-31')).toBe('2023-12-31');
    expect(certificateValidUntil('2021-08-31', 'QD148')).toBe('2024-08-31');
  });

  it('uses the end of the year for a year-only decision', () => {
    expect(certificateValidUntil(factDateFromYear(2020))).toBe('2023-12-31');
  });
});

describe('certificateStatus', () => {
  const cert = { issuedOn: '2021-04-22', validUntil: certificateValidUntil('2021-04-22') };

  it('is valid the day before and the day of expiry, expired the day after (no notice window)', () => {
    expect(certificateStatus(cert, '2024-04-21', { noticeDays: null })).toBe('valid');
    expect(certificateStatus(cert, '2024-04-22', { noticeDays: null })).toBe('valid');
    expect(certificateStatus(cert, '2024-04-23', { noticeDays: null })).toBe('expired');
  });

  it('is expiring inside the 30-day notice window of 148 by default', () => {
    expect(certificateStatus(cert, '2024-03-22')).toBe('valid'); // 31 days left
    expect(certificateStatus(cert, '2024-03-23')).toBe('expiring'); // 30 days left
    expect(certificateStatus(cert, '2024-04-21')).toBe('expiring');
    expect(certificateStatus(cert, '2024-04-22')).toBe('expiring');
    expect(certificateStatus(cert, '2024-04-23')).toBe('expired');
  });

  it('handles a 2020-02-29 certificate around 2023-02-28', () => {
    const leap = { issuedOn: '2020-02-29', validUntil: certificateValidUntil('2020-02-29') };
    expect(certificateStatus(leap, '2023-02-27', { noticeDays: null })).toBe('valid');
    expect(certificateStatus(leap, '2023-02-28', { noticeDays: null })).toBe('valid');
    expect(certificateStatus(leap, '2023-03-01', { noticeDays: null })).toBe('expired');
  });

  it('reports revoked and superseded from their dates on', () => {
    expect(certificateStatus({ ...cert, revokedOn: '2023-05-01' }, '2023-04-30')).toBe('valid');
    expect(certificateStatus({ ...cert, revokedOn: '2023-05-01' }, '2023-05-01')).toBe('revoked');
    expect(certificateStatus({ ...cert, supersededOn: '2022-10-10' }, '2022-10-10')).toBe(
      'superseded',
    );
    expect(certificateStatus({ ...cert, supersededOn: '2022-10-10' }, '2022-10-09')).toBe('valid');
  });

  it('refuses a date before the certificate was issued', () => {
    try {
      certificateStatus(cert, '2021-04-21');
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('AS_OF_BEFORE_ISSUE');
    }
  });
});

describe('starHistory', () => {
  const d = (
    id: string,
    date: string,
    stars: number | null,
    action: 'recognise' | 'revoke' = 'recognise',
  ): StarDecision => ({
    id,
    date: factDateFromDay(date),
    stars,
    action,
  });

  it('orders decisions by date and labels new, upgrade, same, downgrade', () => {
    const history = starHistory([
      d('q4', '2024-06-04', 4),
      d('q1', '2020-03-11', 3),
      d('q2', '2021-12-10', 4),
      d('q3', '2023-01-27', 4),
      d('q5', '2025-01-10', 3),
    ]);
    expect(history.map((h) => [h.decisionId, h.change, h.previousStars])).toEqual([
      ['q1', 'new', null],
      ['q2', 'upgrade', 3],
      ['q3', 'same', 4],
      ['q4', 'same', 4],
      ['q5', 'downgrade', 4],
    ]);
  });

  // Issue 9: a 2024 re-recognition of a product whose 2020 certificate ran out is not "same".
  it('labels a recognition after the previous certificate expired renewed_after_expiry', () => {
    const history = starHistory([
      { id: 'y2020', date: factDateFromYear(2020), stars: 4, action: 'recognise' },
      d('r2024', '2024-06-04', 4),
      d('r2025', '2025-03-01', 4),
    ]);
    expect(history.map((h) => [h.decisionId, h.change, h.previousStars])).toEqual([
      ['y2020', 'new', null],
      // The 2020 certificate was valid at most until 2023-12-31.
      ['r2024', 'renewed_after_expiry', 4],
      ['r2025', 'same', 4],
    ]);
  });

  it('marks a revocation and treats the next recognition as new', () => {
    const history = starHistory([
      d('a', '2020-03-11', 3),
      d('b', '2023-04-01', null, 'revoke'),
      d('c', '2024-01-01', 3),
    ]);
    expect(history.map((h) => h.change)).toEqual(['new', 'revoked', 'new']);
  });

  it('says unknown when either side has no known stars', () => {
    const history = starHistory([
      d('a', '2020-03-11', null),
      d('b', '2021-04-22', 4),
      d('c', '2022-01-01', null),
    ]);
    expect(history.map((h) => h.change)).toEqual(['new', 'unknown', 'unknown']);
  });

  it('keeps the input order for decisions on the same date', () => {
    const history = starHistory([d('x', '2021-04-22', 3), d('y', '2021-04-22', 4)]);
    expect(history.map((h) => [h.decisionId, h.change])).toEqual([
      ['x', 'new'],
      ['y', 'upgrade'],
    ]);
  });
});

describe('certificateInForce and IN_FORCE_BOUNDS', () => {
  const cert = {
    issuedOn: '2021-04-22',
    validUntil: certificateValidUntil('2021-04-22'),
    revokedOn: null,
    supersededOn: '2023-06-01',
  };

  it('holds from the issue day through the day before supersession', () => {
    expect(certificateInForce(cert, '2021-04-21')).toBe(false);
    expect(certificateInForce(cert, '2021-04-22')).toBe(true);
    expect(certificateInForce(cert, '2023-05-31')).toBe(true);
    expect(certificateInForce(cert, '2023-06-01')).toBe(false);
  });

  it('holds through validUntil inclusive and ends on the revocation day', () => {
    const open = { ...cert, supersededOn: null };
    expect(certificateInForce(open, '2024-04-22')).toBe(true);
    expect(certificateInForce(open, '2024-04-23')).toBe(false);
    expect(certificateInForce({ ...open, revokedOn: '2022-01-10' }, '2022-01-09')).toBe(true);
    expect(certificateInForce({ ...open, revokedOn: '2022-01-10' }, '2022-01-10')).toBe(false);
  });

  it('agrees with certificateStatus on every day of a history (valid or expiring = in force)', () => {
    const days = [
      '2021-04-22',
      '2022-02-01',
      '2023-05-31',
      '2023-06-01',
      '2024-04-22',
      '2024-05-01',
    ];
    for (const c of [cert, { ...cert, supersededOn: null }, { ...cert, revokedOn: '2022-02-01' }])
      for (const day of days)
        expect(certificateInForce(c, day)).toBe(
          ['valid', 'expiring'].includes(certificateStatus(c, day)),
        );
  });

  it('lists the bounds in the order the status checks them', () => {
    expect(IN_FORCE_BOUNDS.map((b) => `${b.day} ${b.relation} D`)).toEqual([
      'issuedOn <= D',
      'revokedOn > D',
      'supersededOn > D',
      'validUntil >= D',
    ]);
  });
});

describe('supersessionDays', () => {
  it('supersedes each certificate on the next issue day; the last stays open', () => {
    expect(
      supersessionDays([
        { issuedOn: '2020-12-31' },
        { issuedOn: '2022-10-10' },
        { issuedOn: '2023-01-27' },
      ]),
    ).toEqual(['2022-10-10', '2023-01-27', null]);
  });

  it('lets the later record of one day supersede the earlier one (<=, not <)', () => {
    expect(supersessionDays([{ issuedOn: '2022-10-10' }, { issuedOn: '2022-10-10' }])).toEqual([
      '2022-10-10',
      null,
    ]);
  });

  it('puts a backdated certificate in its place', () => {
    expect(supersessionDays([{ issuedOn: '2022-10-10' }, { issuedOn: '2021-05-05' }])).toEqual([
      null,
      '2022-10-10',
    ]);
  });

  it('leaves a certificate revoked before the next issue day to its revocation', () => {
    expect(
      supersessionDays([
        { issuedOn: '2020-12-31', revokedOn: '2021-06-01' },
        { issuedOn: '2022-10-10' },
      ]),
    ).toEqual([null, null]);
    expect(
      supersessionDays([
        { issuedOn: '2020-12-31', revokedOn: '2023-06-01' },
        { issuedOn: '2022-10-10' },
      ]),
    ).toEqual(['2022-10-10', null]);
  });
});

describe('certificates issued on a date known only by year', () => {
  // Round 1/2021 (data/seed): year-only, certificates handed over by 22/4/2021.
  const bounded = { date: '2021-04-22', precision: 'year' as const };
  const certificate = { issuedOn: bounded, validUntil: certificateValidUntil(bounded) };

  it('ends at the latest 36 months after the bound and at the earliest 36 months after 1 January', () => {
    expect(certificate.validUntil).toBe('2024-04-22');
    expect(certificateEarliestValidUntil(bounded)).toBe('2024-01-01');
    expect(certificateEarliestValidUntil(factDateFromYear(2021))).toBe('2024-01-01');
    expect(certificateEarliestValidUntil(factDateFromDay('2021-04-22'))).toBe('2024-04-22');
    expect(certificateEarliestValidUntil({ date: '2021-04-30', precision: 'month' })).toBe(
      '2024-04-01',
    );
  });

  it('is possibly expired between the earliest and the latest end, expired after', () => {
    expect(certificateStatus(certificate, '2024-01-01')).toBe('valid');
    expect(certificateStatus(certificate, '2024-01-02')).toBe('possibly_expired');
    expect(certificateStatus(certificate, '2024-04-22')).toBe('possibly_expired');
    expect(certificateInForce(certificate, '2024-04-22')).toBe(true);
    expect(certificateStatus(certificate, '2024-04-23')).toBe('expired');
  });
});
