import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { BadRequest } from '../../lib/errors.js';
import { type SearchQuery, searchApiQuery, searchQuery, searchResponse } from './schema.js';
import { search, SEARCH_PROJECTS, type TextSegment } from './service.js';
import { SearchView } from './views.js';

const plain = (segments: TextSegment[]) => segments.map((s) => s.text).join('');

export const searchRoutes: FastifyPluginAsync = async (app) => {
  // The directory says which projects there are; without it, no search can be narrowed to one.
  const projects = app.contributions.of(SEARCH_PROJECTS)[0] ?? { list: async () => [], find: async () => null };
  const run = async (query: SearchQuery) => {
    let projectId: number | undefined;
    if (query.project) {
      const project = await projects.find(app.db, query.project);
      if (!project) throw new BadRequest(`There is no project "${query.project}" to search in.`);
      projectId = project.id;
    }
    return search(app.db, { q: query.q, kind: query.type, year: query.year || undefined, projectId, page: query.page, pageSize: query.limit });
  };

  app.get<{ Querystring: SearchQuery }>('/search', { schema: { querystring: searchQuery } }, async (request, reply) => {
    const [results, choices] = await Promise.all([run(request.query), projects.list(app.db)]);
    const q = request.query.q.trim();
    return reply.page(h(SearchView, { results, query: request.query, projects: choices }), { title: q ? `Search: ${q.slice(0, 60)}` : 'Search' });
  });

  app.get<{ Querystring: SearchQuery }>(
    '/api/v1/search',
    { schema: { tags: ['search'], summary: 'Search news, events, programmes, projects, people, organisations and documents', querystring: searchApiQuery, response: searchResponse } },
    async (request) => {
      const results = await run(request.query);
      return {
        q: results.q,
        total: results.total,
        totalCapped: results.totalCapped,
        page: results.page,
        pageCount: results.pageCount,
        suggestion: results.suggestion,
        notice: results.notice,
        results: results.hits.map((hit) => ({
          type: hit.kind,
          url: hit.url,
          date: hit.date,
          title: plain(hit.title),
          snippet: plain(hit.snippet),
          titleSegments: hit.title,
          snippetSegments: hit.snippet,
        })),
      };
    },
  );
};
