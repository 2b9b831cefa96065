import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on hot JSON/SSE routes whose responses no browser renders as a page. */
    securityHeaders?: boolean;
  }
}

/**
 * The headers helmet sets for these options, recorded once. They depend on the request only when a
 * CSP directive is a function (a per-request nonce): then null, and helmet runs on every request.
 */
function fixedHeaders(options: HelmetOptions): [string, string][] | null {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (directives.flat().some((value) => typeof value === 'function')) return null;
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: string) => headers.push([name, value]), removeHeader: () => {} };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}

/**
 * Helmet's headers (CSP, HSTS, nosniff, frame-ancestors…) on every response. Built once here:
 * @fastify/helmet rebuilt its middleware on every request, which cost more than rendering a cached
 * page, and even a prebuilt helmet walks a dozen middlewares per request to set the same values.
 */
export const securityHeadersPlugin = fp<HelmetOptions>(async (app, options) => {
  const headers = fixedHeaders(options);
  const perRequest = headers ? null : helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.securityHeaders === false) return done();
    if (perRequest) return perRequest(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
    for (const [name, value] of headers!) reply.raw.setHeader(name, value);
    done();
  });
});
