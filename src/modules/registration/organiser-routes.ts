import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { h, type VNode } from 'preact';
import { AppError, Conflict, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { formatTime, zonedToUtc } from '../../lib/time.js';
import { adminPage } from '../../web/admin.js';
import { findEventById, type HubEvent, projectsOfEvent } from '../events/service.js';
import { queueMail } from '../mail/service.js';
import { toCsv } from '../../lib/csv.js';
import { canOrganise } from './policy.js';
import { eventIdParams, groupMailSchema, listQuerySchema, registrationParams, settingsFormSchema } from './schema.js';
import {
  allRegistrations,
  attendance,
  decide,
  DEFAULT_QUESTIONS,
  doorList,
  findRegistration,
  getSettings,
  type ListQuery,
  listRegistrations,
  type Mode,
  managePath,
  modesOf,
  poolsOf,
  type Registration,
  type RegistrationSettings,
  saveSettings,
  setCheckedIn,
  type Status,
  switchMode,
  verifyRegistrationToken,
} from './service.js';
import { CheckInPersonView, checkInRefusal, CheckInView, GroupMailView, RegistrationListView, SettingsView } from './admin-views.js';

import { openEvents } from './open-events.js';

const PRIVATE = 'private, no-store';

const DEFAULT_NOTICE =
  'The organisers use your name, e-mail address and answers only to run this event: to confirm your place, send you the practical details and reminders, and check you in. They are not shared with anyone else.';
const DEFAULT_CONSENT = 'I agree that my registration details are used as described above.';

function toLocal(iso: string | null, zone: string): string {
  return iso ? DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

function settingsValues(settings: RegistrationSettings | null, event: HubEvent): Record<string, unknown> {
  const s = settings;
  const q = s?.questions ?? DEFAULT_QUESTIONS;
  return {
    opens_at: toLocal(s?.opensAt ?? null, event.timezone),
    closes_at: toLocal(s?.closesAt ?? null, event.timezone),
    pre_registration: s?.preRegistration ?? false,
    in_person_capacity: s?.inPersonCapacity ?? '',
    online_capacity: s?.onlineCapacity ?? '',
    approval_required: s?.approvalRequired ?? false,
    ask_organisation: q.organisation,
    ask_country: q.country,
    ask_role: q.role,
    ask_dietary: q.dietary,
    custom_questions: q.custom.join('\n'),
    privacy_notice: s?.privacyNotice ?? DEFAULT_NOTICE,
    consent_text: s?.consentText ?? DEFAULT_CONSENT,
    retention_days: s?.retentionDays ?? 180,
    offer_hours: s?.offerHours ?? 48,
    reminder_hours: (s?.reminderHours ?? [24]).join(', '),
  };
}
/** The organisers' side, in the back office: settings, the list and its CSV, decisions, group mail, check-in. */
export const registrationOrganiserRoutes: FastifyPluginAsync = async (app) => {
  const secret = app.config.secret;
  /** Loads an event and refuses anyone who does not organise it. */
  async function organisedEvent(request: FastifyRequest<{ Params: { id: number } }>): Promise<HubEvent> {
    const event = await findEventById(app.db, request.params.id);
    if (!event) throw new NotFound('There is no such event.');
    const projects = await projectsOfEvent(app.db, event.id);
    authorize(
      request.user,
      canOrganise(
        request.user,
        projects.map((p) => p.id),
      ),
    );
    return event;
  }

  /** An organiser's page: private, inside the back office, titled after the screen and the event. */
  const organiserPage = (request: FastifyRequest, reply: FastifyReply, screen: string, event: HubEvent, body: VNode<any>, status?: number) =>
    adminPage(request, reply.header('cache-control', PRIVATE), `${screen}: ${event.shortTitle ?? event.title}`, body, { status });

  async function registrationOf(event: HubEvent, rid: number): Promise<Registration> {
    const reg = await findRegistration(app.db, rid);
    if (!reg || reg.eventId !== event.id) throw new NotFound('There is no such registration for this event.');
    return reg;
  }

  // ------------------------------------------------------------ organisers

  type AdminRequest = FastifyRequest<{ Params: { id: number }; Body: Record<string, unknown> }>;

  app.get('/admin/events/:id/registration', { schema: { params: eventIdParams } }, async (request: AdminRequest, reply) => {
    const event = await organisedEvent(request);
    const settings = await getSettings(app.db, event.id);
    const saved = (request.query as { saved?: string }).saved === '1';
    return organiserPage(request, reply, 'Registration settings', event, h(SettingsView, { event, values: settingsValues(settings, event), errors: {}, csrf: reply.generateCsrf(), saved }));
  });

  app.post('/admin/events/:id/registration', { schema: { params: eventIdParams }, preHandler: app.csrfProtection }, async (request: AdminRequest, reply) => {
    const event = await organisedEvent(request);
    const parsed = parseForm(settingsFormSchema, request.body);
    const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
    let opensAt: string | null = null;
    let closesAt: string | null = null;
    if (parsed.ok) {
      opensAt = parsed.data.opens_at ? zonedToUtc(parsed.data.opens_at, event.timezone) : null;
      closesAt = parsed.data.closes_at ? zonedToUtc(parsed.data.closes_at, event.timezone) : null;
      if (opensAt && closesAt && closesAt <= opensAt) errors.closes_at = 'Registration must close after it opens.';
      if (closesAt && closesAt > event.endsAt) errors.closes_at = 'Registration cannot close after the event has ended.';
      if (parsed.data.pre_registration && !opensAt) errors.opens_at = 'Pre-registration needs an opening time.';
    }
    if (!parsed.ok || Object.keys(errors).length) {
      return organiserPage(request, reply, 'Registration settings', event, h(SettingsView, { event, values: request.body ?? {}, errors, csrf: reply.generateCsrf() }), 422);
    }
    const d = parsed.data;
    const cap = (v: number | '' | undefined) => (v === '' || v === undefined ? null : v);
    await saveSettings(app.db, event, {
      opensAt,
      closesAt,
      preRegistration: d.pre_registration,
      inPersonCapacity: cap(d.in_person_capacity),
      onlineCapacity: cap(d.online_capacity),
      approvalRequired: d.approval_required,
      questions: { organisation: d.ask_organisation, country: d.ask_country, role: d.ask_role, dietary: d.ask_dietary, custom: d.custom_questions },
      privacyNotice: d.privacy_notice,
      consentText: d.consent_text,
      retentionDays: d.retention_days,
      offerHours: d.offer_hours,
      reminderHours: d.reminder_hours,
    });
    openEvents(app).forget(event.slug);
    return reply.redirect(`/admin/events/${event.id}/registration?saved=1`, 303);
  });

  app.get<{ Params: { id: number }; Querystring: ListQuery & { notice?: string } }>(
    '/admin/events/:id/registrations',
    { schema: { params: eventIdParams, querystring: listQuerySchema } },
    async (request, reply) => {
      const event = await organisedEvent(request);
      const [list, figures, pools] = await Promise.all([listRegistrations(app.db, event.id, request.query), attendance(app.db, event.id), poolsOf(app.db, event.id)]);
      return organiserPage(
        request,
        reply,
        'Registrations',
        event,
        h(RegistrationListView, { event, list, query: request.query, attendance: figures, pools, modes: modesOf(event.format), csrf: reply.generateCsrf() }),
      );
    },
  );

  app.get('/admin/events/:id/registrations.csv', { schema: { params: eventIdParams } }, async (request: AdminRequest, reply) => {
    const event = await organisedEvent(request);
    const settings = await getSettings(app.db, event.id);
    const custom = settings?.questions.custom ?? [];
    const rows = await allRegistrations(app.db, event.id);
    const csv = toCsv(
      ['id', 'name', 'email', 'organisation', 'organisation_type', 'country', 'role', 'dietary', 'mode', 'status', 'checked_in_at', 'registered_at', ...custom],
      rows.map((r) => [r.id, r.name, r.email, r.organisation, r.organisationType, r.country, r.role, r.dietary, r.mode, r.status, r.checkedInAt, r.createdAt, ...custom.map((q) => r.answers[q] ?? '')]),
    );
    return reply
      .header('cache-control', PRIVATE)
      .header('content-disposition', `attachment; filename="registrations-${event.slug}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  type ActionRequest = FastifyRequest<{ Params: { id: number; rid: number }; Body: Record<string, unknown> }>;
  const actionOptions = { schema: { params: registrationParams }, preHandler: app.csrfProtection };

  app.post('/admin/events/:id/registrations/:rid/decision', actionOptions, async (request: ActionRequest, reply) => {
    const event = await organisedEvent(request);
    const reg = await registrationOf(event, request.params.rid);
    const decision = request.body?.decision;
    if (decision !== 'approve' && decision !== 'decline') throw new AppError(422, 'invalid', 'Choose approve or decline.', { decision: 'Choose approve or decline.' });
    await decide(app.db, reg.id, decision === 'approve');
    return reply.redirect(`/admin/events/${event.id}/registrations`, 303);
  });

  app.post('/admin/events/:id/registrations/:rid/mode', actionOptions, async (request: ActionRequest, reply) => {
    const event = await organisedEvent(request);
    const reg = await registrationOf(event, request.params.rid);
    await switchMode(app.db, event, reg.id, String(request.body?.mode ?? '') as Mode);
    return reply.redirect(`/admin/events/${event.id}/registrations`, 303);
  });

  const GROUP_FILTERS: Record<string, { status: Status[]; mode?: Mode }> = {
    confirmed: { status: ['confirmed'] },
    'confirmed-in-person': { status: ['confirmed'], mode: 'in-person' },
    'confirmed-online': { status: ['confirmed'], mode: 'online' },
    waitlisted: { status: ['waitlisted', 'offered'] },
    pending: { status: ['pending'] },
    interested: { status: ['interested'] },
  };

  app.get('/admin/events/:id/registrations/mail', { schema: { params: eventIdParams } }, async (request: AdminRequest, reply) => {
    const event = await organisedEvent(request);
    const sent = Number((request.query as { sent?: string }).sent);
    return organiserPage(request, reply, 'Mail participants', event, h(GroupMailView, { event, values: {}, errors: {}, csrf: reply.generateCsrf(), sent: Number.isInteger(sent) && sent >= 0 ? sent : undefined }));
  });

  app.post('/admin/events/:id/registrations/mail', { schema: { params: eventIdParams }, preHandler: app.csrfProtection }, async (request: AdminRequest, reply) => {
    const event = await organisedEvent(request);
    const parsed = parseForm(groupMailSchema, request.body);
    if (!parsed.ok) return organiserPage(request, reply, 'Mail participants', event, h(GroupMailView, { event, values: parsed.values, errors: parsed.errors, csrf: reply.generateCsrf() }), 422);
    const recipients = await allRegistrations(app.db, event.id, GROUP_FILTERS[parsed.data.group]);
    await app.db.transaction().execute(async (trx) => {
      for (const r of recipients.filter((x) => !x.anonymised)) {
        const manage = app.config.baseUrl + managePath(secret, r.id);
        await queueMail(trx, { to: r.email, subject: parsed.data.subject, text: `${parsed.data.body}\n\n--\n${event.title}\nManage your registration: ${manage}` });
      }
    });
    return reply.redirect(`/admin/events/${event.id}/registrations/mail?sent=${recipients.length}`, 303);
  });

  /** The door screens are for a phone: the page alone, without the back office's menu. */
  const doorPage = (reply: FastifyReply, event: HubEvent, body: VNode<any>) =>
    reply
      .header('cache-control', PRIVATE)
      .page(body, { title: `Check-in: ${event.shortTitle ?? event.title}`, bare: true, bodyClass: 'door-page', scripts: ['/static/js/check-in.js'] });

  const doorQuery = { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } } as const;

  app.get<{ Params: { id: number }; Querystring: { q?: string } }>('/admin/events/:id/check-in', { schema: { params: eventIdParams, querystring: doorQuery } }, async (request, reply) => {
    const event = await organisedEvent(request);
    const people = await doorList(app.db, event.id);
    return doorPage(reply, event, h(CheckInView, { event, people, q: request.query.q ?? '', csrf: reply.generateCsrf() }));
  });

  app.get<{ Params: { id: number; rid: number }; Querystring: { t?: string } }>(
    '/admin/events/:id/check-in/:rid',
    { schema: { params: registrationParams, querystring: { type: 'object', properties: { t: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => {
      const event = await organisedEvent(request);
      if (!verifyRegistrationToken(secret, request.params.rid, 'checkin', request.query.t ?? '')) throw new NotFound('This check-in code is not valid.');
      const reg = await registrationOf(event, request.params.rid);
      return doorPage(reply, event, h(CheckInPersonView, { event, registration: reg, csrf: reply.generateCsrf() }));
    },
  );

  // One tap: a form post that comes back to the list, or, from check-in.js, JSON with the new counts.
  app.post('/admin/events/:id/check-in/:rid', actionOptions, async (request: ActionRequest, reply) => {
    const event = await organisedEvent(request);
    const reg = await registrationOf(event, request.params.rid);
    const present = request.body?.present !== 'no';
    if ((await setCheckedIn(app.db, event.id, reg.id, present)) !== 'ok') {
      throw new Conflict(checkInRefusal((await findRegistration(app.db, reg.id)) ?? reg) ?? 'This registration cannot be checked in.');
    }
    if ((request.headers.accept ?? '').startsWith('application/json')) {
      const people = await doorList(app.db, event.id);
      const me = people.find((p) => p.id === reg.id);
      return reply.header('cache-control', PRIVATE).send({
        present,
        time: me?.checkedInAt ? formatTime(me.checkedInAt, event.timezone) : null,
        checkedIn: people.filter((p) => p.checkedInAt).length,
        expected: people.length,
      });
    }
    const q = typeof request.body?.q === 'string' ? request.body.q.slice(0, 200) : '';
    return reply.redirect(`/admin/events/${event.id}/check-in${q ? `?q=${encodeURIComponent(q)}` : ''}#person-${reg.id}`, 303);
  });
};
