import fp from 'fastify-plugin';
import { findRedirectTarget } from './service.js';

/**
 * Answers old addresses with 301 to their new ones: any GET that no route answers (an old
 * permalink, /wp-content/uploads/…, /category/…), and WordPress's query links on the root
 * (/?p=123), which the home page would otherwise swallow. Unencapsulated (fastify-plugin) so its
 * hook sees every request.
 */
export const redirectsPlugin = fp(async (app) => {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const wordpressQuery = /^\/(?:index\.php)?\?/.test(request.url);
    if (!request.is404 && !wordpressQuery) return;
    const target = await findRedirectTarget(app.db, request.url);
    if (target) return reply.code(301).header('location', target).header('cache-control', 'public, max-age=3600').send();
  });
});
