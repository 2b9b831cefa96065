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
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? await findActorBySession(app.db, token) : null;
  });
});
