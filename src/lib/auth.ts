import fp from 'fastify-plugin';
import { findActorBySession, SESSION_COOKIE } from '../modules/accounts/service.js';
import type { Actor } from './policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null for a visitor. */
    user: Actor | null;
  }
}

/** Resolves the session cookie into `request.user` on every request that carries one. */
export const authPlugin = fp(async (app) => {
  app.decorateRequest('user', null);
  // Callback style: a visitor without a session cookie costs no promise on the hot path.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done();
    findActorBySession(app.db, token).then((actor) => {
      request.user = actor;
      done();
    }, done);
  });
});
