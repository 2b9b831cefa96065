import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AdminLayout, adminPage } from '../../web/admin.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize, isAdmin } from '../../lib/policy.js';
import { findEventById, projectsOfEvent } from '../events/service.js';
import { QUESTION_TYPE_LABELS } from './aggregate.js';
import type { LiveContext } from './context.js';
import { canModerateEvent, canRunSessions } from './policy.js';
import {
  type QuestionAction,
  type QuestionFormData,
  blockedWordsForm,
  duplicateForm,
  entryHideParams,
  paceForm,
  qaModerationParams,
  questionActionParams,
  questionEditParams,
  questionForm,
  sessionForm,
  sessionParams,
  templateForm,
  templateParams,
} from './schema.js';
import {
  DEFAULT_AXES,
  type LiveSession,
  type QuestionInput,
  addQuestion,
  answerCount,
  answersCsv,
  closeSession,
  comparableQuestions,
  createSession,
  deleteQuestion,
  deleteTemplate,
  duplicateSession,
  findQaEntry,
  findTemplate,
  listBlockedWords,
  listEntries,
  listQa,
  listQuestions,
  listSessions,
  listTemplates,
  moderateQa,
  moveOn,
  moveQuestion,
  openAllQuestions,
  reopenSession,
  replaceBlockedWords,
  resetQuestion,
  saveTemplate,
  sessionFromTemplate,
  setCurrentQuestion,
  setEntryHidden,
  setPace,
  setQuestionState,
  setResultsVisible,
  stepQuestion,
  updateQuestion,
} from './service.js';
import { LIVE_SCRIPT } from './views/common.js';
import { AdminListView, BlockedWordsView } from './views/admin-list.js';
import { ControlView, QuestionEditView, questionFormValues } from './views/moderator.js';
import { renderResultsFragment } from './views/results.js';

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
    timer: v.timer !== '' ? Number(v.timer) : null,
    compareTo: v.compareTo !== '' ? Number(v.compareTo) : null,
    allowChange: v.allowChange === 'on',
    resultsVisible: v.resultsVisible === 'on',
  };
}

/** The moderators' back office: sessions, questions and their controls, templates, blocked words, Q&A moderation. */
export function registerModeratorRoutes(app: FastifyInstance, live: LiveContext): void {
  const { hub, joinUrl, sessionByCode } = live;

  async function renderList(request: FastifyRequest, reply: FastifyReply, form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {}) {
    const actor = request.user;
    authorize(actor, canRunSessions(actor));
    const events = await live.moderatableEvents(actor);
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
        templates: (await listTemplates(app.db)).map((t) => ({ id: t.id, title: t.title, questions: t.questions.length, deletable: isAdmin(actor) || t.createdBy === actor.id })),
        csrf: reply.generateCsrf(),
        ...form,
      }),
      { status: form.status },
    );
  }

  app.get('/admin/live', async (request, reply) => renderList(request, reply));

  // A template holds no answers and no event: anyone who runs sessions may use it; its author or an admin removes it.
  app.post<{ Params: { templateId: number } }>('/admin/live/templates/:templateId/delete', { schema: { params: templateParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canRunSessions(request.user));
    const template = await findTemplate(app.db, request.params.templateId);
    if (!template) throw new NotFound('There is no such template.');
    authorize(request.user, isAdmin(request.user) || template.createdBy === request.user?.id);
    await deleteTemplate(app.db, template.id);
    return reply.redirect('/admin/live', 303);
  });

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
    const input = { eventId: event.id, title: parsed.data.title, createdBy: actor.id, pace: parsed.data.pace };
    const template = parsed.data.templateId === '' ? null : await findTemplate(app.db, parsed.data.templateId);
    if (parsed.data.templateId !== '' && !template) return renderList(request, reply, { errors: { templateId: 'Choose one of the templates listed.' }, values: request.body as Record<string, unknown>, status: 422 });
    const session = template ? await sessionFromTemplate(app.db, template, input) : await createSession(app.db, input);
    return reply.redirect(`/admin/live/${session.id}`, 303);
  });

  async function renderControl(request: FastifyRequest, reply: FastifyReply, sessionId: number, form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number; notice?: string } = {}) {
    const { session, event, actor } = await live.moderated(request, sessionId);
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
      fragment: current && computed ? renderResultsFragment(current, computed.results, 'moderate', await live.earlier(current)) : null,
      comparable: await comparableChoices(session),
      qa,
      entries,
      participants: state.participants,
      joinUrl: joinUrl(session.code),
      events: (await live.moderatableEvents(actor)).map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, timezone: e.timezone })),
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

  app.get<{ Params: { id: number }; Querystring: { saved?: string } }>('/admin/live/:id', { schema: { params: sessionParams } }, async (request, reply) =>
    renderControl(request, reply, request.params.id, { notice: request.query.saved === 'template' ? 'The questions are saved as a template: choose it when you create the next session.' : undefined }),
  );

  app.get<{ Params: { id: number } }>('/admin/live/:id/answers.csv', { schema: { params: sessionParams } }, async (request, reply) => {
    const { session } = await live.moderated(request, request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="live-${session.code}-answers.csv"`)
      .send(await answersCsv(app.db, session.id));
  });

  app.post<{ Params: { id: number } }>('/admin/live/:id/questions', { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await live.moderated(request, request.params.id);
    const parsed = parseForm(questionForm, request.body);
    if (!parsed.ok) return renderControl(request, reply, session.id, { errors: parsed.errors, values: parsed.values, status: 422 });
    const refused = await compareToRefusal(session, parsed.data);
    if (refused) return renderControl(request, reply, session.id, { errors: { compareTo: refused }, values: request.body as Record<string, unknown>, status: 422 });
    await addQuestion(app.db, session.id, questionInput(parsed.data));
    await hub.sessionChanged(session.id);
    return reply.redirect(`/admin/live/${session.id}`, 303);
  });

  /** The earlier questions a question of this session may be compared with, as the form lists them. */
  async function comparableChoices(session: LiveSession): Promise<{ value: string; label: string }[]> {
    return (await comparableQuestions(app.db, session)).map(({ question, sessionTitle, eventTitle }) => ({
      value: String(question.id),
      label: `${eventTitle} · ${sessionTitle}: ${question.prompt} (${QUESTION_TYPE_LABELS[question.type]})`,
    }));
  }

  /** Why a chosen earlier question cannot be compared with (not listed, or another type), or null. */
  async function compareToRefusal(session: LiveSession, data: QuestionFormData): Promise<string | null> {
    if (data.compareTo === '') return null;
    const match = (await comparableQuestions(app.db, session)).find((c) => c.question.id === Number(data.compareTo));
    if (!match) return 'Choose one of the questions listed: an ended session of another event.';
    if (match.question.type !== data.type) return `That question is a ${QUESTION_TYPE_LABELS[match.question.type].toLowerCase()} question; compare with a question of the same type.`;
    return null;
  }

  async function questionOf(sessionId: number, questionId: number) {
    const question = (await listQuestions(app.db, sessionId)).find((q) => q.id === questionId);
    if (!question) throw new NotFound('This question is not part of this session.');
    return question;
  }

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, params: { id: number; questionId: number }, form: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {}) {
    const { session } = await live.moderated(request, params.id);
    const question = await questionOf(session.id, params.questionId);
    return adminPage(
      request,
      reply,
      `Edit question ${question.position + 1} of ${session.title}`,
      h(QuestionEditView, {
        sessionId: session.id,
        question,
        responses: await answerCount(app.db, question.id),
        comparable: await comparableChoices(session),
        csrf: reply.generateCsrf(),
        values: form.values ?? questionFormValues(question),
        errors: form.errors,
      }),
      { status: form.status },
    );
  }

  app.get<{ Params: { id: number; questionId: number } }>('/admin/live/:id/questions/:questionId/edit', { schema: { params: questionEditParams } }, async (request, reply) => renderEdit(request, reply, request.params));

  app.post<{ Params: { id: number; questionId: number } }>('/admin/live/:id/questions/:questionId/edit', { schema: { params: questionEditParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await live.moderated(request, request.params.id);
    const question = await questionOf(session.id, request.params.questionId);
    const parsed = parseForm(questionForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, request.params, { errors: parsed.errors, values: parsed.values, status: 422 });
    const refused = await compareToRefusal(session, parsed.data);
    if (refused) return renderEdit(request, reply, request.params, { errors: { compareTo: refused }, values: request.body as Record<string, unknown>, status: 422 });
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
      const { session } = await live.moderated(request, request.params.id);
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
      const { session } = await live.moderated(request, request.params.id);
      const question = await questionOf(session.id, request.params.questionId);
      if (!(await setEntryHidden(app.db, question.id, request.params.answerId, request.params.action === 'hide'))) throw new NotFound('This answer is not part of this question.');
      await hub.sessionChanged(session.id, { recount: question.id });
      return reply.redirect(`/admin/live/${session.id}`, 303);
    },
  );

  app.post<{ Params: { id: number } }>('/admin/live/:id/duplicate', { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await live.moderated(request, request.params.id);
    const parsed = parseForm(duplicateForm, request.body);
    const event = parsed.ok ? await findEventById(app.db, parsed.data.eventId) : null;
    if (!event) throw new Invalid({ eventId: 'Choose one of the events listed.' }, 'Choose one of the events listed.');
    authorize(request.user, canModerateEvent(request.user, (await projectsOfEvent(app.db, event.id)).map((p) => p.id)));
    const copy = await duplicateSession(app.db, session, event.id, request.user.id);
    return reply.redirect(`/admin/live/${copy.id}`, 303);
  });

  app.post<{ Params: { id: number } }>('/admin/live/:id/template', { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session, actor } = await live.moderated(request, request.params.id);
    const parsed = parseForm(templateForm, request.body);
    if (!parsed.ok) return renderControl(request, reply, session.id, { errors: parsed.errors, values: parsed.values, status: 422 });
    await saveTemplate(app.db, session, parsed.data.title, actor?.id ?? null);
    return reply.redirect(`/admin/live/${session.id}?saved=template`, 303);
  });

  app.post<{ Params: { id: number } }>('/admin/live/:id/pace', { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const { session } = await live.moderated(request, request.params.id);
    const parsed = parseForm(paceForm, request.body);
    if (!parsed.ok) return renderControl(request, reply, session.id, { errors: parsed.errors, values: parsed.values, status: 422 });
    await setPace(app.db, session.id, parsed.data.pace);
    await hub.sessionChanged(session.id);
    return reply.redirect(`/admin/live/${session.id}`, 303);
  });

  const sessionAction = (path: string, act: (sessionId: number) => Promise<unknown>) =>
    app.post<{ Params: { id: number } }>(`/admin/live/:id/${path}`, { schema: { params: sessionParams }, preHandler: app.csrfProtection }, async (request, reply) => {
      const { session } = await live.moderated(request, request.params.id);
      await act(session.id);
      await hub.sessionChanged(session.id);
      return reply.redirect(`/admin/live/${session.id}`, 303);
    });
  sessionAction('next', (id) => moveOn(app.db, id));
  sessionAction('open-all', (id) => openAllQuestions(app.db, id));
  // The presenter's arrow keys.
  sessionAction('back', (id) => stepQuestion(app.db, id, -1));
  sessionAction('forward', (id) => stepQuestion(app.db, id, 1));
  sessionAction('close', (id) => closeSession(app.db, id));
  sessionAction('reopen', (id) => reopenSession(app.db, id));

  app.post<{ Params: { id: number; entryId: number; state: 'approved' | 'answered' | 'hidden' } }>(
    '/admin/live/:id/qa/:entryId/:state',
    { schema: { params: qaModerationParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { session } = await live.moderated(request, request.params.id);
      const entry = await findQaEntry(app.db, request.params.entryId);
      const state = await sessionByCode(session.code);
      if (!entry || !state.questions.has(entry.questionId)) throw new NotFound('This entry is not part of this session.');
      await moderateQa(app.db, entry.id, request.params.state);
      await hub.qaChanged(state, entry.questionId);
      return reply.redirect(`/admin/live/${session.id}`, 303);
    },
  );
}
