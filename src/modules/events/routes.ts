import { slugParams } from '../../lib/validation.js';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { h, type VNode } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { renderParts } from '../../lib/modules.js';
import { listProjects } from '../directory/service.js';
import { type EventListQuery, eventListQuery } from './schema.js';
import {
  childEvents,
  EVENT_PAGE_ASIDE,
  EVENT_PAGE_MAIN,
  findEventById,
  findEventPageBySlug,
  getProgramme,
  getProgrammeOfVersion,
  type HubEvent,
  listEvents,
  projectsOfEvent,
} from './service.js';
import { EventListView, EventView, programmeSectionHtml } from './views.js';

export const eventsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: EventListQuery }>('/events', { schema: { querystring: eventListQuery }, config: { publicCache: true } }, async (request, reply) => {
    const query = request.query;
    // "All" shows what is coming first, then the archive (paged); a chosen tab shows just that.
    const [upcoming, page, projects] = await Promise.all([
      query.when === 'all' && query.page === 1 ? listEvents(app.db, { ...query, when: 'upcoming' }, 100) : Promise.resolve(null),
      listEvents(app.db, query.when === 'all' ? { ...query, when: 'past' } : query),
      listProjects(app.db, { members: true }),
    ]);
    return reply.page(h(EventListView, { upcoming: upcoming?.events ?? null, page, query, projects }), { title: 'Events', description: 'Events of the Cluster Hub and its member projects.' });
  });

  app.get<{ Params: { slug: string } }>('/events/:slug', { schema: { params: slugParams }, config: { publicCache: true } }, async (request, reply) => {
    const found = await findEventPageBySlug(app.db, request.params.slug);
    if (!found) throw new NotFound('There is no event at this address.');
    const { event, programmeVersion } = found;
    return reply.page(await eventPage(app, event, programmeVersion), {
      title: event.title,
      description: event.summary,
      alternates: [{ type: 'text/calendar', href: `/events/${event.slug}.ics`, title: `${event.title} (calendar)` }],
    });
  });
};

/**
 * The event's public page with everything attached to it, including what other modules add (EVENT_PAGE_ASIDE,
 * EVENT_PAGE_MAIN); the back office shows drafts through it as a preview. With `programmeVersion` (read with the
 * event) the programme's items come from what is kept for that version.
 */
export async function eventPage(app: FastifyInstance, event: HubEvent, programmeVersion?: number | null): Promise<VNode<any>> {
  const db = app.db;
  const [programme, projects, children, parent, aside, sections] = await Promise.all([
    programmeVersion === undefined ? getProgramme(db, event.id) : getProgrammeOfVersion(db, event.id, programmeVersion),
    projectsOfEvent(db, event.id),
    childEvents(db, event.id),
    event.parentEventId ? findEventById(db, event.parentEventId) : Promise.resolve(null),
    renderParts(db, app.contributions.of(EVENT_PAGE_ASIDE), event),
    renderParts(db, app.contributions.of(EVENT_PAGE_MAIN), event),
  ]);
  return h(EventView, {
    event,
    descriptionHtml: markdownToSafeHtml(event.descriptionMd),
    programmeHtml: programmeSectionHtml(programme, event),
    projects,
    children,
    parent,
    aside,
    sections,
  });
}
