import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { h, type VNode } from 'preact';
import type { Database } from '../../db/types.js';
import { NotFound } from '../../lib/errors.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { listProjects } from '../directory/service.js';
import { galleriesOfEvent } from '../library/galleries.js';
import { materialsForEvent } from '../library/service.js';
import { EventMaterials } from '../library/views.js';
import { registrationSummary } from '../registration/service.js';
import { liveResultsForEvent } from '../live/service.js';
import { type EventListQuery, eventListQuery } from './schema.js';
import { childEvents, findEventById, findEventBySlug, getProgramme, type HubEvent, listEvents, projectsOfEvent } from './service.js';
import { EventListView, EventView } from './views.js';

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
    const event = await findEventBySlug(app.db, request.params.slug);
    if (!event) throw new NotFound('There is no event at this address.');
    return reply.page(await eventPage(app.db, event), {
      title: event.title,
      description: event.summary,
      alternates: [{ type: 'text/calendar', href: `/events/${event.slug}.ics`, title: `${event.title} (calendar)` }],
    });
  });
};

/** The event's public page with everything attached to it; the back office shows drafts through it as a preview. */
export async function eventPage(db: Kysely<Database>, event: HubEvent): Promise<VNode<any>> {
  const [programme, projects, children, parent, registration, liveResults, groups, galleries] = await Promise.all([
    getProgramme(db, event.id),
    projectsOfEvent(db, event.id),
    childEvents(db, event.id),
    event.parentEventId ? findEventById(db, event.parentEventId) : Promise.resolve(null),
    registrationSummary(db, event.id, event.endsAt),
    liveResultsForEvent(db, event.id),
    materialsForEvent(db, event.id),
    galleriesOfEvent(db, event.id),
  ]);
  const materials = h(EventMaterials, { groups, galleries });
  return h(EventView, { event, descriptionHtml: markdownToSafeHtml(event.descriptionMd), programme, projects, children, parent, registration, liveResults, materials });
}
