import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './auth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anonymous GETs of this route may be answered from the in-process page cache. */
    publicCache?: boolean;
  }
  interface FastifyInstance {
    invalidatePageCache(): void;
  }
}

interface CachedPage {
  body: Buffer;
  /** Every header of the original answer (content type, security headers…) as a flat name/value list. */
  rawHeaders: string[];
  storedAt: number;
  version: number;
}

const MAX_ENTRIES = 2000;
const SESSION_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);
const NOT_REPLAYED = new Set(['set-cookie', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Public pages change only when someone edits content, yet are read thousands of times.
 * Anonymous GETs of opted-in routes are kept for a few seconds; every successful write by a
 * signed-in person through this instance empties the cache at once, and the short TTL bounds
 * staleness caused by writes on other instances and by anonymous writes.
 *
 * Registered first among the request hooks: a hit replays the stored headers and body without
 * parsing cookies, resolving a session or building security headers again.
 */
export const pageCachePlugin = fp<{ ttlSeconds: number }>(async (app, options) => {
  const ttl = options.ttlSeconds * 1000;
  const pages = new Map<string, CachedPage>();
  let version = 0;

  app.decorate('invalidatePageCache', () => {
    version++;
    pages.clear();
  });

  // Content changes only through signed-in people (editors, admins, moderators). Anonymous writes —
  // votes, registrations, join requests — leave content pages alone apart from counts such as places
  // left, which may lag by the TTL; letting them flush the cache would undo it under exactly that load.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.user && request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      version++;
      pages.clear();
    }
    done();
  });

  if (ttl === 0) return;

  const anonymousPageView = (request: FastifyRequest) =>
    request.method === 'GET' && !SESSION_PATTERN.test(request.headers.cookie ?? '');
  /** A visitor's plain view of an opted-in page: no session cookie. */
  const cacheable = (request: FastifyRequest) => anonymousPageView(request) && request.routeOptions.config?.publicCache === true;

  // Only URLs of opted-in routes are ever stored, so a lookup needs no look at the route's options.
  app.addHook('onRequest', (request, reply, done) => {
    if (anonymousPageView(request)) {
      const hit = pages.get(request.url);
      if (hit && hit.version === version && Date.now() - hit.storedAt < ttl) {
        // The answer is complete and pre-serialised: write it straight to the socket.
        reply.hijack();
        reply.raw.writeHead(200, hit.rawHeaders);
        reply.raw.end(hit.body);
        return;
      }
    }
    done();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!cacheable(request) || request.user || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (reply.getHeader('set-cookie')) return payload;
    const body = Buffer.from(payload);
    const rawHeaders = ['x-page-cache', 'hit', 'content-length', String(body.length)];
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined || NOT_REPLAYED.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) rawHeaders.push(name, String(one));
    }
    if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value as string);
    pages.set(request.url, { body, rawHeaders, storedAt: Date.now(), version });
    return payload;
  });
});
