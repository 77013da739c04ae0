// Who is asking, resolved once per HTTP request: the rate limiter keys by it (before the body is
// read) and the GraphQL context uses the same answer, so a request costs one session lookup.
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../graphql/context.js';
import { resolveViewer } from '../modules/auth/session.repository.js';

const viewers = new WeakMap<FastifyRequest, Promise<Viewer>>();

export function viewerResolver(db: MikroORM): (request: FastifyRequest) => Promise<Viewer> {
  return (request) => {
    let viewer = viewers.get(request);
    if (!viewer) {
      // Without a token there is nobody to look up: no EntityManager fork on the anonymous path
      // (every cacheable GET by id takes it).
      viewer = request.headers.authorization
        ? resolveViewer(db.em.fork(), request.headers.authorization, request.ip)
        : Promise.resolve({ user: null, sessionId: null, ip: request.ip });
      // Whoever awaits it sees a failure; nobody awaiting must not crash the process.
      viewer.catch(() => undefined);
      viewers.set(request, viewer);
    }
    return viewer;
  };
}
