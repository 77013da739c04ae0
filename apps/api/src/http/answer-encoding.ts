// Shared by the cached answers (persisted-get.ts, post-cache.ts): which content coding a client
// accepts, and today's date in Vietnam (figures default their as-of day to it, so it is part of
// every cached answer's key).
import { todayInVietnam } from '@ocop/domain';

/** The same threshold as the compression plugin (http/compression.ts). */
export const COMPRESS_FROM_BYTES = 1024;

/** br, then gzip, when the client accepts it (q=0 refuses). */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    if (q && Number(q.trim().slice(2)) === 0) continue;
    accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

/**
 * Today in Vietnam, recomputed once per UTC minute (Intl's formatting costs more than the rest of
 * a cached answer): Vietnam's days begin on a whole UTC hour, so the date holds for the minute.
 */
let todayMemo = { minute: -1, today: '' };
export function todayNow(): string {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== todayMemo.minute)
    todayMemo = { minute, today: todayInVietnam(new Date(minute * 60_000)) };
  return todayMemo.today;
}
