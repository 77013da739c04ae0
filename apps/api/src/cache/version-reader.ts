// The data version for GET-by-id answers (http/persisted-get.ts), read with one SQL statement
// shared by the requests that arrive together. Freshness is exact, not time-based: a request only
// joins a read that has not started yet, so it sees every write committed before it came in.
// A read starts on the next turn of the event loop (setImmediate), after Node has parsed every
// request that came in on the same poll, with at most PARALLEL_READS in flight. Under load the
// database answers one primary-key SELECT per turn's batch of requests instead of one per request.
import type { MikroORM } from '@mikro-orm/core';
import { preparedRunner } from '../db/prepared-statement.js';
import {
  DATA_VERSION_SQL,
  readDataVersion,
  type DataVersionStamp,
} from '../modules/data-version/data-version.service.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads in flight at once. One at a time made every request wait for the read in progress and
 * then a whole new one (two round trips): with 8 clients, GET by id was bound by that latency, the
 * process half idle. A few overlapping reads keep each request at about one round trip while
 * requests arriving on the same turn still share one statement.
 */
export const PARALLEL_READS = 4;

export class DataVersionReader {
  /** The read that newcomers join (not started yet). */
  private waiting: Promise<DataVersionStamp | null> | null = null;
  /** Reads in progress. */
  private running = 0;
  /** Started when a read in progress ends (all PARALLEL_READS slots were taken). */
  private readonly queued: (() => void)[] = [];
  /** Statements issued (tests compare it with the requests served). */
  reads = 0;

  constructor(
    private readonly load: () => Promise<DataVersionStamp | null>,
    private readonly parallel = PARALLEL_READS,
  ) {}

  static of(db: MikroORM): DataVersionReader {
    return new DataVersionReader(preparedLoader(db) ?? (() => readDataVersion(db.em.fork())));
  }

  current(): Promise<DataVersionStamp | null> {
    this.waiting ??= this.slot().then(() => {
      // From here on, newcomers wait for the next read: this one may miss their writes.
      this.waiting = null;
      this.reads += 1;
      return this.load().finally(() => {
        // The slot goes to the next queued read, if any, else it is freed.
        const next = this.queued.shift();
        if (next) next();
        else this.running -= 1;
      });
    });
    return this.waiting;
  }

  /**
   * Resolves when a read may start: on the next turn of the event loop (after Node has parsed
   * every request that came in on the same poll, so they share it), once a slot is free.
   */
  private async slot(): Promise<void> {
    await nextTurn();
    if (this.running < this.parallel) this.running += 1;
    else await new Promise<void>((resolve) => this.queued.push(resolve));
  }
}

/** The read as a prepared statement (db/prepared-statement.ts). */
function preparedLoader(db: MikroORM): (() => Promise<DataVersionStamp | null>) | null {
  const run = preparedRunner(db.em);
  if (!run) return null;
  return async () => {
    const [row] = await run<{ version: unknown; epoch: unknown }>(DATA_VERSION_SQL);
    return row ? { epoch: String(row.epoch), version: Number(row.version) } : null;
  };
}
