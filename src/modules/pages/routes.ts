import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { findRedirectTarget } from '../redirects/service.js';
import { pagePathParams } from './schema.js';
import { findPageById, findPublishedPage, navigationLinks, publishedChildren, ROOT_PAGE_PATHS, type StaticPage } from './service.js';
import { StaticPageView } from './views.js';

/** How often an instance re-reads the navigation links, to see changes made through another instance. */
const SITE_LINKS_REFRESH_MS = 60_000;

/** Re-reads which pages the navigation and footer link to; called after every change in the back office. */
export async function refreshSiteLinks(app: FastifyInstance): Promise<void> {
  const links = await navigationLinks(app.db);
  if (app.siteLinks) Object.assign(app.siteLinks, links);
}

/**
 * Keeps the links to static pages in the layout's navigation and footer. Registered unencapsulated
 * (fastify-plugin) so that every page of every module renders them.
 */
export const siteLinksPlugin = fp(async (app) => {
  app.decorate('siteLinks', { main: [], footer: [] });
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await refreshSiteLinks(app);
    timer = setInterval(() => void refreshSiteLinks(app).catch((error: unknown) => app.log.warn({ err: error }, 'could not refresh site links')), SITE_LINKS_REFRESH_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
});

/** The pages above a page, top first. */
async function trailOf(app: FastifyInstance, page: StaticPage): Promise<StaticPage[]> {
  const trail: StaticPage[] = [];
  let parentId = page.parentId;
  while (parentId && trail.length < 20) {
    const parent = await findPageById(app.db, parentId);
    if (!parent || parent.status !== 'published') break;
    trail.unshift(parent);
    parentId = parent.parentId;
  }
  return trail;
}

/**
 * Answers a request for the page at a path: the page, a redirect to the address it has now (its
 * canonical one, or the one it moved to), or 404.
 */
async function answerPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, path: string) {
  const page = await findPublishedPage(app.db, path);
  if (!page) {
    // A page that moved leaves a redirect behind; these routes answer its old address, so they look too.
    const target = await findRedirectTarget(app.db, request.url);
    if (target) return reply.code(301).header('location', target).send();
    throw new NotFound('There is no page at this address.');
  }
  if (page.url !== request.url.split('?')[0].replace(/\/$/, '')) return reply.code(301).header('location', page.url).send();
  const [trail, children] = await Promise.all([trailOf(app, page), publishedChildren(app.db, page.id)]);
  return reply.page(h(StaticPageView, { page, trail, children, bodyHtml: markdownToSafeHtml(page.bodyMd) }), { title: page.title });
}

/** Public static pages at /pages/<path>, and the few the hub serves at its root (/about). */
export const pagesRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { '*': string } }>('/pages/*', { schema: { params: pagePathParams }, config: { publicCache: true } }, (request, reply) =>
    answerPage(app, request, reply, request.params['*'].replace(/\/$/, '')),
  );
  for (const path of ROOT_PAGE_PATHS) {
    app.get(`/${path}`, { config: { publicCache: true } }, (request, reply) => answerPage(app, request, reply, path));
  }
};
