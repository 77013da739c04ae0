/**
 * The overview's one-line summary ("3 of 8 targets met, 2 at risk, 1 without data"): the targets
 * counted by the status the API computed (the domain's status rule), never re-judged here.
 */
import type { TargetStatus } from '../graphql/types';

/** The summary's parts, in the order the sentence says them. */
export const SUMMARY_PARTS = [
  'onTrack',
  'atRisk',
  'offTrack',
  'missed',
  'notStarted',
  'demo',
  'noData',
] as const;
export type SummaryPart = (typeof SUMMARY_PARTS)[number];

export interface TargetSummary {
  total: number;
  met: number;
  parts: Record<SummaryPart, number>;
}

const PART_OF: Record<TargetStatus, SummaryPart | 'met'> = {
  ACHIEVED: 'met',
  MET: 'met',
  ON_TRACK: 'onTrack',
  AT_RISK: 'atRisk',
  OFF_TRACK: 'offTrack',
  MISSED: 'missed',
  NOT_STARTED: 'notStarted',
  DEMO_DATA: 'demo',
  NO_DATA_SOURCE: 'noData',
};

export function summariseTargets(
  targets: readonly { progress: { status: TargetStatus; noData: boolean } }[],
): TargetSummary {
  const parts = Object.fromEntries(SUMMARY_PARTS.map((p) => [p, 0])) as Record<SummaryPart, number>;
  let met = 0;
  for (const { progress } of targets) {
    // A target with nothing measurable yet is "without data", whatever its pace status says.
    const part =
      progress.noData && progress.status === 'NOT_STARTED' ? 'noData' : PART_OF[progress.status];
    if (part === 'met') met += 1;
    else parts[part] += 1;
  }
  return { total: targets.length, met, parts };
}

/** The non-zero parts, in sentence order. */
export function summaryParts(summary: TargetSummary): { part: SummaryPart; n: number }[] {
  return SUMMARY_PARTS.filter((p) => summary.parts[p] > 0).map((p) => ({
    part: p,
    n: summary.parts[p],
  }));
}
