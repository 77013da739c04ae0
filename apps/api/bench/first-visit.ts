// The dashboard's first visit after the API starts, and after a write (pnpm bench, bench/scale.ts):
// the three requests its overview and districts pages send first (http/warm-up.ts: Plan and
// PlanTrends of the default plan year, Districts), timed over HTTP against a new API process. Once
// without the warm-up (the visitor's requests count every fact; after the write, the trends are
// counted again over every fact), once with it: after its log line at start-up, and after the
// line of the warm-up that follows the write (http/warm-up-watch.ts), as a visitor arriving a few
// seconds after a deploy or after an officer's save would see them.
import { DEFAULT_MANIFEST, loadTrustedDocuments } from '../src/graphql/trusted-documents.js';
import { DEFAULT_PLAN_YEAR } from '../src/http/view-params.js';
import { warmUpRequests } from '../src/http/warm-up.js';
import { spawnServer } from '../test/faults/spawn-server.js';

const STARTED_LINE = 'dashboard figures computed after start-up';
const CHANGED_LINE = 'dashboard figures computed after a change';

type Api = Awaited<ReturnType<typeof spawnServer>>;

/** Waits for the `count`-th log line holding `message`; its own "ms" field (the whole warm-up). */
async function loggedMs(api: Api, message: string, count: number): Promise<string> {
  const started = performance.now();
  const lines = () =>
    api
      .output()
      .split('\n')
      .filter((line) => line.includes(message));
  while (lines().length < count) {
    if (performance.now() - started > 300_000) throw new Error(`no "${message}" line in 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The line's last "ms" (before "msg"); its partials and answers have their own.
  return /"ms":(\d+),"msg"/.exec(lines()[count - 1]!)?.[1] ?? '?';
}

/** The three requests, timed one after the other. */
async function threeRequests(api: Api): Promise<string> {
  const times: string[] = [];
  const documents = loadTrustedDocuments(DEFAULT_MANIFEST);
  for (const { url } of warmUpRequests(documents, { year: DEFAULT_PLAN_YEAR })) {
    const started = performance.now();
    const res = await fetch(`${api.base}${url}`);
    await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    times.push((performance.now() - started).toFixed(0));
  }
  return `${times.join(' / ')} ms`;
}

async function visits(
  env: Record<string, string>,
  warm: boolean,
  write: () => Promise<void>,
): Promise<[string, string]> {
  const api = await spawnServer({
    ...env,
    LOG_LEVEL: 'info',
    WARM_UP: warm ? '1' : '0',
    WARM_UP_POLL_SECONDS: '1',
  });
  try {
    const started = warm ? ` (warm-up ${await loggedMs(api, STARTED_LINE, 1)} ms)` : '';
    const afterStart = `${await threeRequests(api)}${started}`;
    await write();
    const changed = warm ? ` (warm-up ${await loggedMs(api, CHANGED_LINE, 1)} ms)` : '';
    return [afterStart, `${await threeRequests(api)}${changed}`];
  } finally {
    await api.stop();
  }
}

/**
 * One line: the first visit's three requests after a start and after a write, without and with
 * the warm-up. `write` changes one fact and raises the data version.
 */
export async function firstVisit(
  env: Record<string, string>,
  write: () => Promise<void>,
): Promise<string> {
  const [coldStart, coldWrite] = await visits(env, false, write);
  const [warmStart, warmWrite] = await visits(env, true, write);
  return (
    `first dashboard visit (Plan / PlanTrends / Districts by id) after a start: without warm-up ${coldStart}, with it ${warmStart}; ` +
    `after a write: without ${coldWrite}, with ${warmWrite}`
  );
}
