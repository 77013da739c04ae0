// Per-request GraphQL context: one forked EntityManager (STYLE rule 6) and the DataLoaders bound
// to it, plus who is asking. Built by server.ts for HTTP requests and by tests directly.
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { createLoaders, type Loaders } from './loaders.js';
import { createMemo, type Memo } from './memo.js';

export interface Viewer {
  /** Granted by the write-side issue to authenticated staff; false for every public request. */
  canSeePersonalData: boolean;
}

export interface GraphQLContext {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  /** "Today" for as-of defaults, fixed once per request so one response is consistent. */
  today: string;
  requestId: string;
  /** Per-request cache of expensive loads (plan facts). */
  memo: Memo;
}

export const ANONYMOUS: Viewer = Object.freeze({ canSeePersonalData: false });

/** Today in An Giang (UTC+7): a decision dated today must count today, not tomorrow. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function createContext(
  orm: MikroORM,
  options: { viewer?: Viewer; requestId?: string; today?: string } = {},
): GraphQLContext {
  const em = orm.em.fork();
  return {
    em,
    loaders: createLoaders(em),
    viewer: options.viewer ?? ANONYMOUS,
    today: options.today ?? todayInVietnam(),
    requestId: options.requestId ?? 'local',
    memo: createMemo(),
  };
}
