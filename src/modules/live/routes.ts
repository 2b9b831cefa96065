import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import QRCode from 'qrcode';
import { AppError, Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { findEventById } from '../events/service.js';
import { registerModeratorRoutes } from './admin-routes.js';
import { createLiveContext } from './context.js';
import { type Audience, currentQuestion, type SessionState } from './hub.js';
import { answerFromForm, apiAnswerBody, apiJoinBody, codeParams, entryParams, eventsQuery, joinQuery, nicknameForm, participantQuery, qaForm, questionParams } from './schema.js';
import {
  CODE_PATTERN,
  type LiveQuestion,
  addQaEntry,
  answeredQuestionIds,
  findAnswer,
  findQaEntry,
  normaliseCode,
  phoneSeesResults,
  questionResults,
  quizLeaderboard,
  screenQa,
  setNickname,
  upvoteQa,
} from './service.js';
import { chartSvg } from './views/archive.js';
import { LIVE_ANSWER_SCRIPT, LIVE_SCRIPT } from './views/common.js';
import { JoinView, type PacedQuestionnaire, ParticipantView } from './views/participant.js';
import { PresenterView } from './views/presenter.js';
import { qaListFragment } from './views/question-types/qa.js';
import { renderResultsFragment } from './views/results.js';

const TOKEN_COOKIE = 'live_token';
const TOKEN_HEADER = 'x-live-token';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;

/** The participants' routes (join, answer, Q&A, the stream), the presenter view, and the moderators' routes beside them. */
export const liveRoutes: FastifyPluginAsync = async (app) => {
  const live = createLiveContext(app);
  const { hub, joinUrl, sessionByCode } = live;
  const secureCookies = app.config.baseUrl.startsWith('https:');
  const tokenOf = (request: FastifyRequest) => (request.headers[TOKEN_HEADER] as string | undefined) ?? request.cookies[TOKEN_COOKIE];
  const requireModerator = async (request: FastifyRequest, state: SessionState) => {
    await live.moderated(request, state.session.id);
  };

  /**
   * At the audience's pace, the questionnaire a phone goes through: every question opened so far
   * (Q&A stays with the presenter), the one asked for, or else the first still without an answer.
   */
  async function questionnaire(state: SessionState, participantId: number | null, wanted?: number): Promise<{ question: LiveQuestion | null; paced: PacedQuestionnaire }> {
    const list = [...state.questions.values()].filter((q) => q.state !== 'draft' && q.type !== 'qa').sort((a, b) => a.position - b.position || a.id - b.id);
    const answered = participantId === null ? new Set<number>() : await answeredQuestionIds(app.db, participantId, list.map((q) => q.id));
    let at = wanted === undefined ? -1 : list.findIndex((q) => q.id === wanted);
    if (at < 0) at = list.findIndex((q) => q.state === 'open' && !answered.has(q.id));
    return { question: list[at] ?? null, paced: { questions: list.map((q) => ({ id: q.id, prompt: q.prompt, answered: answered.has(q.id) })), at } };
  }

  async function renderParticipant(request: FastifyRequest, reply: FastifyReply, state: SessionState, extra: { error?: string; notice?: string; status?: number; questionId?: number } = {}) {
    const { session } = state;
    const participantId = verifyToken(request, state);
    const { question, paced } = session.pace === 'audience' ? await questionnaire(state, participantId, extra.questionId) : { question: currentQuestion(state), paced: undefined };
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
        paced,
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

  app.get<{ Params: { code: string }; Querystring: { sent?: string; q?: number } }>('/live/:code', { schema: { params: codeParams, querystring: participantQuery } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    if (state.session.code !== request.params.code) return reply.redirect(`/live/${state.session.code}`, 303);
    // A sent answer is confirmed by the page itself ("Answer sent", then waiting for the next question);
    // at the audience's pace the phone has moved on to the next question, so it says so on top.
    const notices: Record<string, string> = { question: 'Your question has been sent to the moderator.', upvote: 'Your upvote has been counted.', joined: 'You have joined the session.' };
    if (state.session.pace === 'audience') notices.answer = 'Answer sent.';
    return renderParticipant(request, reply, state, { notice: notices[request.query.sent ?? ''], questionId: request.query.q });
  });

  function setTokenCookie(reply: FastifyReply, code: string, token: string) {
    reply.setCookie(TOKEN_COOKIE, token, { path: `/live/${code}`, httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 60 * 60 * 24 * 30 });
  }

  // Each join creates a participant row; a venue's phones often share one address, so the default is generous.
  const joinLimit = app.config.liveJoinRateLimit > 0 ? { rateLimit: { max: app.config.liveJoinRateLimit, timeWindow: '1 minute' } } : {};

  /** A nickname as typed (optional, for the quiz leaderboard), or a refusal a person can read: too long, or with a blocked word. */
  async function nicknameOf(body: unknown): Promise<string | null> {
    const raw = (body as { nickname?: unknown } | undefined)?.nickname;
    if (raw === undefined) return null;
    const parsed = parseForm(nicknameForm, { nickname: raw });
    if (!parsed.ok) throw new Invalid({ nickname: parsed.errors.nickname }, parsed.errors.nickname ?? 'Choose a shorter nickname.');
    const blocked = parsed.data.nickname ? await hub.blockedIn(parsed.data.nickname) : null;
    if (blocked !== null) {
      const reason = `“${blocked}” is not allowed in a nickname. Please choose another.`;
      throw new Invalid({ nickname: reason }, reason);
    }
    return parsed.data.nickname || null;
  }

  app.post<{ Params: { code: string } }>('/live/:code/join', { schema: { params: codeParams }, preHandler: app.csrfProtection, config: joinLimit }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    if (verifyToken(request, state) === null) setTokenCookie(reply, state.session.code, await hub.join(state, await nicknameOf(request.body)));
    return reply.redirect(`/live/${state.session.code}?sent=joined`, 303);
  });

  app.post<{ Params: { code: string } }>('/api/live/:code/participants', { schema: { params: codeParams, body: apiJoinBody }, config: { securityHeaders: false, ...joinLimit } }, async (request, reply) => {
    const state = await sessionByCode(request.params.code);
    const token = await hub.join(state, await nicknameOf(request.body));
    return reply.code(201).send({ token, session: state.session.code });
  });

  app.post<{ Params: { code: string; questionId: number } }>(
    '/live/:code/questions/:questionId/answer',
    { schema: { params: questionParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const state = await sessionByCode(request.params.code);
      let next = '';
      try {
        const participantId = hub.participant(state, tokenOf(request));
        const question = hub.question(state, request.params.questionId);
        const form = answerFromForm(question, (request.body ?? {}) as Record<string, unknown>);
        if ('reason' in form) throw new Invalid({ answer: form.reason }, form.reason);
        const nickname = question.type === 'quiz' ? await nicknameOf(request.body) : null;
        await hub.answer(state, participantId, question.id, form.raw);
        if (nickname) await setNickname(app.db, participantId, nickname);
        // At the audience's pace, on to the next question this person has not answered.
        if (state.session.pace === 'audience') {
          const { paced } = await questionnaire(state, participantId);
          const after = paced.questions.slice(paced.questions.findIndex((q) => q.id === question.id) + 1).find((q) => !q.answered);
          next = after ? `q=${after.id}&` : '';
        }
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return renderParticipant(request, reply, state, { error: error.message, status: error.status, questionId: request.params.questionId });
        throw error;
      }
      return reply.redirect(`/live/${state.session.code}?${next}sent=answer`, 303);
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
      const nickname = request.body.nickname === undefined ? null : await nicknameOf(request.body);
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
    const ordered = [...state.questions.values()].sort((a, b) => a.position - b.position || a.id - b.id);
    // An ended session has no next question: the keys only toggle results and the join slide.
    const open = session.status !== 'closed';
    reply.header('cache-control', 'no-store');
    return reply.page(
      h(PresenterView, {
        session,
        question,
        results: computed?.results ?? null,
        participants: state.participants,
        joinUrl: joinUrl(session.code),
        fragment: question && computed ? renderResultsFragment(question, computed.results, 'present', await live.earlier(question)) : null,
        progress: question ? { at: ordered.findIndex((q) => q.id === question.id) + 1, of: ordered.length } : null,
        leaderboard: question?.type === 'quiz' && question.state === 'closed' ? await quizLeaderboard(app.db, session.id) : null,
        controls: {
          back: open ? `${control}/back` : null,
          forward: open ? `${control}/forward` : null,
          results: question ? `${control}/questions/${question.id}/${question.resultsVisible ? 'hide' : 'show'}` : null,
          csrf: reply.generateCsrf(),
        },
      }),
      { title: `${session.title} (presenter view)`, bare: true, bodyClass: 'live-present-page', scripts: [LIVE_SCRIPT] },
    );
  });

  registerModeratorRoutes(app, live);
};
