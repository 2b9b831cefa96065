import { renderParts } from '../../lib/modules.js';
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { authorize, isAdmin } from '../../lib/policy.js';
import { findProjectBySlug, findProjectsByIds } from '../directory/service.js';
import { eventsOfProject } from '../events/service.js';
import { newsOfProject } from '../news/service.js';
import { canPostInDiscussion, canReadDiscussion, canSeeJoinCandidates } from './policy.js';
import { type MapQuery, mapQuery, projectSlugParams, relatedApiQuery, topicParams, type TopicPostBody, topicPostBody } from './schema.js';
import { addTopicPost, findTopic, knownProjectsOnTopic, mapData, projectsThatCouldJoin, relatedProjects, synergyMatrix, topicThread, type Topic, TOPIC_PAGE_MAIN } from './service.js';
import { MapView } from './map-view.js';
import { TopicView } from './topic-view.js';
import { CouldJoinView, SynergiesView } from './views.js';

export const synergiesRoutes: FastifyPluginAsync = async (app) => {
  app.get('/synergies', async (request, reply) => {
    const matrix = await synergyMatrix(app.db);
    return reply.page(h(SynergiesView, { matrix, isAdmin: isAdmin(request.user) }), {
      title: 'Synergies',
      description: 'Topics the member projects share and how they relate.',
    });
  });

  app.get('/synergies/could-join', async (request, reply) => {
    authorize(request.user, canSeeJoinCandidates(request.user));
    const candidates = await projectsThatCouldJoin(app.db, 25);
    return reply.header('cache-control', 'private, no-store').page(h(CouldJoinView, { candidates }), { title: 'Projects that could join' });
  });

  async function renderTopic(request: any, reply: any, topic: Topic, form: { error?: string; body?: string; status?: number } = {}) {
    const projects = await findProjectsByIds(app.db, topic.projectIds);
    const [known, eventLists, newsLists, sections] = await Promise.all([
      knownProjectsOnTopic(app.db, topic, 10),
      Promise.all(projects.map((p) => eventsOfProject(app.db, p.id))),
      Promise.all(projects.map((p) => newsOfProject(app.db, p.id))),
      renderParts(app.db, app.contributions.of(TOPIC_PAGE_MAIN), { projectIds: projects.map((p) => p.id) }),
    ]);
    const events = [...new Map(eventLists.flat().map((e) => [e.id, e])).values()].sort((a, b) => b.startsAt.localeCompare(a.startsAt)).slice(0, 10);
    const news = [...new Map(newsLists.flat().map((n) => [n.id, n])).values()].slice(0, 10);
    const member = canReadDiscussion(request.user);
    const thread = member ? await topicThread(app.db, topic.slug) : null;
    if (member) reply.header('cache-control', 'private, no-store');
    return reply.page(
      h(TopicView, { topic, projects, sections, known, events, news, thread, csrfToken: member ? reply.generateCsrf() : null, error: form.error, body: form.body }),
      { title: `Topic: ${topic.label}`, status: form.status },
    );
  }

  app.get<{ Params: { slug: string } }>('/topics/:slug', { schema: { params: topicParams } }, async (request, reply) => {
    const topic = await findTopic(app.db, request.params.slug);
    if (!topic) throw new NotFound('There is no topic at this address.');
    return renderTopic(request, reply, topic);
  });

  app.post<{ Params: { slug: string }; Body: TopicPostBody }>(
    '/topics/:slug/posts',
    { schema: { params: topicParams, body: topicPostBody }, preValidation: app.csrfProtection, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      authorize(request.user, canPostInDiscussion(request.user));
      const topic = await findTopic(app.db, request.params.slug);
      if (!topic) throw new NotFound('There is no topic at this address.');
      const body = request.body.body.replace(/\r\n/g, '\n').trim();
      if (!body) return renderTopic(request, reply, topic, { error: 'Write something before posting.', body, status: 422 });
      const parentId = request.body.parentId ? Number(request.body.parentId) : null;
      const id = await addTopicPost(app.db, { slug: topic.slug, parentId, userId: request.user.id, authorName: request.user.name, body });
      if (id === null) return renderTopic(request, reply, topic, { error: 'You can only reply to a post of this topic.', body, status: 422 });
      return reply.redirect(`/topics/${topic.slug}#topic-discussion`, 303);
    },
  );

  app.get<{ Querystring: MapQuery }>('/map', { schema: { querystring: mapQuery } }, async (request, reply) => {
    const q = request.query;
    const filters = { project: q.project || undefined, country: q.country || undefined, type: q.type || undefined, stage: q.stage || undefined };
    const data = await mapData(app.db, filters);
    return reply.page(h(MapView, { data, filters }), { title: 'Map', description: 'Organisations of the member projects across Europe.' });
  });

  app.get<{ Params: { slug: string }; Querystring: { limit: number } }>(
    '/api/v1/projects/:slug/related',
    { schema: { params: projectSlugParams, querystring: relatedApiQuery, tags: ['projects'], summary: 'Projects related to a member project' } },
    async (request) => {
      const project = await findProjectBySlug(app.db, request.params.slug);
      if (!project) throw new NotFound('There is no project at this address.');
      const related = await relatedProjects(app.db, project.id, request.query.limit);
      return { project: project.slug, related: related.map((r) => ({ kind: r.kind, acronym: r.acronym, title: r.title, url: r.url, score: r.score, terms: r.terms })), source: 'CORDIS, European Commission' };
    },
  );
};
