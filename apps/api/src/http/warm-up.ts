// The figures the dashboard opens on, computed once right after start-up (server.ts, on listen; WARM_UP), in
// the background, before the first visitor asks for them. A new process keeps no partial figures
// (modules/plans/plan-progress-segments.ts: they live in its worker thread), so its first overview
// counts every fact: about 1 s at 100,000 products on PostgreSQL, paid by whoever comes first
// after each deploy or restart. Here, first, the overview's partials of the default plan year are
// counted in this process's worker (warmPlanPartials: whatever the caches hold, so a second
// process behind the same Redis warms its own worker too); then the overview, its trends and the
// districts are asked by id over GET with the variables the dashboard sends
// (apps/web/src/composables/usePlan.ts, DistrictsPage.vue), as an anonymous visitor, so their
// answers are stored for this data version (http/persisted-get.ts). The first visitor gets stored
// bytes, and the first overview after a write recounts only the segments it touched. The requests
// go through every hook (rate limit of the loopback address included: three requests). A failure
// is logged and changes nothing: the figures are then counted on first request, as without it.
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { defaultAsOf, todayInVietnam } from '@ocop/domain';
import { createContext } from '../graphql/context.js';
import type { TrustedDocuments } from '../graphql/trusted-documents.js';
import { warmPlanPartials } from '../modules/plans/plan-facts.js';
import { drainStateOf } from './drain.js';

export interface WarmUpOptions {
  /** The plan year the dashboard opens on (view-params.ts: DEFAULT_PLAN_YEAR). */
  year: number;
  /** Today in Vietnam (the as-of default of a plan still running). */
  today?: string;
  /**
   * Count the overview's partials first, whatever the caches hold (default). After a change
   * (warm-up-watch.ts) the overview's own request counts them when its answer is not stored yet.
   */
  partials?: boolean;
}

/** One document asked: its operation name, the HTTP status and how long it took. */
export interface WarmedAnswer {
  name: string;
  status: number;
  ms: number;
}

/**
 * What a warm-up did: the worker's partials (false: no plan of that year; null: not asked), then
 * each request.
 */
export interface WarmUpReport {
  partials: { plan: boolean; ms: number } | null;
  answers: WarmedAnswer[];
}

/** The dashboard's first requests: its overview page (plan, trends) and its districts page. */
export function warmUpRequests(
  documents: TrustedDocuments,
  { year, today = todayInVietnam() }: WarmUpOptions,
): { name: string; url: string }[] {
  const asOf = defaultAsOf(`${year}-12-31`, today);
  const asked: [string, Record<string, unknown>][] = [
    ['Plan', { year, asOf }],
    ['PlanTrends', { year, asOf }],
    ['Districts', { planYear: year, asOf }],
  ];
  return asked.flatMap(([name, variables]) => {
    const document = documents.named(name);
    if (!document) return [];
    const query = `id=${document.id}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
    return [{ name, url: `/graphql?${query}` }];
  });
}

/**
 * Counts the overview's partials, then asks the dashboard's first requests one after the other
 * (the worker counts one at a time); a shutdown begun meanwhile stops it before the next request.
 */
export async function warmUpDashboard(
  app: FastifyInstance,
  orm: MikroORM,
  documents: TrustedDocuments,
  options: WarmUpOptions,
): Promise<WarmUpReport> {
  const today = options.today ?? todayInVietnam();
  let started = performance.now();
  let partials: WarmUpReport['partials'] = null;
  if (options.partials ?? true) {
    const plan = await warmPlanPartials(createContext(orm, { today }), options.year);
    partials = { plan, ms: Math.round(performance.now() - started) };
  }
  const answers: WarmedAnswer[] = [];
  for (const { name, url } of warmUpRequests(documents, { ...options, today })) {
    if (drainStateOf(app)?.draining) break;
    started = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
    answers.push({ name, status: res.statusCode, ms: Math.round(performance.now() - started) });
  }
  return { partials, answers };
}

/**
 * How long /readyz waits for a warm-up: a load balancer sends the process its first visitors once
 * their figures are counted, but a warm-up slower than this (a slow disk, a busy database) must
 * not keep the process out of it.
 */
export const WARM_UP_READINESS_MS = 60_000;

/** The apps whose warm-up is running, with when it started. */
const warming = new WeakMap<FastifyInstance, number>();

/** Marks the app warming up until `work` settles; returns `work`. */
export function trackWarmUp<T>(app: FastifyInstance, work: Promise<T>): Promise<T> {
  warming.set(app, Date.now());
  return work.finally(() => warming.delete(app));
}

/** Whether /readyz should still say "warming up" (server.ts). */
export function isWarmingUp(app: FastifyInstance, now = Date.now()): boolean {
  const started = warming.get(app);
  return started !== undefined && now - started < WARM_UP_READINESS_MS;
}

/**
 * warmUpDashboard with one log line when it ends: `dashboard figures computed <when>` with each
 * step's time, a warning when an answer is not a 200 or when it fails (then null, never thrown).
 */
export async function warmUpLogged(
  app: FastifyInstance,
  orm: MikroORM,
  documents: TrustedDocuments,
  options: WarmUpOptions,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
  when: string,
): Promise<WarmUpReport | null> {
  const started = performance.now();
  try {
    const report = await warmUpDashboard(app, orm, documents, options);
    const ms = Math.round(performance.now() - started);
    if (report.answers.every((a) => a.status === 200))
      log.info({ ...report, ms }, `dashboard figures computed ${when}`);
    else log.warn({ ...report, ms }, `dashboard figures ${when}: not every answer is a 200`);
    return report;
  } catch (error) {
    log.warn({ err: error }, `dashboard figures ${when} failed`);
    return null;
  }
}

/**
 * The warm-up after start-up, in the background (warmUpLogged); /readyz answers 503 "warming up"
 * meanwhile (at most WARM_UP_READINESS_MS).
 */
export function startWarmUp(
  app: FastifyInstance,
  orm: MikroORM,
  documents: TrustedDocuments,
  options: WarmUpOptions,
  log: FastifyBaseLogger = app.log,
): Promise<void> {
  const work = warmUpLogged(app, orm, documents, options, log, 'after start-up');
  return trackWarmUp(app, work).then(() => undefined);
}
