import { describe, expect, it } from 'vitest';
import { summariseTargets, summaryParts } from './target-summary';
import type { TargetStatus } from '../graphql/types';

const of = (status: TargetStatus, noData = false) => ({ progress: { status, noData } });

describe('summariseTargets', () => {
  it('counts met (achieved or met at the end), at risk and without data as the issue’s example', () => {
    const summary = summariseTargets([
      of('ACHIEVED'),
      of('MET'),
      of('ACHIEVED'),
      of('AT_RISK'),
      of('AT_RISK'),
      of('NO_DATA_SOURCE'),
      of('ON_TRACK'),
      of('OFF_TRACK'),
    ]);
    expect(summary.total).toBe(8);
    expect(summary.met).toBe(3);
    expect(summaryParts(summary)).toEqual([
      { part: 'onTrack', n: 1 },
      { part: 'atRisk', n: 2 },
      { part: 'offTrack', n: 1 },
      { part: 'noData', n: 1 },
    ]);
  });

  it('puts a target with nothing measurable yet under "without data", and sample data apart', () => {
    const summary = summariseTargets([of('NOT_STARTED', true), of('NOT_STARTED'), of('DEMO_DATA')]);
    expect(summary.met).toBe(0);
    expect(summaryParts(summary)).toEqual([
      { part: 'notStarted', n: 1 },
      { part: 'demo', n: 1 },
      { part: 'noData', n: 1 },
    ]);
  });

  it('is empty for a plan without targets', () => {
    expect(summaryParts(summariseTargets([]))).toEqual([]);
  });
});
