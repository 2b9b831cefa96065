import { idParams, type ListQuery, listQuery } from '../../lib/validation.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { Forbidden, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize, isAdmin, type Actor } from '../../lib/policy.js';
import { hubTimeZone, isValidZone, utcToZonedInput, zonedToUtc } from '../../lib/time.js';
import { adminPage, ListSearch } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { audit } from '../../lib/audit.js';
import { renderParts } from '../../lib/modules.js';
import { findProjectsByIds, listProjects } from '../directory/service.js';
import { eventForm } from './admin-schema.js';
import { EventFormView, EventsAdminList } from './admin-views.js';
import { canCreateEvent, canOrganiseEvent } from './policy.js';
import { formatProgramme, parseProgramme } from './programme-text.js';
import { eventPage } from './routes.js';
import {
  createEventFromEditor,
  deleteEvent,
  EVENT_EDITOR_NOTES,
  type EventInput,
  findEventBySlug,
  findEventForEditing,
  getProgramme,
  listEventsForAdmin,
  listEventTitles,
  updateEvent,
} from './service.js';

type Editable = NonNullable<Awaited<ReturnType<typeof findEventForEditing>>>;

/** The back office for events: every field of the public page and the programme editor. */
export const eventsAdminRoutes: FastifyPluginAsync = async (app) => {
  const list = (registrations: boolean) => async (request: FastifyRequest<{ Querystring: ListQuery }>, reply: FastifyReply) => {
    authorize(request.user, canCreateEvent(request.user));
    const actor = request.user;
    const page = await listEventsForAdmin(app.db, { ...request.query, projectIds: isAdmin(actor) ? undefined : actor.projectIds });
    const base = registrations ? '/admin/registrations' : '/admin/events';
    return adminPage(
      request,
      reply,
      registrations ? 'Registrations: choose an event' : 'Events',
      [h(ListSearch, { action: base, q: request.query.q, label: 'Search titles' }), h(EventsAdminList, { ...page, q: request.query.q, registrations })],
      { actions: registrations ? undefined : h('a', { class: 'button', href: '/admin/events/new' }, 'Add an event') },
    );
  };
  app.get<{ Querystring: ListQuery }>('/admin/events', { schema: { querystring: listQuery } }, list(false));
  app.get<{ Querystring: ListQuery }>('/admin/registrations', { schema: { querystring: listQuery } }, list(true));

  const loadEvent = async (request: FastifyRequest<{ Params: { id: number } }>): Promise<Editable> => {
    const event = await findEventForEditing(app.db, request.params.id);
    if (!event) {
      authorize(request.user, canCreateEvent(request.user));
      throw new NotFound('There is no such event.');
    }
    authorize(request.user, canOrganiseEvent(request.user, event.projectIds));
    return event;
  };

  const showForm = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: Record<string, unknown>, errors: Record<string, string>, event?: Editable, status?: number) => {
    const [projects, parents, notes] = await Promise.all([
      isAdmin(actor) ? listProjects(app.db, { members: true }) : findProjectsByIds(app.db, actor.projectIds),
      listEventTitles(app.db),
      event ? renderParts(app.db, app.contributions.of(EVENT_EDITOR_NOTES), event) : null,
    ]);
    const csrf = reply.generateCsrf();
    return adminPage(
      request,
      reply,
      event ? `Edit: ${event.title}` : 'Add an event',
      [
        h(EventFormView, { csrf, action: event ? `/admin/events/${event.id}` : '/admin/events', values, errors, projects, parents, isAdmin: isAdmin(actor), event, notes }),
      ],
      { status },
    );
  };

  /** Validates every field and the programme text; editors keep co-organisers they cannot see. */
  const readForm = (request: FastifyRequest, actor: Actor, event?: Editable) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = parseForm(eventForm, body);
    if (!result.ok) {
      // Name a wrong programme line too, so the person fixes everything in one go.
      const start = typeof body.startsAt === 'string' ? body.startsAt.slice(0, 10) : '';
      const zone = typeof body.timezone === 'string' && isValidZone(body.timezone) ? body.timezone : 'UTC';
      const programme = typeof body.programme === 'string' ? parseProgramme(body.programme, start, zone) : null;
      return { ok: false as const, errors: programme && !programme.ok ? { ...result.errors, programme: programme.error } : result.errors };
    }
    const data = result.data;
    const errors: Record<string, string> = {};
    if (!isAdmin(actor) && data.projectIds.some((id) => !actor.projectIds.includes(id))) {
      throw new Forbidden('You can choose only your own projects as organisers.');
    }
    const kept = isAdmin(actor) ? [] : (event?.projectIds ?? []).filter((id) => !actor.projectIds.includes(id));
    const projectIds = [...new Set([...kept, ...data.projectIds])];
    if (!isAdmin(actor) && !data.projectIds.length) errors.projectIds = 'Choose at least one of your projects as organiser.';
    let startsAt = '';
    let endsAt = '';
    try {
      startsAt = zonedToUtc(data.startsAt, data.timezone);
    } catch {
      errors.startsAt = 'This time does not exist in that time zone.';
    }
    try {
      endsAt = zonedToUtc(data.endsAt, data.timezone);
    } catch {
      errors.endsAt = 'This time does not exist in that time zone.';
    }
    if (startsAt && endsAt && endsAt < startsAt) errors.endsAt = 'The end is before the start.';
    const programme = parseProgramme(data.programme ?? '', data.startsAt.slice(0, 10), data.timezone);
    if (!programme.ok) errors.programme = programme.error;
    if (data.parentEventId && data.parentEventId === event?.id) errors.parentEventId = 'An event cannot be part of itself.';
    if (Object.keys(errors).length || !programme.ok) return { ok: false as const, errors };
    const input: EventInput = {
      ...data,
      summary: data.summary ?? '',
      descriptionMd: data.descriptionMd ?? '',
      organisers: data.organisers ?? '',
      startsAt,
      endsAt,
      // Only admins decide what counts as the hub's own event.
      isHubEvent: isAdmin(actor) ? data.isHubEvent : (event?.isHubEvent ?? false),
      projectIds,
      programme: programme.items,
    };
    return { ok: true as const, input };
  };

  app.get('/admin/events/new', async (request, reply) => {
    authorize(request.user, canCreateEvent(request.user));
    const first = isAdmin(request.user) ? [] : request.user.projectIds.slice(0, 1);
    return showForm(request, reply, request.user, { timezone: hubTimeZone(), status: 'draft', type: 'webinar', format: 'online', projectIds: first.map(String) }, {});
  });

  app.post('/admin/events', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canCreateEvent(request.user));
    const actor = request.user;
    const form = readForm(request, actor);
    if (!form.ok) return showForm(request, reply, actor, request.body as Record<string, unknown>, form.errors, undefined, 422);
    const id = await createEventFromEditor(app.db, form.input);
    await audit(app.db, { actor, action: 'create', subjectType: 'event', subjectId: id, detail: form.input.title });
    return reply.redirect(withFlash(`/admin/events/${id}`, 'event-saved'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/events/:id', { schema: { params: idParams } }, async (request, reply) => {
    const event = await loadEvent(request);
    const programme = await getProgramme(app.db, event.id);
    const zone = event.timezone;
    const startLocal = utcToZonedInput(event.startsAt, zone);
    const values = {
      ...event,
      startsAt: startLocal,
      endsAt: utcToZonedInput(event.endsAt, zone),
      topics: event.topics.join('\n'),
      tags: event.tags.join(', '),
      projectIds: event.projectIds.map(String),
      parentEventId: event.parentEventId ? String(event.parentEventId) : '',
      programme: formatProgramme(programme, startLocal.slice(0, 10), zone),
    };
    return showForm(request, reply, request.user!, values, {}, event);
  });

  app.post<{ Params: { id: number } }>('/admin/events/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const event = await loadEvent(request);
    const actor = request.user!;
    const form = readForm(request, actor, event);
    if (!form.ok) return showForm(request, reply, actor, request.body as Record<string, unknown>, form.errors, event, 422);
    await updateEvent(app.db, event.id, form.input);
    await audit(app.db, { actor, action: 'update', subjectType: 'event', subjectId: event.id, detail: form.input.title });
    return reply.redirect(withFlash(`/admin/events/${event.id}`, 'event-saved'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/events/:id/preview', { schema: { params: idParams } }, async (request, reply) => {
    const editable = await loadEvent(request);
    const event = await findEventBySlug(app.db, editable.slug, { includeDrafts: true });
    if (!event) throw new NotFound('There is no such event.');
    const banner = h(
      'div',
      { class: 'container' },
      h('p', { class: 'notice warning', role: 'status' }, [
        event.status === 'published' ? 'Preview of the public page. ' : 'Preview: this draft is not public yet. ',
        h('a', { href: `/admin/events/${event.id}` }, 'Back to editing'),
      ]),
    );
    return reply.header('cache-control', 'private, no-store').page(h('div', null, [banner, await eventPage(app, event)]), { title: `Preview: ${event.title}` });
  });

  app.post<{ Params: { id: number } }>('/admin/events/:id/delete', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const event = await loadEvent(request);
    await deleteEvent(app.db, event.id);
    await audit(app.db, { actor: request.user, action: 'delete', subjectType: 'event', subjectId: event.id, detail: event.title });
    return reply.redirect(withFlash('/admin/events', 'event-deleted'), 303);
  });
};
