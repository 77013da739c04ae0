// The request logger made on first use (http/lazy-request-logger.ts): a request that logs nothing
// the level writes makes no pino child; one that does logs with its request id, as before.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazyRequestLogger } from '../src/http/lazy-request-logger.js';

function appAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const app = Fastify({
    logger: { level, stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    childLoggerFactory: lazyRequestLogger,
    genReqId: () => 'req-1',
  });
  let children = 0;
  const child = app.log.child.bind(app.log);
  app.log.child = ((...args: Parameters<typeof child>) => {
    children += 1;
    return child(...args);
  }) as typeof child;
  app.get('/quiet', async (request) => {
    request.log.info({ step: 'quiet' }, 'only at info');
    request.log.debug('only at debug');
    return { ok: true };
  });
  app.get('/loud', async (request) => {
    request.log.warn({ step: 'loud' }, 'a warning');
    request.log.error('an error');
    return { ok: true };
  });
  return { app, lines, children: () => children };
}

describe('lazyRequestLogger', () => {
  it('makes no child logger for a request whose lines the level drops', async () => {
    const { app, lines, children } = appAt('warn');
    const answer = await app.inject({ method: 'GET', url: '/quiet' });
    expect(answer.statusCode).toBe(200);
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
    await app.close();
  });

  it("writes the lines the level keeps with the request's id, from one child", async () => {
    const { app, lines, children } = appAt('warn');
    await app.inject({ method: 'GET', url: '/loud' });
    expect(children()).toBe(1);
    expect(lines.map((l) => [l.level, l.reqId, l.msg, l.step])).toEqual([
      [40, 'req-1', 'a warning', 'loud'],
      [50, 'req-1', 'an error', undefined],
    ]);
    await app.close();
  });

  it("keeps Fastify's own request lines at info, with the request id", async () => {
    const { app, lines } = appAt('info');
    await app.inject({ method: 'GET', url: '/quiet' });
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([
      ['req-1', 'incoming request'],
      ['req-1', 'only at info'],
      ['req-1', 'request completed'],
    ]);
    expect(lines[0]!.req).toMatchObject({ method: 'GET', url: '/quiet' });
    await app.close();
  });
});
