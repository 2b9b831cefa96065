import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { listProjects } from '../directory/service.js';
import { listEvents } from '../events/service.js';
import { latestNews } from '../news/service.js';
import { HomeView } from './views.js';

export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { publicCache: true } }, async (_request, reply) => {
    const [upcoming, recent, news, projects] = await Promise.all([
      listEvents(app.db, { when: 'upcoming', page: 1 }, 4),
      listEvents(app.db, { when: 'past', page: 1 }, 4),
      latestNews(app.db, 4),
      listProjects(app.db, { members: true }),
    ]);
    return reply.page(h(HomeView, { upcoming: upcoming.events, recent: recent.events, news, projects }), {
      title: 'Cluster Hub',
      description: 'Knowledge exchange of the EU Cluster Hub on raw materials for batteries from European resources.',
    });
  });
};
