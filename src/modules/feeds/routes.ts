import type { FastifyPluginAsync } from 'fastify';
import { NotFound } from '../../lib/errors.js';
import { findEventBySlug, listEvents } from '../events/service.js';
import { latestNews } from '../news/service.js';
import { SITE_NAME } from '../../web/layout.js';
import { buildCalendar, buildNewsFeed } from './service.js';

const FEED_SIZE = 50;
const CALENDAR_SIZE = 1000;

export const feedsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/news.xml', { config: { publicCache: true } }, async (_request, reply) => {
    const posts = await latestNews(app.db, FEED_SIZE);
    return reply.type('application/rss+xml; charset=utf-8').send(buildNewsFeed(posts, app.config.baseUrl));
  });

  app.get('/events.ics', { config: { publicCache: true } }, async (_request, reply) => {
    const { events } = await listEvents(app.db, { when: 'all', page: 1 }, CALENDAR_SIZE);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="cluster-hub-events.ics"')
      .send(buildCalendar(events, { baseUrl: app.config.baseUrl, name: `${SITE_NAME} events` }));
  });

  app.get<{ Params: { file: string } }>(
    '/events/:file.ics',
    { schema: { params: { type: 'object', required: ['file'], properties: { file: { type: 'string', maxLength: 120 } } } }, config: { publicCache: true } },
    async (request, reply) => {
      const event = await findEventBySlug(app.db, request.params.file);
      if (!event) throw new NotFound('There is no event at this address.');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${event.slug}.ics"`)
        .send(buildCalendar([event], { baseUrl: app.config.baseUrl, name: event.title }));
    },
  );
};
