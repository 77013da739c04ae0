// The data version for GET-by-id answers (http/persisted-get.ts), read with one SQL statement
// shared by concurrent requests. Freshness is exact, not time-based: a request waits for a read
// that STARTED after it arrived, so it sees every write committed before it came in. While one
// read is running, the requests arriving meanwhile share the next one, so under load the database
// answers about one primary-key SELECT per round trip instead of one per request.
import type { MikroORM } from '@mikro-orm/core';
import {
  readDataVersion,
  type DataVersionStamp,
} from '../modules/data-version/data-version.service.js';

export class DataVersionReader {
  private running: Promise<DataVersionStamp | null> | null = null;
  private next: Promise<DataVersionStamp | null> | null = null;
  /** Statements issued (tests compare it with the requests served). */
  reads = 0;

  constructor(private readonly load: () => Promise<DataVersionStamp | null>) {}

  static of(db: MikroORM): DataVersionReader {
    return new DataVersionReader(() => readDataVersion(db.em.fork()));
  }

  current(): Promise<DataVersionStamp | null> {
    if (!this.running) return this.start();
    // The running read may have started before this request: wait for the next one.
    if (!this.next) {
      const after = this.running.then(
        () => undefined,
        () => undefined,
      );
      this.next = after.then(() => {
        this.next = null;
        return this.start();
      });
    }
    return this.next;
  }

  private start(): Promise<DataVersionStamp | null> {
    this.reads += 1;
    const read = this.load().finally(() => {
      if (this.running === read) this.running = null;
    });
    this.running = read;
    return read;
  }
}
