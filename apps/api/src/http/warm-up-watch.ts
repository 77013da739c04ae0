// The dashboard's figures kept warm after start-up (WARM_UP_POLL_SECONDS). The warm-up of
// warm-up.ts runs once, at start; afterwards every write raises the data version and every answer
// stored for the previous one is useless: the next visitor of the overview page pays the recount of
// the segments the write changed (the overview, its trends and the districts: tens of ms at 100,000
// products; more when a cold trend's partials are still being kept), and after midnight every
// stored GET answer (its key holds today's date, the as-of default of a running plan). Here the
// data version and today's date are read every poll (one primary-key SELECT, shared with the
// requests of that moment: cache/version-reader.ts); when they differ from what the last warm-up
// counted and have held still for one whole poll (a series of writes is over), the warm-up runs
// again, in the background, and logs `dashboard figures computed after a change`. A visitor who
// comes while it runs joins its requests (persisted-get.ts runs each answer once for all who ask);
// one who comes after gets stored bytes. A failure is one warning and is not retried until the next
// change.
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { todayInVietnam } from '@ocop/domain';
import type { TrustedDocuments } from '../graphql/trusted-documents.js';
import type { DataVersionStamp } from '../modules/data-version/data-version.service.js';
import { drainStateOf } from './drain.js';
import { warmUpLogged, type WarmUpReport } from './warm-up.js';

export interface WarmUpWatchOptions {
  /** The plan year the dashboard opens on. */
  year: number;
  /** The current data version (the server's shared reader). */
  readVersion: () => Promise<DataVersionStamp | null>;
  /** Today in Vietnam (tests pass their own day). */
  today?: () => string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

export interface WarmUpWatch {
  /**
   * One poll: reads the state and warms up when it changed and held still since the previous
   * poll. Resolves with the warm-up's report, or null when none ran.
   */
  poll(): Promise<WarmUpReport | null>;
  /** Stops polling and waits for a warm-up in progress. */
  stop(): Promise<void>;
}

/** What the dashboard's answers depend on (`key`: the data version and the day), and the day. */
export interface DashboardState {
  key: string;
  today: string;
}

/**
 * What the dashboard's answers depend on: the data version and the day. Read before a warm-up
 * (watchForChanges' `counted`), so a write committed while it runs is seen as a change.
 */
export async function dashboardState(options: WarmUpWatchOptions): Promise<DashboardState> {
  const stamp = await options.readVersion();
  const today = (options.today ?? todayInVietnam)();
  return { key: `${stamp ? `${stamp.epoch}:${stamp.version}` : 'none'}|${today}`, today };
}

/**
 * Watches from `counted` (the key of the state the start-up warm-up counted, read before it
 * began: a write during it is seen as a change). Polls every `intervalMs` when given (the timer
 * does not keep the process alive); tests call `poll` themselves.
 */
export function watchForChanges(
  app: FastifyInstance,
  orm: MikroORM,
  documents: TrustedDocuments,
  options: WarmUpWatchOptions,
  counted: string,
  intervalMs?: number,
): WarmUpWatch {
  let warmed = counted;
  let seen = counted;
  let running: Promise<WarmUpReport | null> | null = null;
  let stopped = false;

  async function warm(state: DashboardState): Promise<WarmUpReport | null> {
    const { year } = options;
    // The overview's request counts the partials it needs (only the segments changed).
    const settings = { year, today: state.today, partials: false };
    const report = await warmUpLogged(app, orm, documents, settings, options.log, 'after a change');
    // Also after a failure: tried again at the next change, not at every poll.
    warmed = state.key;
    return report;
  }

  /** A poll's read in progress: a slow database does not pile reads up, one per tick. */
  let reading = false;

  async function poll(): Promise<WarmUpReport | null> {
    if (reading || running || stopped || drainStateOf(app)?.draining) return null;
    let state: DashboardState;
    reading = true;
    try {
      state = await dashboardState(options);
    } catch {
      return null; // The database did not answer: the requests say so; the next poll tries again.
    } finally {
      reading = false;
    }
    const previous = seen;
    seen = state.key;
    // Nothing new, or still changing (the next poll waits for the writes to end).
    if (state.key === warmed || state.key !== previous || stopped) return null;
    running = warm(state).finally(() => (running = null));
    return running;
  }

  const timer = intervalMs ? setInterval(() => void poll(), intervalMs) : null;
  timer?.unref();
  return {
    poll,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
