import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { countedPath, isBrowser, isPrefetch, PageViewTally, utcDay } from './counter.js';
import { addPageViews } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Writes the page views counted so far (the plugin does it every minute and on close). */
    flushPageViews(): Promise<void>;
  }
}

const FLUSH_MS = 60_000;

/**
 * A public page as a reader sees it: a successful GET of a route that opts into the page cache (the hub's content
 * pages, never a back-office page or a signed link), answered with HTML.
 */
function isPageView(request: FastifyRequest, reply: FastifyReply): boolean {
  return (
    request.method === 'GET' &&
    reply.statusCode === 200 &&
    request.routeOptions.config?.publicCache === true &&
    String(reply.getHeader('content-type') ?? '').startsWith('text/html') &&
    isBrowser(request.headers['user-agent']) &&
    !isPrefetch(request.headers)
  );
}

/**
 * Counts page views without cookies: no address, cookie or user agent is kept, only a count per page and day. The
 * hook runs after the answer is sent (also for the page cache's hits, which end the request early) and adds one to
 * a map in memory; the map is written as daily counts every minute, so a view costs no database work.
 */
export const visitsPlugin = fp(async (app) => {
  const tally = new PageViewTally();
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    writing = writing.then(async () => {
      if (!tally.size) return;
      const rows = tally.drain();
      try {
        await addPageViews(app.db, rows);
      } catch (error) {
        tally.restore(rows);
        app.log.warn({ err: error }, 'page views not written; kept for the next try');
      }
    });
    return writing;
  };
  app.decorate('flushPageViews', flush);

  app.addHook('onResponse', (request, reply, done) => {
    if (isPageView(request, reply)) {
      const path = countedPath(request.url);
      if (path) tally.add(utcDay(new Date()), path);
    }
    done();
  });

  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });
});
