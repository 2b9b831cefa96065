import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync } from 'fastify';
import { NotFound } from '../../lib/errors.js';
import { findProjectBySlug, listProjects } from '../directory/service.js';
import { type EventListQuery, findEventBySlug, listEvents } from '../events/service.js';
import { findPublishedNews, listNews, type NewsListQuery } from '../news/service.js';
import { apiSchemas } from './schema.js';

/** Open data: read-only JSON of everything public, described at /api/openapi.json. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  type Limited = { limit: number };

  app.get<{ Querystring: EventListQuery & Limited }>('/api/v1/events', { schema: apiSchemas.events, config: { publicCache: true } }, async (request) => {
    const page = await listEvents(app.db, request.query, request.query.limit);
    return { items: page.events.map((e) => ({ ...e, calendarUrl: `${e.url}.ics` })), total: page.total, page: page.page, pageCount: page.pageCount };
  });

  app.get<{ Querystring: NewsListQuery & Limited }>('/api/v1/news', { schema: apiSchemas.news, config: { publicCache: true } }, async (request) => {
    const result = await listNews(app.db, request.query, request.query.limit);
    return { items: result.posts.map((p) => ({ ...p, bodyMarkdown: p.bodyMd })), total: result.total, page: result.page, pageCount: result.pageCount };
  });

  app.get<{ Querystring: Limited & { page: number } }>('/api/v1/projects', { schema: apiSchemas.projects, config: { publicCache: true } }, async (request) => {
    // A few dozen members: paging the loaded list costs less than a second query for the count.
    const projects = await listProjects(app.db, { members: true });
    const { page, limit } = request.query;
    return { items: projects.slice((page - 1) * limit, page * limit), total: projects.length, page, pageCount: Math.ceil(projects.length / limit) };
  });

  // One item each, by the slug of its page; drafts and unpublished posts answer 404 like unknown slugs.
  type BySlug = { Params: { slug: string } };

  app.get<BySlug>('/api/v1/events/:slug', { schema: { ...apiSchemas.event, params: slugParams }, config: { publicCache: true } }, async (request) => {
    const event = await findEventBySlug(app.db, request.params.slug);
    if (!event) throw new NotFound('There is no published event with this slug.');
    return { ...event, calendarUrl: `${event.url}.ics` };
  });

  app.get<BySlug>('/api/v1/news/:slug', { schema: { ...apiSchemas.post, params: slugParams }, config: { publicCache: true } }, async (request) => {
    const post = await findPublishedNews(app.db, request.params.slug);
    if (!post) throw new NotFound('There is no published news post with this slug.');
    return { ...post, bodyMarkdown: post.bodyMd };
  });

  app.get<BySlug>('/api/v1/projects/:slug', { schema: { ...apiSchemas.project, params: slugParams }, config: { publicCache: true } }, async (request) => {
    const project = await findProjectBySlug(app.db, request.params.slug);
    if (!project) throw new NotFound('There is no project with this slug.');
    return project;
  });
};
