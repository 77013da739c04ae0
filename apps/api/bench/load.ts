// A closed-loop HTTP load generator for the benchmark: `concurrency` keep-alive clients send the
// same request back to back for `seconds`, and the completed responses per second are counted.
// Used against the API and against a bare node:http server in the same run, so the result is a
// ratio that does not depend on how busy the machine is.
import { Agent, request } from 'node:http';

export interface LoadTarget {
  port: number;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Extra request headers (e.g. If-None-Match). */
  headers?: Record<string, string>;
  /** The status every answer must have (default 200). */
  status?: number;
}

function once(agent: Agent, target: LoadTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: target.port,
        method: target.method,
        path: target.path,
        headers: {
          ...(target.body
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(target.body),
              }
            : {}),
          ...target.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(target.body);
  });
}

/**
 * Responses per second (status `target.status`, 200 by default; anything else fails the run), after
 * `warmupSeconds` of the same load that is not counted: the API's code for a path is compiled by
 * V8 only once it runs hot, and a bare server has almost nothing to compile, so a ratio measured
 * from a cold start would compare the API's first JIT tiers with the bare server's steady state.
 */
export async function requestsPerSecond(
  target: LoadTarget,
  seconds: number,
  concurrency = 8,
  warmupSeconds = 1,
  /** Called when the counted part starts (after the warm-up), e.g. to read the CPU time then. */
  onCounting?: () => void,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  await closedLoop(agent, target, warmupSeconds, concurrency);
  onCounting?.();
  const started = performance.now();
  const done = await closedLoop(agent, target, seconds, concurrency);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return done / elapsed;
}

/** `concurrency` clients sending `target` back to back for `seconds` (at least once each). */
async function closedLoop(
  agent: Agent,
  target: LoadTarget,
  seconds: number,
  concurrency: number,
): Promise<number> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      do {
        const status = await once(agent, target);
        if (status !== (target.status ?? 200))
          throw new Error(`status ${status} from ${target.path}`);
        done += 1;
      } while (performance.now() < end);
    }),
  );
  return done;
}
