import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import QRCode from 'qrcode';
import { createBus } from '../../lib/bus.js';
import { AdminLayout, adminPage } from '../../web/admin.js';
import { AppError, Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { type Actor, authorize, isAdmin } from '../../lib/policy.js';
import { eventsOfProject, findEventById, type HubEvent, listEvents, projectsOfEvent } from '../events/service.js';
import { type Audience, currentQuestion, LiveHub, type SessionState } from './hub.js';
import { canModerateEvent, canRunSessions } from './policy.js';
import {
  type QuestionAction,
  type QuestionFormData,
  answerFromForm,
  apiAnswerBody,
  apiJoinBody,
  blockedWordsForm,
  entryHideParams,
  nicknameForm,
  codeParams,
  duplicateForm,
  entryParams,
  eventsQuery,
  joinQuery,
  qaForm,
  qaModerationParams,
  questionActionParams,
  questionForm,
  questionEditParams,
  questionParams,
  sessionForm,
  sessionParams,
} from './schema.js';
import {
  CODE_PATTERN,
  DEFAULT_AXES,
  type LiveSession,
  type QuestionInput,
  addQaEntry,
  addQuestion,
  answerCount,
  answerInserter,
  answersCsv,
  closeSession,
  createSession,
  deleteQuestion,
  duplicateSession,
  findAnswer,
  findQaEntry,
  findSessionById,
  listBlockedWords,
  listEntries,
  listQa,
  quizLeaderboard,
  replaceBlockedWords,
  screenQa,
  setEntryHidden,
  setNickname,
  listQuestions,
  listSessions,
  moderateQa,
  moveOn,
  moveQuestion,
  normaliseCode,
  phoneSeesResults,
  questionResults,
  reopenSession,
  resetQuestion,
  setCurrentQuestion,
  setQuestionState,
  setResultsVisible,
  stepQuestion,
  updateQuestion,
  upvoteQa,
} from './service.js';
import { AdminListView, BlockedWordsView, chartSvg, ControlView, JoinView, QuestionEditView, questionFormValues, LIVE_ANSWER_SCRIPT, LIVE_SCRIPT, ParticipantView, PresenterView, qaListFragment, renderResultsFragment } from './views.js';

/** A validated question form as the service takes it. */
function questionInput(v: QuestionFormData): QuestionInput {
  return {
    type: v.type,
    prompt: v.prompt,
    options: v.list,
    multi: v.multi === 'on',
    uncertainLabel: v.uncertainLabel || null,
    scaleMax: Number(v.scaleMax),
    axes: [v.xAxis || DEFAULT_AXES[0], v.yAxis || DEFAULT_AXES[1]],
    correct: v.type === 'quiz' ? Number(v.correct) - 1 : null,
    timer: v.type === 'quiz' && v.timer !== '' ? Number(v.timer) : null,
    allowChange: v.allowChange === 'on',
    resultsVisible: v.resultsVisible === 'on',
  };
}

const TOKEN_COOKIE = 'live_token';
const TOKEN_HEADER = 'x-live-token';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;

export const liveRoutes: FastifyPluginAsync = async (app) => {
  const bus = createBus({ redisUrl: app.config.redisUrl, databaseUrl: app.config.databaseUrl, pool: app.database.pool });
  const hub = new LiveHub(app.db, bus, app.config.secret, renderResultsFragment, answerInserter(app.db, app.database.sqlite), (error) => app.log.error({ err: error }, 'live update failed'));
  app.addHook('onReady', () => bus.ready());
  app.metrics.addGauge({ name: 'sse_connections', help: 'Open live-session streams (phones, screens, moderators) on this instance', read: () => hub.streamCount });
  // Open SSE streams would keep the server from closing; end them first.
  app.addHook('preClose', () => hub.close());
  app.addHook('onClose', () => bus.close());

  const joinUrl = (code: string) => `${app.config.baseUrl}/live/${code}`;
  const secureCookies = app.config.baseUrl.startsWith('https:');

  async function sessionByCode(raw: string): Promise<SessionState> {
    const code = normaliseCode(raw);
    const state = CODE_PATTERN.test(code) ? await hub.byCode(code) : null;
    if (!state) throw new NotFound('There is no live session with this code. Check the code on the screen.');
    return state;
  }

  const tokenOf = (request: FastifyRequest) => (request.headers[TOKEN_HEADER] as string | undefined) ?? request.cookies[TOKEN_COOKIE];

  /** Loads a session and checks the person may moderate it: admin, or editor of an organising project. */
  async function moderated(request: FastifyRequest, sessionId: number): Promise<{ session: LiveSession; event: HubEvent; actor: Actor }> {
    const session = await findSessionById(app.db, sessionId);
    if (!session) throw new NotFound('There is no live session with this number.');
    const event = await findEventById(app.db, session.eventId);
    if (!event) throw new NotFound('The event of this session no longer exists.');
    const projects = await projectsOfEvent(app.db, event.id);
    authorize(request.user, canModerateEvent(request.user, projects.map((p) => p.id)));
    return { session, event, actor: request.user };
  }

  async function requireModerator(request: FastifyRequest, state: SessionState): Promise<void> {
    await moderated(request, state.session.id);
  }

  /** Events this person may run sessions for. */
  async function moderatableEvents(actor: Actor): Promise<HubEvent[]> {
    if (isAdmin(actor)) return (await listEvents(app.db, { when: 'all', page: 1 }, 500)).events;
    const byId = new Map<number, HubEvent>();
    for (const projectId of actor.projectIds) for (const e of await eventsOfProject(app.db, projectId)) byId.set(e.id, e);
    return [...byId.values()].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  }

  async function renderParticipant(request: FastifyRequest, reply: FastifyReply, state: SessionState, extra: { error?: string; notice?: string; status?: number } = {}) {
    const { session } = state;
    const participantId = verifyToken(request, state);
    const question = currentQuestion(state);
    const [previous, event] = await Promise.all([
      participantId !== null && question ? findAnswer(app.db, question.id, participantId) : Promise.resolve(null),
      findEventById(app.db, session.eventId),
    ]);
    const results = question && phoneSeesResults(question, previous !== null) ? (await hub.results(question, 'participant')).results : null;
    const qa = question?.type === 'qa' ? await screenQa(app.db, question.id, { includePending: false }) : [];
    reply.header('cache-control', 'no-store');
    return reply.page(
      h(ParticipantView, {
        session,
        eventUrl: event?.url ?? null,
        joined: participantId !== null,
        question,
        previous,
        results,
        qa,
        csrf: reply.generateCsrf(),
        error: extra.error,
        notice: extra.notice,
      }),
      { title: session.title, scripts: [LIVE_SCRIPT, LIVE_ANSWER_SCRIPT], status: extra.status, bare: true, bodyClass: 'live-phone-page' },
    );
  }

  /** A phone that has answered the question on screen follows the stream that may carry its results. */
  async function phoneAudience(request: FastifyRequest, state: SessionState): Promise<Audience> {
    const question = currentQuestion(state);
    if (!question || !request.cookies[TOKEN_COOKIE]) return 'participant';
    const participantId = verifyToken(request, state);
    return participantId !== null && (await findAnswer(app.db, question.id, participantId)) !== null ? 'voted' : 'participant';
  }

  function verifyToken(request: FastifyRequest, state: SessionState): number | null {
    try {
      return hub.participant(state, tokenOf(request));
    } catch {
      return null;
    }
  }

  // --- Participants -------------------------------------------------------------------------

  app.get<{ Querystring: { code?: string } }>('/live', { schema: { querystring: joinQuery } }, async (request, reply) => {
    const raw = request.query.code;
    const layout = { title: 'Join a live session', bare: true, bodyClass: 'live-phone-page' };
    if (raw === undefined) return reply.page(h(JoinView, { code: '' }), layout);
    const code = normaliseCode(raw);
    const state = CODE_PATTERN.test(code) ? await hub.byCode(code) : null;
    if (!state) {
      const error = raw.trim() === '' ? 'Enter the code shown on the screen.' : 'There is no live session with this code. Codes have six letters and digits.';
      return reply.page(h(JoinView, { code: raw, error }), { ...layout, status: 422 });
    }
    return reply.redirect(`/live/${code}`, 303);
  });

  // Phones fetch their own copy of the Q&A list when the session changes: the shared update cannot
  // carry it, because its upvote buttons hold each visitor's CSRF token.
  app.get<{ Params: { code: string } }>('/live/:code/qa', { schema: { params: codeParams } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    const question = currentQuestion(state);
    if (!question || question.type !== 'qa') throw new NotFound('The question on screen does not take questions from the audience.');
    const entries = await screenQa(app.db, question.id, { includePending: false });
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(qaListFragment(state.session.code, entries, reply.generateCsrf()));
  });

  app.get<{ Params: { code: string }; Querystring: { sent?: string } }>('/live/:code', { schema: { params: codeParams } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    if (state.session.code !== request.params.code) return reply.redirect(`/live/${state.session.code}`, 303);
    // A sent answer is confirmed by the page itself ("Answer sent", then waiting for the next question).
    const notices: Record<string, string> = { question: 'Your question has been sent to the moderator.', upvote: 'Your upvote has been counted.', joined: 'You have joined the session.' };
    return renderParticipant(request, reply, state, { notice: notices[request.query.sent ?? ''] });
  });

  function setTokenCookie(reply: FastifyReply, code: string, token: string) {
    reply.setCookie(TOKEN_COOKIE, token, { path: `/live/${code}`, httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 60 * 60 * 24 * 30 });
  }

  // Each join creates a participant row; a venue's phones often share one address, so the default is generous.
  const joinLimit = app.config.liveJoinRateLimit > 0 ? { rateLimit: { max: app.config.liveJoinRateLimit, timeWindow: '1 minute' } } : {};

  /** A nickname as typed (optional, for the quiz leaderboard), or a refusal a person can read. */
  function nicknameOf(body: unknown): string | null {
    const raw = (body as { nickname?: unknown } | undefined)?.nickname;
    if (raw === undefined) return null;
    const parsed = parseForm(nicknameForm, { nickname: raw });
    if (!parsed.ok) throw new Invalid({ nickname: parsed.errors.nickname }, parsed.errors.nickname ?? 'Choose a shorter nickname.');
    return parsed.data.nickname || null;
  }

  app.post<{ Params: { code: string } }>('/live/:code/join', { schema: { params: codeParams }, preHandler: app.csrfProtection, config: joinLimit }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    if (verifyToken(request, state) === null) setTokenCookie(reply, state.session.code, await hub.join(state, nicknameOf(request.body)));
    return reply.redirect(`/live/${state.session.code}?sent=joined`, 303);
  });

  app.post<{ Params: { code: string } }>('/api/live/:code/participants', { schema: { params: codeParams, body: apiJoinBody }, config: { securityHeaders: false, ...joinLimit } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    const token = await hub.join(state, nicknameOf(request.body));
    return reply.code(201).send({ token, session: state.session.code });
  });

  app.post<{ Params: { code: string; questionId: number } }>(
    '/live/:code/questions/:questionId/answer',
    { schema: { params: questionParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const state = await sessionByCode(request.params.code);
      try {
        const participantId = hub.participant(state, tokenOf(request));
        const question = hub.question(state, request.params.questionId);
        const form = answerFromForm(question, (request.body ?? {}) as Record<string, unknown>);
        if ('reason' in form) throw new Invalid({ answer: form.reason }, form.reason);
        const nickname = question.type === 'quiz' ? nicknameOf(request.body) : null;
        await hub.answer(state, participantId, question.id, form.raw);
        if (nickname) await setNickname(app.db, participantId, nickname);
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return renderParticipant(request, reply, state, { error: error.message, status: error.status });
        throw error;
      }
      return reply.redirect(`/live/${state.session.code}?sent=answer`, 303);
    },
  );

  // The token is checked before the body is parsed, so a caller without one learns nothing more.
  const apiVoters = new WeakMap<FastifyRequest, { state: SessionState; participantId: number }>();
  app.post<{ Params: { code: string; questionId: number }; Body: Record<string, unknown> }>(
    '/api/live/:code/questions/:questionId/answer',
    {
      schema: { params: questionParams, body: apiAnswerBody },
      // The hot path: JSON in, JSON out; the page security headers (CSP…) are skipped here.
      config: { securityHeaders: false },
      onRequest: async (request) => {
        const { code } = request.params as { code: string };
        const state = await sessionByCode(String(code));
        apiVoters.set(request, { state, participantId: hub.participant(state, request.headers[TOKEN_HEADER] as string | undefined) });
      },
    },
    async (request) => {
      const { state, participantId } = apiVoters.get(request)!;
      const nickname = request.body.nickname === undefined ? null : nicknameOf(request.body);
      const counted = await hub.answer(state, participantId, request.params.questionId, request.body);
      if (nickname) await setNickname(app.db, participantId, nickname);
      return { counted: true, ...counted };
    },
  );

  app.post<{ Params: { code: string; questionId: number } }>(
    '/live/:code/questions/:questionId/qa',
    { schema: { params: questionParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const state = await sessionByCode(request.params.code);
      const participantId = hub.participant(state, tokenOf(request));
      const question = hub.question(state, request.params.questionId);
      if (question.type !== 'qa') throw new Conflict('This question does not take questions from the audience.');
      if (question.state !== 'open') throw new Conflict('Questions are closed.');
      const parsed = parseForm(qaForm, request.body);
      if (!parsed.ok) return renderParticipant(request, reply, state, { error: parsed.errors.question ?? 'Write your question.', status: 422 });
      await addQaEntry(app.db, question.id, participantId, parsed.data.question);
      await hub.qaChanged(state, question.id);
      return reply.redirect(`/live/${state.session.code}?sent=question`, 303);
    },
  );

  app.post<{ Params: { code: string; entryId: number } }>('/live/:code/qa/:entryId/upvote', { schema: { params: entryParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    const participantId = hub.participant(state, tokenOf(request));
    const entry = await findQaEntry(app.db, request.params.entryId);
    const question = entry ? state.questions.get(entry.questionId) : undefined;
    if (!entry || !question || entry.state === 'hidden' || entry.state === 'pending') throw new NotFound('This question is not part of this session.');
    if (question.state !== 'open') throw new Conflict('Upvotes are closed.');
    if (!(await upvoteQa(app.db, entry.id, participantId))) throw new Conflict('You have already upvoted this question.');
    await hub.qaChanged(state, question.id);
    return reply.redirect(`/live/${state.session.code}?sent=upvote`, 303);
  });

  app.get<{ Params: { code: string }; Querystring: { view: Audience } }>(
    '/live/:code/events',
    // Hijacked: the stream writes its own head, so the security headers would never be sent.
    { schema: { params: codeParams, querystring: eventsQuery }, config: { securityHeaders: false } },
    async (request, reply) => {
      const state = await sessionByCode(request.params.code);
      let audience: Audience = request.query.view;
      if (audience !== 'participant') await requireModerator(request, state);
      else audience = await phoneAudience(request, state);
      reply.hijack();
      // The head goes straight to the socket and the body is delimited by closing the connection
      // (no chunked framing), so each update costs one write per viewer.
      const socket = request.raw.socket;
      socket.setNoDelay(true);
      socket.write(
        'HTTP/1.1 200 OK\r\n' +
          'content-type: text/event-stream; charset=utf-8\r\n' +
          'cache-control: no-store, no-transform\r\n' +
          'x-content-type-options: nosniff\r\n' +
          // Tells nginx-like proxies not to buffer the stream.
          'x-accel-buffering: no\r\n' +
          'connection: close\r\n\r\n' +
          'retry: 3000\n\n',
      );
      hub.subscribe(state, audience, socket);
    },
  );

  const qrCache = new Map<string, string>();
  app.get<{ Params: { code: string } }>('/live/:code/qr.svg', { schema: { params: codeParams } }, async (request: CodeRequest, reply) => {
    const state = await sessionByCode(request.params.code);
    const url = joinUrl(state.session.code);
    let svg = qrCache.get(url);
    if (!svg) {
      svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      qrCache.set(url, svg);
    }
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
  });

  // A chart of the archive as an SVG file; published with the archive, so only once the session has ended.
  app.get<{ Params: { code: string; questionId: number } }>('/live/:code/questions/:questionId/chart.svg', { schema: { params: questionParams } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    if (state.session.status !== 'closed') throw new NotFound('Charts are published with the archive, once the session has ended.');
    const question = hub.question(state, request.params.questionId);
    const svg = question.state === 'closed' ? chartSvg(question, await questionResults(app.db, question)) : null;
    if (!svg) throw new NotFound('This question has no chart to download.');
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="live-${state.session.code}-question-${question.position + 1}.svg"`)
      .send(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
  });

  app.get<{ Params: { code: string } }>('/live/:code/present', { schema: { params: codeParams } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    await requireModerator(request, state);
    const { session } = state;
    const question = currentQuestion(state);
    const computed = question ? await hub.results(question, 'present') : null;
    const control = `/admin/live/${session.id}`;
    reply.header('cache-control', 'no-store');
    return reply.page(
      h(PresenterView, {
        session,
        question,
        results: computed?.results ?? null,
        participants: state.participants,
        joinUrl: joinUrl(session.code),
        fragment: question && computed ? renderResultsFragment(question, computed.results, 'present') : null,
        leaderboard: question?.type === 'quiz' && question.state === 'closed' ? await quizLeaderboard(app.db, session.id) : null,
        controls: {
          back: `${control}/back`,
          forward: `${control}/forward`,
          results: question ? `${control}/questions/${question.id}/${question.resultsVisible ? 'hide' : 'show'}` : null,
          csrf: reply.generateCsrf(),
        },
      }),
      { title: `${session.title} (presenter view)`, bare: true, bodyClass: 'live-present-page', scripts: [LIVE_SCRIPT] },
    );
  });

  // --- Moderators ---------------------------------------------------------------------------

  async function renderList(request: FastifyRequest, reply: FastifyReply, form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {}) {
    const actor = request.user;
    authorize(actor, canRunSessions(actor));
    const events = await moderatableEvents(actor);
    const sessions = await listSessions(app.db, isAdmin(actor) ? {} : { eventIds: events.map((e) => e.id) });
    const titles = new Map(events.map((e) => [e.id, e.title]));
    for (const s of sessions) if (!titles.has(s.eventId)) titles.set(s.eventId, (await findEventById(app.db, s.eventId))?.title ?? '—');
    return adminPage(
      request,
      reply,
      'Live sessions',
      h(AdminListView, {
        sessions: sessions.map((session) => ({ session, eventTitle: titles.get(session.eventId) ?? '—' })),
        events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, timezone: e.timezone })),
        csrf: reply.generateCsrf(),
        ...form,
      }),
      { status: form.status },
    );
  }

  app.get('/admin/live', async (request, reply) => renderList(request, reply));

  // Blocked words hold for the whole hub, so only an admin sets them.
  app.get<{ Querystring: { saved?: string } }>('/admin/live/blocked-words', async (request, reply) => {
    authorize(request.user, isAdmin(request.user));
    return adminPage(request, reply, 'Blocked words in live sessions', h(BlockedWordsView, { words: await listBlockedWords(app.db), csrf: reply.generateCsrf(), saved: request.query.saved === '1' }));
  });

  app.post('/admin/live/blocked-words', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, isAdmin(request.user));
    const parsed = parseForm(blockedWordsForm, request.body);
    if (!parsed.ok) return adminPage(request, reply, 'Blocked words in live sessions', h(BlockedWordsView, { words: [], csrf: reply.generateCsrf(), errors: parsed.errors }), { status: 422 });
    await replaceBlockedWords(app.db, parsed.data.words.split(/\r?\n/));
    await hub.blockedWordsChanged();
    return reply.redirect('/admin/live/blocked-words?saved=1', 303);
  });

  app.post('/admin/live', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = request.user;
    authorize(actor, canRunSessions(actor));
    const parsed = parseForm(sessionForm, request.body);
    if (!parsed.ok) return renderList(request, reply, { errors: parsed.errors, values: parsed.values, status: 422 });
    const event = await findEventById(app.db, parsed.data.eventId);
    if (!event) return renderList(request, reply, { errors: { eventId: 'Choose one of the events listed.' }, values: request.body as Record<string, unknown>, status: 422 });
    authorize(actor, canModerateEvent(actor, (await projectsOfEvent(app.db, event.id)).map((p) => p.id)));
    const session = await createSession(app.db, { eventId: event.id, title: parsed.data.title, createdBy: actor.id });
    return reply.redirect(`/admin/live/${session.id}`, 303);
  });

  async function renderControl(request: FastifyRequest, reply: FastifyReply, sessionId: number, form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {}) {
    const { session, event, actor } = await moderated(request, sessionId);
    const state = await sessionByCode(session.code);
    const questions = await listQuestions(app.db, session.id);
    const current = questions.find((q) => q.id === session.currentQuestionId) ?? null;
    const rows = await Promise.all(questions.map(async (question) => ({ question, responses: (await hub.results(question, 'moderate')).results.responses })));
    const computed = current ? await hub.results(current, 'moderate') : null;
    const entries = current && (current.type === 'wordcloud' || current.type === 'text') ? await listEntries(app.db, current.id) : [];
    const qa = await Promise.all(questions.filter((q) => q.type === 'qa').map(async (question) => ({ question, entries: await listQa(app.db, question.id) })));
    reply.header('cache-control', 'no-store');
    const body = h(ControlView, {
      session,
      eventTitle: event.title,
      eventUrl: event.url,
      questions: rows,
      current,
      fragment: current && computed ? renderResultsFragment(current, computed.results, 'moderate') : null,
      qa,
      entries,
      participants: state.participants,
      joinUrl: joinUrl(session.code),
      events: (await moderatableEvents(actor)).map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, timezone: e.timezone })),
      csrf: reply.generateCsrf(),
      ...form,
    });
    // The back-office layout, plus the client module that follows the session's stream.
    return reply.page(h(AdminLayout, { actor: request.user, path: request.url.split('?')[0], title: session.title, children: body }), {
      title: `${session.title} · Back office`,
      scripts: [LIVE_SCRIPT],
      status: form.status,
    });
  }

  app.get<{ Params: { id: number } }>('/admin/live/:id', { schema: { params: sessionParams } }, async (request, reply) => renderControl(request, reply, request.params.id));

  app.get<{ Params: { id: number } }>('/admin/live/:id/answers.csv', { schema: { params: sessionParams } }, async (request, reply) => {
    const { session } = await moderated(request, request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="live-${session.code}-answers.csv"`)
      .send(await answersCsv(app.db, session.id));
  });

  app.post<{ Params: { id: number } }>('/admin/live/:id/questions', { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await moderated(request, request.params.id);
    const parsed = parseForm(questionForm, request.body);
    if (!parsed.ok) return renderControl(request, reply, session.id, { errors: parsed.errors, values: parsed.values, status: 422 });
    await addQuestion(app.db, session.id, questionInput(parsed.data));
    await hub.sessionChanged(session.id);
    return reply.redirect(`/admin/live/${session.id}`, 303);
  });

  async function questionOf(sessionId: number, questionId: number) {
    const question = (await listQuestions(app.db, sessionId)).find((q) => q.id === questionId);
    if (!question) throw new NotFound('This question is not part of this session.');
    return question;
  }

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, params: { id: number; questionId: number }, form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {}) {
    const { session } = await moderated(request, params.id);
    const question = await questionOf(session.id, params.questionId);
    return adminPage(
      request,
      reply,
      `Edit question ${question.position + 1} of ${session.title}`,
      h(QuestionEditView, { sessionId: session.id, question, responses: await answerCount(app.db, question.id), csrf: reply.generateCsrf(), values: form.values ?? questionFormValues(question), errors: form.errors }),
      { status: form.status },
    );
  }

  app.get<{ Params: { id: number; questionId: number } }>('/admin/live/:id/questions/:questionId/edit', { schema: { params: questionEditParams } }, async (request, reply) => renderEdit(request, reply, request.params));

  app.post<{ Params: { id: number; questionId: number } }>('/admin/live/:id/questions/:questionId/edit', { schema: { params: questionEditParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await moderated(request, request.params.id);
    const question = await questionOf(session.id, request.params.questionId);
    const parsed = parseForm(questionForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, request.params, { errors: parsed.errors, values: parsed.values, status: 422 });
    const saved = await updateQuestion(app.db, question.id, questionInput(parsed.data), { resetAnswers: parsed.data.confirmReset === 'on' });
    if (!saved) {
      const errors = { confirmReset: 'This question has answers already: tick the box to delete them and save the new wording.' };
      return renderEdit(request, reply, request.params, { errors, values: request.body as Record<string, unknown>, status: 409 });
    }
    await hub.sessionChanged(session.id, { recount: question.id });
    return reply.redirect(`/admin/live/${session.id}`, 303);
  });

  app.post<{ Params: { id: number; questionId: number; action: QuestionAction } }>(
    '/admin/live/:id/questions/:questionId/:action',
    { schema: { params: questionActionParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { session } = await moderated(request, request.params.id);
      const question = await questionOf(session.id, request.params.questionId);
      if (request.params.action === 'delete' && (request.body as { confirm?: unknown } | undefined)?.confirm !== 'reset' && (await answerCount(app.db, question.id)) > 0) {
        throw new Conflict('This question has answers: confirm that they are deleted with it.');
      }
      const actions: Record<QuestionAction, () => Promise<void>> = {
        open: () => setQuestionState(app.db, question, 'open'),
        close: () => setQuestionState(app.db, question, 'closed'),
        show: () => setResultsVisible(app.db, question.id, true),
        hide: () => setResultsVisible(app.db, question.id, false),
        reset: () => resetQuestion(app.db, question.id),
        up: () => moveQuestion(app.db, session.id, question.id, -1),
        down: () => moveQuestion(app.db, session.id, question.id, 1),
        present: () => setCurrentQuestion(app.db, session.id, question.id),
        delete: () => deleteQuestion(app.db, session.id, question.id),
      };
      await actions[request.params.action]();
      await hub.sessionChanged(session.id, request.params.action === 'reset' || request.params.action === 'delete' ? { recount: question.id } : {});
      return reply.redirect(`/admin/live/${session.id}`, 303);
    },
  );

  app.post<{ Params: { id: number; questionId: number; answerId: number; action: 'hide' | 'unhide' } }>(
    '/admin/live/:id/questions/:questionId/entries/:answerId/:action',
    { schema: { params: entryHideParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { session } = await moderated(request, request.params.id);
      const question = await questionOf(session.id, request.params.questionId);
      if (!(await setEntryHidden(app.db, question.id, request.params.answerId, request.params.action === 'hide'))) throw new NotFound('This answer is not part of this question.');
      await hub.sessionChanged(session.id, { recount: question.id });
      return reply.redirect(`/admin/live/${session.id}`, 303);
    },
  );

  app.post<{ Params: { id: number } }>('/admin/live/:id/duplicate', { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await moderated(request, request.params.id);
    const parsed = parseForm(duplicateForm, request.body);
    const event = parsed.ok ? await findEventById(app.db, parsed.data.eventId) : null;
    if (!event) throw new Invalid({ eventId: 'Choose one of the events listed.' }, 'Choose one of the events listed.');
    authorize(request.user, canModerateEvent(request.user, (await projectsOfEvent(app.db, event.id)).map((p) => p.id)));
    const copy = await duplicateSession(app.db, session, event.id, request.user.id);
    return reply.redirect(`/admin/live/${copy.id}`, 303);
  });

  const sessionAction = (path: string, act: (sessionId: number) => Promise<unknown>) =>
    app.post<{ Params: { id: number } }>(`/admin/live/:id/${path}`, { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
      const { session } = await moderated(request, request.params.id);
      await act(session.id);
      await hub.sessionChanged(session.id);
      return reply.redirect(`/admin/live/${session.id}`, 303);
    });
  sessionAction('next', (id) => moveOn(app.db, id));
  // The presenter's arrow keys.
  sessionAction('back', (id) => stepQuestion(app.db, id, -1));
  sessionAction('forward', (id) => stepQuestion(app.db, id, 1));
  sessionAction('close', (id) => closeSession(app.db, id));
  sessionAction('reopen', (id) => reopenSession(app.db, id));

  app.post<{ Params: { id: number; entryId: number; state: 'approved' | 'answered' | 'hidden' } }>(
    '/admin/live/:id/qa/:entryId/:state',
    { schema: { params: qaModerationParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { session } = await moderated(request, request.params.id);
      const entry = await findQaEntry(app.db, request.params.entryId);
      const state = await sessionByCode(session.code);
      if (!entry || !state.questions.has(entry.questionId)) throw new NotFound('This entry is not part of this session.');
      await moderateQa(app.db, entry.id, request.params.state);
      await hub.qaChanged(state, entry.questionId);
      return reply.redirect(`/admin/live/${session.id}`, 303);
    },
  );
};
