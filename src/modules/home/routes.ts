import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { renderParts } from '../../lib/modules.js';
import { listProjects } from '../directory/service.js';
import { HOME_COLUMNS, HOME_WIDE } from '../../web/home.js';
import { HomeView } from './views.js';

export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { publicCache: true } }, async (_request, reply) => {
    const [projects, columns, wide] = await Promise.all([
      listProjects(app.db, { members: true }),
      renderParts(app.db, app.contributions.of(HOME_COLUMNS), undefined),
      renderParts(app.db, app.contributions.of(HOME_WIDE), undefined),
    ]);
    return reply.page(h(HomeView, { projectCount: projects.length, columns, wide }), {
      title: 'Cluster Hub',
      description: 'Knowledge exchange of the EU Cluster Hub on raw materials for batteries from European resources.',
    });
  });
};
