// The data version for GET-by-id answers (http/persisted-get.ts), read with one SQL statement
// shared by the requests that arrive together. Freshness is exact, not time-based: a request only
// joins a read that has not started yet, so it sees every write committed before it came in. The
// read starts on the next turn of the event loop (setImmediate), after Node has parsed every
// request that came in on the same poll: under load the database answers one primary-key SELECT
// per batch of requests instead of one per request.
import type { MikroORM } from '@mikro-orm/core';
import {
  readDataVersion,
  type DataVersionStamp,
} from '../modules/data-version/data-version.service.js';

export class DataVersionReader {
  private waiting: Promise<DataVersionStamp | null> | null = null;
  /** Statements issued (tests compare it with the requests served). */
  reads = 0;

  constructor(private readonly load: () => Promise<DataVersionStamp | null>) {}

  static of(db: MikroORM): DataVersionReader {
    return new DataVersionReader(() => readDataVersion(db.em.fork()));
  }

  current(): Promise<DataVersionStamp | null> {
    this.waiting ??= new Promise((resolve, reject) => {
      setImmediate(() => {
        // From here on, newcomers wait for the next read: this one may miss their writes.
        this.waiting = null;
        this.reads += 1;
        this.load().then(resolve, reject);
      });
    });
    return this.waiting;
  }
}
