import type { FastifyPluginAsync } from 'fastify';
import { sitemap, sitemapXml } from './service.js';

/** /robots.txt and /sitemap.xml: what crawlers may visit (not the back office, not personal links) and every public page. */
export const sitemapRoutes: FastifyPluginAsync = async (app) => {
  app.get('/robots.txt', async (_request, reply) => {
    const lines = ['User-agent: *', 'Disallow: /admin', 'Disallow: /registrations/', 'Disallow: /auth/', 'Disallow: /live/', `Sitemap: ${app.config.baseUrl}/sitemap.xml`];
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`${lines.join('\n')}\n`);
  });

  app.get('/sitemap.xml', async (_request, reply) => {
    const xml = sitemapXml(app.config.baseUrl, await sitemap(app.db));
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(xml);
  });
};
