// The plan-progress worker thread (plan-progress-thread.ts starts it): turns a plan's selected
// facts into the domain's PlanFacts and computes every target's progress with @ocop/domain, off
// the main thread, so the HTTP server keeps answering (/healthz, cached figures) while a plan of
// 100,000 products is computed. Pure computation: no database, no ORM.
import { parentPort } from 'node:worker_threads';
import {
  computeTargetProgress,
  isDomainError,
  type PlanTarget,
  type TargetProgress,
  type UnitFact,
} from '@ocop/domain';
import { factsOfFields, type FactFields } from './plan-facts.columns.js';

export interface ProgressJob {
  id: number;
  fields: FactFields;
  units: UnitFact[];
  targets: PlanTarget[];
  asOf: string;
}

/** One target's outcome: its progress, or the error computing it raised (rethrown by the caller). */
export type ProgressOutcome =
  | { progress: TargetProgress }
  | {
      error: { domain: boolean; code?: string; message: string; params?: Record<string, unknown> };
    };

export interface ProgressReply {
  id: number;
  outcomes?: ProgressOutcome[];
  /** The facts could not be read at all. */
  failure?: string;
}

export function computeProgressJob(job: ProgressJob): ProgressOutcome[] {
  const facts = factsOfFields(job.fields, job.units);
  return job.targets.map((target) => {
    try {
      return { progress: computeTargetProgress(target, facts, job.asOf) };
    } catch (error) {
      return {
        error: isDomainError(error)
          ? { domain: true, code: error.code, message: error.message, params: error.params }
          : { domain: false, message: (error as Error).message },
      };
    }
  });
}

parentPort?.on('message', (job: ProgressJob) => {
  let reply: ProgressReply;
  try {
    reply = { id: job.id, outcomes: computeProgressJob(job) };
  } catch (error) {
    reply = { id: job.id, failure: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
