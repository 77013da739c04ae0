// A target's outcome as the plan-progress worker thread hands it back: its progress, or the error
// computing it raised (plan-progress-thread.ts rethrows it on the caller's side).
import { isDomainError, type TargetProgress } from '@ocop/domain';

export type ProgressOutcome<P = TargetProgress> =
  | { progress: P }
  | {
      error: { domain: boolean; code?: string; message: string; params?: Record<string, unknown> };
    };

/** The outcome of a target whose computation threw `error`. */
export function errorOutcome(error: unknown): ProgressOutcome {
  return {
    error: isDomainError(error)
      ? { domain: true, code: error.code, message: error.message, params: error.params }
      : { domain: false, message: (error as Error).message },
  };
}
