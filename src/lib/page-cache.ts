import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anonymous GETs of this route may be answered from the in-process page cache. */
    publicCache?: boolean;
  }
}

interface CachedPage {
  body: Buffer;
  contentType: string;
  storedAt: number;
  version: number;
}

const MAX_ENTRIES = 2000;

/**
 * Public pages change only when someone edits content, yet are read thousands of times.
 * Anonymous GETs of opted-in routes are kept for a few seconds; every successful write by a
 * signed-in person through this instance empties the cache at once, and the short TTL bounds
 * staleness caused by writes on other instances and by anonymous writes.
 */
export const pageCachePlugin = fp<{ ttlSeconds: number }>(async (app, options) => {
  const ttl = options.ttlSeconds * 1000;
  const pages = new Map<string, CachedPage>();
  let version = 0;

  app.decorate('invalidatePageCache', () => {
    version++;
    pages.clear();
  });

  if (ttl === 0) return;

  const cacheable = (request: import('fastify').FastifyRequest) =>
    request.method === 'GET' && request.routeOptions.config?.publicCache === true && !request.user && !request.headers['hx-request'];

  // onRequest, before body parsing, validation and the handler: a hit costs a map lookup.
  // Registered after the auth plugin, so request.user is already known.
  app.addHook('onRequest', (request, reply, done) => {
    if (cacheable(request)) {
      const hit = pages.get(request.url);
      if (hit && hit.version === version && Date.now() - hit.storedAt < ttl) {
        reply.header('x-page-cache', 'hit').type(hit.contentType).send(hit.body);
        return;
      }
    }
    done();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!cacheable(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (reply.getHeader('x-page-cache') === 'hit' || reply.getHeader('set-cookie')) return payload;
    if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value as string);
    pages.set(request.url, { body: Buffer.from(payload), contentType: String(reply.getHeader('content-type') ?? 'text/html'), storedAt: Date.now(), version });
    return payload;
  });

  // Content changes only through signed-in people (editors, admins, moderators). Anonymous writes —
  // votes, registrations, join requests — leave content pages alone apart from counts such as places
  // left, which may lag by the TTL; letting them flush the cache would undo it under exactly that load.
  app.addHook('onResponse', async (request, reply) => {
    if (request.user && request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      version++;
      pages.clear();
    }
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    invalidatePageCache(): void;
  }
}
