import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { renderParts } from '../../lib/modules.js';
import { findProjectBySlug, listPartners, listProjects, PROJECT_PAGE_MAIN } from './service.js';
import { ProjectListView, ProjectView } from './views.js';

export const directoryRoutes: FastifyPluginAsync = async (app) => {
  app.get('/projects', { config: { publicCache: true } }, async (_request, reply) => {
    const projects = await listProjects(app.db, { members: true });
    return reply.page(h(ProjectListView, { projects }), { title: 'Member projects' });
  });

  app.get<{ Params: { slug: string } }>('/projects/:slug', { schema: { params: slugParams }, config: { publicCache: true } }, async (request, reply) => {
    const project = await findProjectBySlug(app.db, request.params.slug);
    if (!project) throw new NotFound('There is no project at this address.');
    const [partners, sections] = await Promise.all([listPartners(app.db, [project.id]), renderParts(app.db, app.contributions.of(PROJECT_PAGE_MAIN), project)]);
    return reply.page(h(ProjectView, { project, descriptionHtml: markdownToSafeHtml(project.descriptionMd), partners, sections }), {
      title: `${project.acronym} — ${project.title}`,
      description: project.summary,
    });
  });
};
