import { slugParams } from '../../lib/validation.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { findEventById, getMeetingUrl, type HubEvent } from '../events/service.js';
import { registrationIcs } from './messages.js';
import { answersFormSchema, lostLinkFormSchema, manageParams, registrationApiBody, registrationFormSchema } from './schema.js';
import {
  ACTIVE,
  answerOffer,
  cancelRegistration,
  deleteRegistration,
  findByEmail,
  findRegistration,
  getSettings,
  type Mode,
  managePath,
  modesOf,
  phaseOf,
  queueRegistrationMail,
  register,
  type Registration,
  type RegistrationInput,
  registrationSummary,
  type RegistrationSettings,
  type Status,
  switchMode,
  updateAnswers,
  verifyRegistrationToken,
  waitlistPosition,
} from './service.js';
import { CancelView, DeletedView, LostLinkView, ManageView, RegisterView } from './views.js';

import { openEvents } from './open-events.js';

const PRIVATE = 'private, no-store';

function registrationValues(reg: Registration, settings: RegistrationSettings): Record<string, unknown> {
  const values: Record<string, unknown> = { name: reg.name, organisation: reg.organisation, organisation_type: reg.organisationType ?? '', country: reg.country, role: reg.role, dietary: reg.dietary };
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
      organisationType: reg.organisationType,
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
/** The public side: the registration form and its API, the lost-link form, and self-service by signed link. */
export const registrationRoutes: FastifyPluginAsync = async (app) => {
  const secret = app.config.secret;
  const limit = app.config.registrationRateLimit;
  // Registering needs no account, so the per-address limit is what keeps scripts from filling the seats.
  const rateLimit = limit > 0 ? { rateLimit: { max: limit, timeWindow: '1 minute' } } : {};
  const openEvent = (slug: string) => openEvents(app).get(slug);

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
  async function registrationFromLink(request: ManageRequest) {
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

  const renderManage = async (reply: FastifyReply, linked: Awaited<ReturnType<typeof registrationFromLink>>, options: { values?: Record<string, unknown>; errors?: Record<string, string>; notice?: string; status?: number } = {}) =>
    reply.header('cache-control', PRIVATE).page(
      h(ManageView, {
        event: linked.event,
        settings: linked.settings,
        registration: linked.reg,
        base: linked.base,
        modes: modesOf(linked.event.format),
        values: options.values ?? registrationValues(linked.reg, linked.settings),
        errors: options.errors ?? {},
        csrf: reply.generateCsrf(),
        notice: options.notice,
        open: phaseOf(linked.event, linked.settings) === 'open',
        position: await waitlistPosition(app.db, linked.reg),
      }),
      { title: 'Your registration', status: options.status },
    );

  const manageQuery = { type: 'object', properties: { notice: { type: 'string', maxLength: 20 } } } as const;

  app.get('/registrations/:rid/:token', { schema: { params: manageParams, querystring: manageQuery } }, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    return renderManage(reply, linked, { notice: NOTICES[request.query.notice ?? ''] });
  });

  app.get('/registrations/:rid/:token/data.json', { schema: { params: manageParams } }, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    return reply
      .header('cache-control', PRIVATE)
      .header('content-disposition', `attachment; filename="registration-${linked.reg.id}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(personalData(linked.reg, linked.event), null, 2));
  });

  app.get('/registrations/:rid/:token/calendar.ics', { schema: { params: manageParams } }, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    if (linked.reg.status !== 'confirmed') throw new NotFound('The calendar file is there once your place is confirmed.');
    const meetingUrl = linked.reg.mode === 'online' ? await getMeetingUrl(app.db, linked.event.id) : null;
    return reply
      .header('cache-control', PRIVATE)
      .header('content-disposition', `attachment; filename="${linked.event.slug}.ics"`)
      .type('text/calendar; charset=utf-8')
      .send(registrationIcs(linked.event, linked.reg, meetingUrl, app.config.baseUrl + linked.base));
  });

  const managePost = { schema: { params: manageParams }, preHandler: app.csrfProtection };

  app.post('/registrations/:rid/:token/answers', managePost, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    const parsed = parseForm(answersFormSchema(linked.settings.questions), request.body);
    if (!parsed.ok) return renderManage(reply, linked, { values: parsed.values, errors: parsed.errors, status: 422 });
    await updateAnswers(app.db, linked.reg.id, parsed.data);
    return reply.redirect(`${linked.base}?notice=saved`, 303);
  });

  app.post('/registrations/:rid/:token/mode', managePost, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    try {
      await switchMode(app.db, linked.event, linked.reg.id, String(request.body?.mode ?? '') as Mode);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) return renderManage(reply, linked, { errors: error.fields, status: 422 });
      throw error;
    }
    return reply.redirect(`${linked.base}?notice=mode`, 303);
  });

  app.post('/registrations/:rid/:token/offer', managePost, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    const answer = request.body?.answer;
    if (answer !== 'accept' && answer !== 'decline') return renderManage(reply, linked, { errors: { _form: 'Choose to accept or decline the place.' }, status: 422 });
    let status: Status;
    try {
      status = await answerOffer(app.db, linked.reg.id, answer === 'accept');
    } catch (error) {
      if (error instanceof AppError && error.status === 422) return renderManage(reply, { ...linked, reg: (await findRegistration(app.db, linked.reg.id))! }, { errors: error.fields, status: 422 });
      throw error;
    }
    return reply.redirect(`${linked.base}?notice=${OFFER_NOTICES[status] ?? 'saved'}`, 303);
  });

  // Cancelling takes two steps: this page says what happens to the place, its form does it.
  app.get('/registrations/:rid/:token/cancel', { schema: { params: manageParams } }, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    if (!ACTIVE.includes(linked.reg.status)) return reply.redirect(linked.base, 303);
    return reply
      .header('cache-control', PRIVATE)
      .page(h(CancelView, { event: linked.event, registration: linked.reg, base: linked.base, position: await waitlistPosition(app.db, linked.reg), csrf: reply.generateCsrf() }), { title: 'Cancel your registration?' });
  });

  app.post('/registrations/:rid/:token/cancel', managePost, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    await cancelRegistration(app.db, linked.reg.id);
    return reply.redirect(`${linked.base}?notice=cancelled`, 303);
  });

  app.post('/registrations/:rid/:token/delete', managePost, async (request: ManageRequest, reply) => {
    const linked = await registrationFromLink(request);
    await deleteRegistration(app.db, linked.reg.id);
    return reply.header('cache-control', PRIVATE).page(h(DeletedView, { event: linked.event }), { title: 'Registration deleted' });
  });
};
