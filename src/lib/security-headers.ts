import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on hot JSON/SSE routes whose responses no browser renders as a page. */
    securityHeaders?: boolean;
  }
}

/**
 * Helmet's headers (CSP, HSTS, nosniff, frame-ancestors…) on every response. The middleware is
 * built once here; @fastify/helmet rebuilt it on every request, which cost more than rendering
 * a cached page.
 */
export const securityHeadersPlugin = fp<HelmetOptions>(async (app, options) => {
  const apply = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.securityHeaders === false) return done();
    apply(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
});
