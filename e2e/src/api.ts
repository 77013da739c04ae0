// Talks to the API under test directly (not through the dashboard), so tests can compare what the
// page shows with what the API and the seed files say.
import { inject } from 'vitest';

export function baseUrl(): string {
  return inject('baseUrl');
}

/** Where to send a request and as whom: by default the shared server, anonymously. */
export interface GqlOptions {
  /** Another server than the shared one (a test file's own, see src/server.ts). */
  baseUrl?: string;
  /** Bearer token from `signIn`. */
  token?: string;
}

/** POSTs a GraphQL operation (the API's CSRF prevention rejects GET) and returns `data`, or throws. */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${options.baseUrl ?? baseUrl()}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!res.ok || body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

export interface StatsArgs {
  measure: string;
  groupBy: string;
  basis: string;
  asOf: string;
  filter?: Record<string, unknown>;
  /** The API's GroupTaxonomy enum (QD1048 or QD148). */
  groupTaxonomy?: 'QD1048' | 'QD148';
}

export interface StatsResult {
  total: number;
  rows: { key: string | null; label: string; count: number }[];
}

export async function stats(args: StatsArgs): Promise<StatsResult> {
  const data = await gql<{ stats: StatsResult }>(
    `query ($measure: StatsMeasure!, $groupBy: StatsGroupBy!, $basis: CertifiedBasis, $asOf: Date, $filter: StatsFilter, $groupTaxonomy: GroupTaxonomy) {
      stats(measure: $measure, groupBy: $groupBy, basis: $basis, asOf: $asOf, filter: $filter, groupTaxonomy: $groupTaxonomy) { total rows { key label count } }
    }`,
    { ...args, filter: args.filter ?? {}, groupTaxonomy: args.groupTaxonomy ?? 'QD1048' },
  );
  return data.stats;
}

/** `progress.actual` of one target of a plan year on a day. */
export async function targetActual(
  year: number,
  code: string,
  asOf: string,
  options: GqlOptions = {},
): Promise<number | null> {
  const data = await gql<{
    plan: { targets: { code: string; progress: { actual: number | null } }[] } | null;
  }>(
    `query ($year: Int!, $asOf: Date) { plan(year: $year) { targets(asOf: $asOf) { code progress(asOf: $asOf) { actual } } } }`,
    { year, asOf },
    options,
  );
  const target = data.plan?.targets.find((t) => t.code === code);
  if (!target) throw new Error(`no target ${code} in plan ${year}`);
  return target.progress.actual;
}
