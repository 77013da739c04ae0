// The dashboard's first visit after the API starts (pnpm bench, bench/scale.ts): the three
// requests its overview and districts pages send first (http/warm-up.ts: Plan and PlanTrends of
// the default plan year, Districts), timed over HTTP against a new API process, once started
// without the warm-up (the visitor's requests count every fact) and once after the warm-up has
// ended (its log line), as a visitor arriving a few seconds after a deploy would see them.
import { DEFAULT_MANIFEST, loadTrustedDocuments } from '../src/graphql/trusted-documents.js';
import { DEFAULT_PLAN_YEAR } from '../src/http/view-params.js';
import { warmUpRequests } from '../src/http/warm-up.js';
import { spawnServer } from '../test/faults/spawn-server.js';

const WARMED_LINE = 'dashboard figures';

async function visit(env: Record<string, string>, warm: boolean): Promise<string> {
  const api = await spawnServer({ ...env, LOG_LEVEL: 'info', WARM_UP: warm ? '1' : '0' });
  try {
    let warmUp = '';
    if (warm) {
      const started = performance.now();
      while (!api.output().includes(WARMED_LINE)) {
        if (performance.now() - started > 300_000) throw new Error('no warm-up line in 300 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const took = /"ms":(\d+),"msg":"dashboard figures/.exec(api.output())?.[1];
      warmUp = ` (warm-up ${took ?? '?'} ms in the background)`;
    }
    const times: string[] = [];
    const documents = loadTrustedDocuments(DEFAULT_MANIFEST);
    for (const { url } of warmUpRequests(documents, { year: DEFAULT_PLAN_YEAR })) {
      const started = performance.now();
      const res = await fetch(`${api.base}${url}`);
      await res.text();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      times.push((performance.now() - started).toFixed(0));
    }
    return `${times.join(' / ')} ms${warmUp}`;
  } finally {
    await api.stop();
  }
}

/** One line: the first visit's three requests without and after the warm-up. */
export async function firstVisit(env: Record<string, string>): Promise<string> {
  const cold = await visit(env, false);
  const warmed = await visit(env, true);
  return `first dashboard visit after a start (Plan / PlanTrends / Districts by id): without warm-up ${cold}; after the warm-up ${warmed}`;
}
