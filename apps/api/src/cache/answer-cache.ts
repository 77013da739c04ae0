// Whole HTTP answers of anonymous reads (GET by id, http/persisted-get.ts; POST, http/post-cache.ts),
// keyed by the data version, the request and the day, so a hit sends stored bytes without parsing,
// validating or executing anything.
//
// Two layers. This process keeps the answers of the newest data version it has seen in an LRU
// bounded by bytes (the answer's text and each compressed variant made of it); as soon as a newer
// version is seen, the older versions' answers are dropped: nobody asks for them any more, and
// keeping them is what made memory grow under a write-heavy load. With Redis (REDIS_URL) the
// answers are also shared there, so an answer one process computed is sent by the others. An entry
// never changes once stored (its key names its data version), so a local copy of a shared entry is
// never stale: a write raises the version and every later request reads the new one first.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { DataVersionStamp } from '../modules/data-version/data-version.service.js';
import type { CacheStore } from './store.js';

export type AnswerEncoding = 'br' | 'gzip' | 'identity';

/** What a hit sends: the answer's headers that the request cannot change, and its text. */
export interface StoredAnswer {
  contentType: string;
  /** Apollo's own Cache-Control on a POST answer (`no-store`), sent again with the stored bytes. */
  cacheControl?: string;
  body: string;
}

export interface AnswerEntry {
  readonly answer: StoredAnswer;
  /** Encoded bytes, made once per coding (no per-request compression). */
  readonly variants: Map<AnswerEncoding, Buffer>;
  bytes: number;
}

export interface AnswerCacheStats {
  /** Answers sent from this process's memory. */
  hits: number;
  /** Answers read from the shared store (Redis). */
  sharedHits: number;
  misses: number;
  stored: number;
  /** Entries dropped for the byte budget (not for a newer version). */
  evicted: number;
  errors: number;
}

/** Answers kept per process by default (bytes of text and compressed variants). */
export const ANSWER_CACHE_BYTES = 16 * 1024 * 1024;

/** True when `a` is a newer data version than `b` (another epoch is another database: newer). */
function newer(a: DataVersionStamp, b: DataVersionStamp | null): boolean {
  return !b || a.epoch !== b.epoch || a.version > b.version;
}

export class AnswerCache {
  readonly stats: AnswerCacheStats = {
    hits: 0,
    sharedHits: 0,
    misses: 0,
    stored: 0,
    evicted: 0,
    errors: 0,
  };
  /** Map keeps insertion order: the first key is the least recently used. */
  private readonly entries = new Map<string, AnswerEntry>();
  private total = 0;
  /** The newest data version seen; only its answers are kept. */
  private version: DataVersionStamp | null = null;

  constructor(
    /** Key prefix (CACHE_PREFIX), as the figure cache's. */
    readonly prefix: string,
    /** Redis, shared by every process; null: this process only. */
    private readonly shared: CacheStore | null,
    private readonly maxBytes = ANSWER_CACHE_BYTES,
  ) {}

  /** The key of one answer: its data version and a digest of everything else it depends on. */
  keyOf(stamp: DataVersionStamp, kind: 'get' | 'post', request: string): string {
    const digest = createHash('sha256').update(request).digest('base64url');
    return `${this.prefix}answer:${stamp.epoch}:${stamp.version}:${kind}:${digest}`;
  }

  /** The stored answer of `key` (read at `stamp`), or undefined. A store failure is a miss. */
  async get(key: string, stamp: DataVersionStamp): Promise<AnswerEntry | undefined> {
    const local = this.local(key, stamp);
    if (local) return local;
    if (this.shared) {
      try {
        const text = await this.shared.get(key);
        if (text && typeof text === 'object') {
          this.stats.sharedHits += 1;
          return this.keep(key, stamp, text as StoredAnswer);
        }
      } catch {
        this.stats.errors += 1;
      }
    }
    this.stats.misses += 1;
    return undefined;
  }

  /** This process's copy of `key`, without waiting for anything (the hit path). */
  local(key: string, stamp: DataVersionStamp): AnswerEntry | undefined {
    this.observe(stamp);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits += 1;
    return entry;
  }

  /** Stores an error-free answer of an anonymous read here and, with Redis, for every process. */
  async set(key: string, stamp: DataVersionStamp, answer: StoredAnswer): Promise<AnswerEntry> {
    this.observe(stamp);
    const entry = this.keep(key, stamp, answer);
    this.stats.stored += 1;
    if (this.shared)
      await this.shared.set(key, answer).catch(() => {
        this.stats.errors += 1;
      });
    return entry;
  }

  /** The answer's bytes in one coding, compressed once per entry. */
  bytesOf(key: string, entry: AnswerEntry, encoding: AnswerEncoding): Buffer {
    let bytes = entry.variants.get(encoding);
    if (!bytes) {
      const { body } = entry.answer;
      bytes =
        encoding === 'br'
          ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } })
          : encoding === 'gzip'
            ? gzipSync(body)
            : Buffer.from(body, 'utf8');
      entry.variants.set(encoding, bytes);
      if (this.entries.get(key) === entry) {
        entry.bytes += bytes.length;
        this.total += bytes.length;
        this.evict();
      }
    }
    return bytes;
  }

  /** Entries held and their bytes (tests, bench). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total };
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** A newer data version drops every answer of the older ones at once. */
  private observe(stamp: DataVersionStamp): void {
    if (!newer(stamp, this.version)) return;
    this.version = stamp;
    this.clear();
  }

  /** Keeps `answer` in memory when it belongs to the newest version and fits the budget. */
  private keep(key: string, stamp: DataVersionStamp, answer: StoredAnswer): AnswerEntry {
    const entry: AnswerEntry = {
      answer,
      variants: new Map(),
      // UTF-16 text, the key, and the map's own overhead.
      bytes: 2 * (answer.body.length + key.length) + 64,
    };
    const current =
      this.version && stamp.epoch === this.version.epoch && stamp.version === this.version.version;
    // An answer of an older version (a request that read it just before a write) is sent, not kept;
    // one larger than the whole budget would only evict everything else.
    if (!current || entry.bytes > this.maxBytes) return entry;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.bytes;
    }
    this.entries.set(key, entry);
    this.total += entry.bytes;
    this.evict();
    return entry;
  }

  private evict(): void {
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
      this.stats.evicted += 1;
    }
  }
}
