import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { findProjectById } from '../directory/service.js';
import { type NewsListQuery, newsListQuery } from './schema.js';
import { findPublishedNews, listNews } from './service.js';
import { NewsListView, NewsView } from './views.js';

export const newsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: NewsListQuery }>('/news', { schema: { querystring: newsListQuery }, config: { publicCache: true } }, async (request, reply) => {
    const result = await listNews(app.db, request.query);
    return reply.page(h(NewsListView, { ...result, tag: request.query.tag }), { title: 'News', description: 'News of the Cluster Hub and its member projects.' });
  });

  app.get<{ Params: { slug: string } }>('/news/:slug', { schema: { params: slugParams }, config: { publicCache: true } }, async (request, reply) => {
    const post = await findPublishedNews(app.db, request.params.slug);
    if (!post) throw new NotFound('There is no news post at this address.');
    const project = post.projectId ? await findProjectById(app.db, post.projectId) : null;
    return reply.page(h(NewsView, { post, bodyHtml: markdownToSafeHtml(post.bodyMd), project }), { title: post.title, description: post.summary });
  });
};
