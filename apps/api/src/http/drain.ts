// Counts requests in flight and marks the app as draining during shutdown, so /readyz can say
// "not ready" (a load balancer stops sending) while the listener still accepts what was already
// on its way, and every response then asks the client to close its connection.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface DrainState {
  draining: boolean;
  inFlight: number;
  /** When the last request started (ms). */
  lastRequestAt: number;
}

const states = new WeakMap<FastifyInstance, DrainState>();
const counted = new WeakSet<FastifyRequest>();

export function trackInFlight(app: FastifyInstance): DrainState {
  const state: DrainState = { draining: false, inFlight: 0, lastRequestAt: 0 };
  states.set(app, state);
  // Callback hooks: these run on every request, and an async hook costs a promise each.
  app.addHook('onRequest', (request, _reply, next) => {
    counted.add(request);
    state.inFlight++;
    state.lastRequestAt = Date.now();
    next();
  });
  const done = (request: FastifyRequest, _reply: unknown, next: () => void) => {
    if (counted.delete(request)) state.inFlight--;
    next();
  };
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', (request, next) => done(request, null, next));
  app.addHook('onSend', (_request, reply, payload, next) => {
    if (state.draining) reply.header('connection', 'close');
    next(null, payload);
  });
  return state;
}

export function drainStateOf(app: FastifyInstance): DrainState | undefined {
  return states.get(app);
}

/**
 * Resolves once nothing is in flight and no request started for `quietMs` (connections already
 * accepted by the kernel have then been read), or after `maxMs`. Checked after the event loop's
 * I/O phase (setImmediate) so a busy loop cannot make pending connections look quiet.
 */
export function waitUntilQuiet(state: DrainState, quietMs: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  return new Promise((resolve) => {
    const check = () =>
      setImmediate(() => {
        const now = Date.now();
        if (now >= deadline || (state.inFlight === 0 && now - state.lastRequestAt >= quietMs))
          resolve();
        else setTimeout(check, Math.min(50, quietMs));
      });
    check();
  });
}
