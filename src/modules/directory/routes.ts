import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { eventsOfProject } from '../events/service.js';
import { documentsOfProject } from '../library/service.js';
import { ProjectDocuments } from '../library/views.js';
import { newsOfProject } from '../news/service.js';
import { relatedProjects } from '../synergies/service.js';
import { findProjectBySlug, listPartners, listProjects } from './service.js';
import { ProjectListView, ProjectView } from './views.js';

export const directoryRoutes: FastifyPluginAsync = async (app) => {
  app.get('/projects', { config: { publicCache: true } }, async (_request, reply) => {
    const projects = await listProjects(app.db, { members: true });
    return reply.page(h(ProjectListView, { projects }), { title: 'Member projects' });
  });

  app.get<{ Params: { slug: string } }>('/projects/:slug', { schema: { params: slugParams }, config: { publicCache: true } }, async (request, reply) => {
    const project = await findProjectBySlug(app.db, request.params.slug);
    if (!project) throw new NotFound('There is no project at this address.');
    const [events, news, partners, related, documents] = await Promise.all([
      eventsOfProject(app.db, project.id),
      newsOfProject(app.db, project.id),
      listPartners(app.db, [project.id]),
      relatedProjects(app.db, project.id, 8),
      documentsOfProject(app.db, project.id),
    ]);
    return reply.page(h(ProjectView, { project, descriptionHtml: markdownToSafeHtml(project.descriptionMd), events, news, partners, related, documents: h(ProjectDocuments, { documents }) }), {
      title: `${project.acronym} — ${project.title}`,
      description: project.summary,
    });
  });
};
