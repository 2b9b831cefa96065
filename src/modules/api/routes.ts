import type { FastifyPluginAsync } from 'fastify';
import { listProjects } from '../directory/service.js';
import type { EventListQuery } from '../events/schema.js';
import { listEvents } from '../events/service.js';
import type { NewsListQuery } from '../news/schema.js';
import { listNews } from '../news/service.js';
import { apiSchemas } from './schema.js';

/** Open data: read-only JSON of everything public, described at /api/openapi.json. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: EventListQuery }>('/api/v1/events', { schema: apiSchemas.events, config: { publicCache: true } }, async (request) => {
    const page = await listEvents(app.db, request.query);
    return { items: page.events.map((e) => ({ ...e, calendarUrl: `${e.url}.ics` })), total: page.total, page: page.page, pageCount: page.pageCount };
  });

  app.get<{ Querystring: NewsListQuery }>('/api/v1/news', { schema: apiSchemas.news, config: { publicCache: true } }, async (request) => {
    const result = await listNews(app.db, request.query);
    return { items: result.posts.map((p) => ({ ...p, bodyMarkdown: p.bodyMd })), total: result.total, page: result.page, pageCount: result.pageCount };
  });

  app.get('/api/v1/projects', { schema: apiSchemas.projects, config: { publicCache: true } }, async () => {
    const projects = await listProjects(app.db, { members: true });
    return { items: projects, total: projects.length };
  });
};
