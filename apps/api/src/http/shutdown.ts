// Graceful shutdown (issue 11, point 5). On SIGTERM/SIGINT: /readyz turns 503 and responses
// close their connections; once nothing is in flight and no request arrived for a moment (what a
// client sent before the signal is then read), stop accepting connections, let in-flight requests finish (Fastify answers new requests on kept-alive connections with 503),
// run the shutdown hooks (e.g. abort a running import so it is recorded as aborted), close the
// pools through the app's onClose hooks, and exit 0. Requests still running after
// SHUTDOWN_GRACE_MS are cut and the process exits 1, at the latest HARD_EXIT_AFTER_GRACE_MS
// later. A second signal forces the same exit.
import type { FastifyInstance } from 'fastify';
import { drainStateOf, waitUntilQuiet } from './drain.js';

/** After SIGTERM, requests still arriving are served until none came for this long. */
const QUIET_MS = 250;

/**
 * The grace period cuts the connections, but the process still waited for what they had started:
 * a statement the database does not answer holds app.close() until DB_STATEMENT_TIMEOUT_MS (+1 s)
 * and the pool's close behind it (measured: SHUTDOWN_GRACE_MS=1000, a request waiting on a lock
 * held 4 s: exit 1 after 3.06 s). This long after the grace period the process exits 1 anyway.
 */
export const HARD_EXIT_AFTER_GRACE_MS = 1_000;

export interface ShutdownHook {
  /** Named in the log. */
  name: string;
  run: () => Promise<void>;
}

export interface GracefulShutdownOptions {
  graceMs: number;
  /** Run first, while requests still drain (e.g. abortRunningImports). */
  hooks?: ShutdownHook[];
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

/** Shuts `app` down gracefully; resolves with the exit code it chose (0 drained, 1 forced). */
export async function shutDown(
  app: FastifyInstance,
  options: Omit<GracefulShutdownOptions, 'signals' | 'exit'>,
): Promise<number> {
  const started = Date.now();
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    app.log.warn({ graceMs: options.graceMs }, 'shutdown grace period over: closing connections');
    app.server.closeAllConnections();
  }, options.graceMs);
  timer.unref();
  const drain = drainStateOf(app);
  try {
    if (drain) drain.draining = true;
    await Promise.all(
      (options.hooks ?? []).map(async (hook) => {
        try {
          await hook.run();
        } catch (err) {
          app.log.error({ err, hook: hook.name }, 'shutdown hook failed');
        }
      }),
    );
    if (drain) await waitUntilQuiet(drain, QUIET_MS, options.graceMs / 2);
    await app.close();
  } catch (err) {
    app.log.error({ err }, 'error while closing the server');
    forced = true;
  } finally {
    clearTimeout(timer);
  }
  app.log.info({ ms: Date.now() - started, forced }, 'server closed');
  return forced ? 1 : 0;
}

/** Installs the signal handlers; returns a function that removes them (tests). */
export function installGracefulShutdown(
  app: FastifyInstance,
  options: GracefulShutdownOptions,
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let exited = false;
  const exitOnce = (code: number) => {
    if (exited) return;
    exited = true;
    exit(code);
  };
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal during shutdown: exiting now');
      exitOnce(1);
      return;
    }
    closing = true;
    app.log.info({ signal, graceMs: options.graceMs }, 'shutting down: draining requests');
    const hard = setTimeout(() => {
      app.log.error(
        { graceMs: options.graceMs },
        'shutdown still blocked after the grace period: exiting without closing',
      );
      exitOnce(1);
    }, options.graceMs + HARD_EXIT_AFTER_GRACE_MS);
    hard.unref();
    void shutDown(app, options).then((code) => {
      clearTimeout(hard);
      exitOnce(code);
    });
  };
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
