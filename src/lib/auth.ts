import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Actor } from './policy.js';

/** The cookie that carries a session token; the page cache also reads it, to never serve a signed-in page from cache. */
export const SESSION_COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null for a visitor. */
    user: Actor | null;
  }
}

export interface AuthOptions {
  /** Who holds this session token (the accounts module's lookup), or null when it is unknown or expired. */
  findActor: (db: FastifyInstance['db'], token: string) => Promise<Actor | null>;
}

/**
 * Resolves the session cookie into `request.user` on every request that carries one. The lookup comes from the
 * accounts module through `app.ts`, so that nothing in `src/lib` imports a module.
 */
export const authPlugin = fp<AuthOptions>(async (app, { findActor }) => {
  app.decorateRequest('user', null);
  // Callback style: a visitor without a session cookie costs no promise on the hot path.
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done();
    findActor(app.db, token).then((actor) => {
      request.user = actor;
      done();
    }, done);
  });
});
