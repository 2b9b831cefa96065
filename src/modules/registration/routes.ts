import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { h, type VNode } from 'preact';
import { AppError, Conflict, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { formatTime, zonedToUtc } from '../../lib/time.js';
import { adminPage } from '../../web/admin.js';
import { findEventById, findEventBySlug, getMeetingUrl, type HubEvent, projectsOfEvent } from '../events/service.js';
import { queueMail } from '../mail/service.js';
import { toCsv } from '../../lib/csv.js';
import { registrationIcs } from './messages.js';
import { canOrganise } from './policy.js';
import { answersFormSchema, eventIdParams, lostLinkFormSchema, groupMailSchema, listQuerySchema, manageParams, registrationApiBody, registrationFormSchema, registrationParams, settingsFormSchema } from './schema.js';
import {
  ACTIVE,
  allRegistrations,
  answerOffer,
  attendance,
  cancelRegistration,
  decide,
  DEFAULT_QUESTIONS,
  deleteRegistration,
  doorList,
  findByEmail,
  findRegistration,
  getSettings,
  type ListQuery,
  listRegistrations,
  type Mode,
  managePath,
  modesOf,
  phaseOf,
  poolsOf,
  queueRegistrationMail,
  register,
  type Registration,
  type RegistrationInput,
  registrationSummary,
  type RegistrationSettings,
  saveSettings,
  setCheckedIn,
  type Status,
  switchMode,
  updateAnswers,
  verifyRegistrationToken,
  waitlistPosition,
} from './service.js';
import { CancelView, DeletedView, LostLinkView, ManageView, RegisterView } from './views.js';
import { CheckInPersonView, checkInRefusal, CheckInView, GroupMailView, RegistrationListView, SettingsView } from './admin-views.js';

const PRIVATE = 'private, no-store';

interface OpenEvent {
  event: HubEvent;
  settings: RegistrationSettings;
}

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

function registrationValues(reg: Registration, settings: RegistrationSettings): Record<string, unknown> {
  const values: Record<string, unknown> = { name: reg.name, organisation: reg.organisation, country: reg.country, role: reg.role, dietary: reg.dietary };
  settings.questions.custom.forEach((q, i) => (values[`answer_${i}`] = reg.answers[q] ?? ''));
  return values;
}

/** Personal data a person can download about themself. */
function personalData(reg: Registration, event: HubEvent) {
  return {
    event: { title: event.title, startsAt: event.startsAt, url: event.url },
    registration: {
      name: reg.name,
      email: reg.email,
      organisation: reg.organisation,
      country: reg.country,
      role: reg.role,
      dietary: reg.dietary,
      answers: reg.answers,
      mode: reg.mode,
      status: reg.status,
      consentGivenAt: reg.consentAt,
      checkedInAt: reg.checkedInAt,
      registeredAt: reg.createdAt,
      updatedAt: reg.updatedAt,
    },
  };
}

export const registrationRoutes: FastifyPluginAsync = async (app) => {
  const secret = app.config.secret;
  const limit = app.config.registrationRateLimit;
  // Registering needs no account, so the per-address limit is what keeps scripts from filling the seats.
  const rateLimit = limit > 0 ? { rateLimit: { max: limit, timeWindow: '1 minute' } } : {};

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

  // The event and its settings are read on every registration; during a rush thousands arrive per
  // second for one event. They are kept as briefly as public pages are (PAGE_CACHE_SECONDS, off in
  // tests): seats are never decided from this copy, only the form's questions and the open/closed check.
  // The copy is kept as a promise, so the requests of a rush that miss it together share one load
  // instead of each queueing its own queries for the database connection.
  const openEvents = new Map<string, { at: number; value: Promise<OpenEvent> }>();
  const openEventTtl = app.config.pageCacheSeconds * 1000;

  async function loadOpenEvent(slug: string): Promise<OpenEvent> {
    const event = await findEventBySlug(app.db, slug);
    if (!event) throw new NotFound('There is no event at this address.');
    const settings = await getSettings(app.db, event.id);
    if (!settings) throw new NotFound('This event does not take registrations here.');
    return { event, settings };
  }

  function openEvent(slug: string): Promise<OpenEvent> {
    const hit = openEvents.get(slug);
    if (hit && Date.now() - hit.at < openEventTtl) return hit.value;
    const value = loadOpenEvent(slug);
    if (openEventTtl > 0) {
      if (openEvents.size >= 500) openEvents.clear();
      openEvents.set(slug, { at: Date.now(), value });
      // A failed load (no such event, no settings, database error) is not kept.
      value.catch(() => {
        if (openEvents.get(slug)?.value === value) openEvents.delete(slug);
      });
    }
    return value;
  }

  // ------------------------------------------------------------ public registration

  const renderRegister = async (reply: FastifyReply, event: HubEvent, settings: RegistrationSettings, values: Record<string, unknown>, errors: Record<string, string>, status = 200) => {
    const summary = (await registrationSummary(app.db, event.id, event.endsAt))!;
    return reply
      .header('cache-control', PRIVATE)
      .page(h(RegisterView, { event, settings, summary, modes: modesOf(event.format), values, errors, csrf: reply.generateCsrf() }), {
        title: `Register: ${event.title}`,
        status,
      });
  };

  app.get<{ Params: { slug: string } }>('/events/:slug/register', { schema: { params: slugParams } }, async (request, reply) => {
    const { event, settings } = await openEvent(request.params.slug);
    return renderRegister(reply, event, settings, {}, {});
  });

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/events/:slug/register',
    { schema: { params: slugParams }, preHandler: app.csrfProtection, config: rateLimit },
    async (request, reply) => {
      const { event, settings } = await openEvent(request.params.slug);
      const parsed = parseForm(registrationFormSchema(settings.questions, modesOf(event.format)), request.body);
      if (!parsed.ok) return renderRegister(reply, event, settings, parsed.values, parsed.errors, 422);
      try {
        const result = await register(app.db, event, settings, parsed.data as RegistrationInput);
        return reply.redirect(`${managePath(secret, result.id)}?notice=registered`, 303);
      } catch (error) {
        if (error instanceof AppError && error.status < 500 && Object.keys(error.fields).length) {
          return renderRegister(reply, event, settings, request.body, error.fields, error.status);
        }
        throw error;
      }
    },
  );

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/api/v1/events/:slug/registrations',
    {
      schema: {
        tags: ['registration'],
        summary: 'Register for an event',
        description: 'Registers one person. Send the CSRF token from GET /api/csrf-token in the x-csrf-token header, with its cookie. The answer says whether a seat was taken or the person joined the waiting list.',
        params: slugParams,
        body: registrationApiBody,
        response: {
          201: {
            type: 'object',
            properties: { id: { type: 'integer' }, status: { type: 'string' }, mode: { type: 'string' }, manageUrl: { type: 'string' } },
          },
        },
      },
      preHandler: app.csrfProtection,
      config: rateLimit,
    },
    async (request, reply) => {
      const { event, settings } = await openEvent(request.params.slug);
      const { answers, consent, ...rest } = request.body as { answers?: string[]; consent?: boolean } & Record<string, unknown>;
      const body: Record<string, unknown> = { ...rest, consent: consent === true ? 'yes' : undefined };
      (answers ?? []).forEach((a, i) => (body[`answer_${i}`] = a));
      const parsed = parseForm(registrationFormSchema(settings.questions, modesOf(event.format)), body);
      if (!parsed.ok) throw new AppError(422, 'invalid', 'Please correct the problems listed in fields.', parsed.errors);
      const result = await register(app.db, event, settings, parsed.data as RegistrationInput);
      return reply.code(201).send({ ...result, manageUrl: app.config.baseUrl + managePath(secret, result.id) });
    },
  );

  // ------------------------------------------------------------ lost link

  // The same answer whether or not the address is registered, so the form tells nobody who is; a person can ask
  // for their link once per quarter of an hour (the mail's dedupe key), an address can ask a few times a minute.
  const LOST_LINK_WINDOW_MS = 15 * 60_000;
  const lostLinkLimit = { rateLimit: { max: 5, timeWindow: '1 minute' } };

  app.get<{ Params: { slug: string } }>('/events/:slug/lost-link', { schema: { params: slugParams } }, async (request, reply) => {
    const { event } = await openEvent(request.params.slug);
    return reply.header('cache-control', PRIVATE).page(h(LostLinkView, { event, values: {}, errors: {}, csrf: reply.generateCsrf() }), { title: `Lost your link? ${event.title}` });
  });

  app.post<{ Params: { slug: string }; Body: Record<string, unknown> }>(
    '/events/:slug/lost-link',
    { schema: { params: slugParams }, preHandler: app.csrfProtection, config: lostLinkLimit },
    async (request, reply) => {
      const { event } = await openEvent(request.params.slug);
      const parsed = parseForm(lostLinkFormSchema, request.body);
      if (!parsed.ok) {
        return reply
          .header('cache-control', PRIVATE)
          .page(h(LostLinkView, { event, values: parsed.values, errors: parsed.errors, csrf: reply.generateCsrf() }), { title: `Lost your link? ${event.title}`, status: 422 });
      }
      const reg = await findByEmail(app.db, event.id, parsed.data.email);
      if (reg) await queueRegistrationMail(app.db, reg.id, 'link', `registration.link:${reg.id}:${Math.floor(Date.now() / LOST_LINK_WINDOW_MS)}`);
      return reply
        .header('cache-control', PRIVATE)
        .page(h(LostLinkView, { event, values: {}, errors: {}, csrf: '', sentTo: parsed.data.email }), { title: `Lost your link? ${event.title}` });
    },
  );

  // ------------------------------------------------------------ self-service by signed link

  type ManageRequest = FastifyRequest<{ Params: { rid: number; token: string }; Body: Record<string, unknown>; Querystring: { notice?: string } }>;

  /** The registration behind a signed link; a wrong or tampered token looks exactly like a missing registration. */
  async function managed(request: ManageRequest) {
    const { rid, token } = request.params;
    const reg = verifyRegistrationToken(secret, rid, 'manage', token) ? await findRegistration(app.db, rid) : null;
    if (!reg || reg.anonymised) throw new NotFound('This link is not valid. Use the link from your latest e-mail.');
    const event = await findEventById(app.db, reg.eventId);
    const settings = event ? await getSettings(app.db, event.id) : null;
    if (!event || !settings) throw new NotFound('This event no longer takes registrations.');
    return { reg, event, settings, base: managePath(secret, reg.id) };
  }

  const NOTICES: Record<string, string> = {
    registered: 'Thank you, we have your registration. A confirmation is on its way to your inbox.',
    saved: 'Your details are saved.',
    mode: 'How you attend has been changed.',
    cancelled: 'Your registration is cancelled.',
    confirmed: 'Thank you: your place is confirmed. The details are on their way to your inbox.',
    accepted: 'Thank you for accepting. The organisers review registrations; you will hear from us once they have decided.',
    'offer-declined': 'Thank you for letting us know. The place goes to the next person waiting.',
  };
  const OFFER_NOTICES: Partial<Record<Status, string>> = { confirmed: 'confirmed', pending: 'accepted', lapsed: 'offer-declined' };

  const renderManage = async (reply: FastifyReply, m: Awaited<ReturnType<typeof managed>>, options: { values?: Record<string, unknown>; errors?: Record<string, string>; notice?: string; status?: number } = {}) =>
    reply.header('cache-control', PRIVATE).page(
      h(ManageView, {
        event: m.event,
        settings: m.settings,
        registration: m.reg,
        base: m.base,
        modes: modesOf(m.event.format),
        values: options.values ?? registrationValues(m.reg, m.settings),
        errors: options.errors ?? {},
        csrf: reply.generateCsrf(),
        notice: options.notice,
        open: phaseOf(m.event, m.settings) === 'open',
        position: await waitlistPosition(app.db, m.reg),
      }),
      { title: 'Your registration', status: options.status },
    );

  const manageQuery = { type: 'object', properties: { notice: { type: 'string', maxLength: 20 } } } as const;

  app.get('/registrations/:rid/:token', { schema: { params: manageParams, querystring: manageQuery } }, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    return renderManage(reply, m, { notice: NOTICES[request.query.notice ?? ''] });
  });

  app.get('/registrations/:rid/:token/data.json', { schema: { params: manageParams } }, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    return reply
      .header('cache-control', PRIVATE)
      .header('content-disposition', `attachment; filename="registration-${m.reg.id}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(personalData(m.reg, m.event), null, 2));
  });

  app.get('/registrations/:rid/:token/calendar.ics', { schema: { params: manageParams } }, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    if (m.reg.status !== 'confirmed') throw new NotFound('The calendar file is there once your place is confirmed.');
    const meetingUrl = m.reg.mode === 'online' ? await getMeetingUrl(app.db, m.event.id) : null;
    return reply
      .header('cache-control', PRIVATE)
      .header('content-disposition', `attachment; filename="${m.event.slug}.ics"`)
      .type('text/calendar; charset=utf-8')
      .send(registrationIcs(m.event, m.reg, meetingUrl, app.config.baseUrl + m.base));
  });

  const managePost = { schema: { params: manageParams }, preHandler: app.csrfProtection };

  app.post('/registrations/:rid/:token/answers', managePost, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    const parsed = parseForm(answersFormSchema(m.settings.questions), request.body);
    if (!parsed.ok) return renderManage(reply, m, { values: parsed.values, errors: parsed.errors, status: 422 });
    await updateAnswers(app.db, m.reg.id, parsed.data);
    return reply.redirect(`${m.base}?notice=saved`, 303);
  });

  app.post('/registrations/:rid/:token/mode', managePost, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    try {
      await switchMode(app.db, m.event, m.reg.id, String(request.body?.mode ?? '') as Mode);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) return renderManage(reply, m, { errors: error.fields, status: 422 });
      throw error;
    }
    return reply.redirect(`${m.base}?notice=mode`, 303);
  });

  app.post('/registrations/:rid/:token/offer', managePost, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    const answer = request.body?.answer;
    if (answer !== 'accept' && answer !== 'decline') return renderManage(reply, m, { errors: { _form: 'Choose to accept or decline the place.' }, status: 422 });
    let status: Status;
    try {
      status = await answerOffer(app.db, m.reg.id, answer === 'accept');
    } catch (error) {
      if (error instanceof AppError && error.status === 422) return renderManage(reply, { ...m, reg: (await findRegistration(app.db, m.reg.id))! }, { errors: error.fields, status: 422 });
      throw error;
    }
    return reply.redirect(`${m.base}?notice=${OFFER_NOTICES[status] ?? 'saved'}`, 303);
  });

  // Cancelling takes two steps: this page says what happens to the place, its form does it.
  app.get('/registrations/:rid/:token/cancel', { schema: { params: manageParams } }, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    if (!ACTIVE.includes(m.reg.status)) return reply.redirect(m.base, 303);
    return reply
      .header('cache-control', PRIVATE)
      .page(h(CancelView, { event: m.event, registration: m.reg, base: m.base, position: await waitlistPosition(app.db, m.reg), csrf: reply.generateCsrf() }), { title: 'Cancel your registration?' });
  });

  app.post('/registrations/:rid/:token/cancel', managePost, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    await cancelRegistration(app.db, m.reg.id);
    return reply.redirect(`${m.base}?notice=cancelled`, 303);
  });

  app.post('/registrations/:rid/:token/delete', managePost, async (request: ManageRequest, reply) => {
    const m = await managed(request);
    await deleteRegistration(app.db, m.reg.id);
    return reply.header('cache-control', PRIVATE).page(h(DeletedView, { event: m.event }), { title: 'Registration deleted' });
  });

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
    openEvents.delete(event.slug);
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
      ['id', 'name', 'email', 'organisation', 'country', 'role', 'dietary', 'mode', 'status', 'checked_in_at', 'registered_at', ...custom],
      rows.map((r) => [r.id, r.name, r.email, r.organisation, r.country, r.role, r.dietary, r.mode, r.status, r.checkedInAt, r.createdAt, ...custom.map((q) => r.answers[q] ?? '')]),
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
