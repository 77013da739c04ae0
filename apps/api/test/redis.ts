// Redis for tests: REDIS_TEST_URL (scripts/with-redis.sh finds or starts a server). A missing
// Redis FAILS the tests, as a missing PostgreSQL does (test/db.ts): a silent skip would hide the
// shared-cache path. Each caller gets its own key prefix and deletes its keys afterwards.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export function redisTestUrl(): string {
  const url = process.env.REDIS_TEST_URL;
  if (!url)
    throw new Error(
      'REDIS_TEST_URL is not set: run the tests under scripts/with-redis.sh (it finds or starts Redis).',
    );
  return url;
}

/** A prefix no other test run uses. */
export function uniquePrefix(name: string): string {
  return `ocop-test:${name}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under `prefix`; returns how many there were. */
export async function deleteKeys(prefix: string): Promise<number> {
  const client = new Redis(redisTestUrl());
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await client.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    client.disconnect();
  }
}
