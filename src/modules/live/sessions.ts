import { randomInt } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import { Conflict } from '../../lib/errors.js';
import type { Database } from '../../db/types.js';
import { DEFAULT_BUDGET, type QuestionShape, type QuestionType } from './aggregate.js';
import type { LiveQuestionsTable, LiveSessionsTable } from './tables.js';

export type SessionStatus = 'draft' | 'live' | 'closed';
export type QuestionState = 'draft' | 'open' | 'closed';
/** presenter: everyone answers the question on screen; audience: a questionnaire each person fills at their own pace. */
export type SessionPace = 'presenter' | 'audience';
export const SESSION_PACES: readonly SessionPace[] = ['presenter', 'audience'];

export interface LiveSession {
  id: number;
  eventId: number;
  programmeItemId: number | null;
  code: string;
  title: string;
  status: SessionStatus;
  currentQuestionId: number | null;
  createdAt: string;
  closedAt: string | null;
  pace: SessionPace;
}

export interface LiveQuestion extends QuestionShape {
  id: number;
  sessionId: number;
  position: number;
  prompt: string;
  state: QuestionState;
  resultsVisible: boolean;
  allowChange: boolean;
  /** Seconds to answer from opening; null for no limit. */
  timer: number | null;
  openedAt: string | null;
  /** The same question asked in an earlier session (another event), shown beside this one's results. */
  compareTo: number | null;
}

/** A stored session as the module uses it. */
export function toSession(row: Selectable<LiveSessionsTable>): LiveSession {
  return {
    id: row.id,
    eventId: row.event_id,
    programmeItemId: row.programme_item_id,
    code: row.code,
    title: row.title,
    status: row.status as SessionStatus,
    currentQuestionId: row.current_question_id,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    pace: row.pace === 'audience' ? 'audience' : 'presenter',
  };
}

interface QuestionSettings {
  budget?: number;
  axes?: [string, string];
  correct?: number;
  timer?: number;
  compareTo?: number;
}

export const DEFAULT_AXES: [string, string] = ['Effort', 'Impact'];

/** A stored question as the module uses it. */
export function toQuestion(row: Selectable<LiveQuestionsTable>): LiveQuestion {
  const settings = JSON.parse(row.settings || '{}') as QuestionSettings;
  return {
    id: row.id,
    sessionId: row.session_id,
    position: row.position,
    type: row.type as QuestionType,
    prompt: row.prompt,
    options: JSON.parse(row.options) as string[],
    multi: row.multi === 1,
    uncertainLabel: row.uncertain_label,
    scaleMax: row.scale_max,
    budget: settings.budget ?? DEFAULT_BUDGET,
    axes: settings.axes ?? DEFAULT_AXES,
    correct: settings.correct ?? null,
    timer: settings.timer ?? null,
    openedAt: row.opened_at,
    compareTo: settings.compareTo ?? null,
    state: row.state as QuestionState,
    resultsVisible: row.results_visible === 1,
    allowChange: row.allow_change === 1,
  };
}

/**
 * Whether a phone sees a question's results: only once the moderator shows them, and then only
 * to a person who has answered, or to everyone once answers are closed, so nobody sees the crowd
 * before voting.
 */
export function phoneSeesResults(question: LiveQuestion, answered: boolean): boolean {
  // A quiz's answer stays secret until it closes, or the first to answer could pass it on.
  if (question.type === 'quiz') return question.resultsVisible && question.state === 'closed';
  return question.type !== 'qa' && question.resultsVisible && (answered || question.state === 'closed');
}

/** No 0/O, 1/I/L: a code read off a projector must not be misread. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

export function generateCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What people type: case and spaces do not matter. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

export interface SessionInput {
  eventId: number;
  programmeItemId?: number | null;
  title: string;
  createdBy?: number | null;
  pace?: SessionPace;
}

/** Creates a session with a fresh join code; a code collision (rare) simply draws again. */
export async function createSession(db: Kysely<Database>, input: SessionInput): Promise<LiveSession> {
  for (let attempt = 0; ; attempt++) {
    const code = generateCode();
    const taken = await db.selectFrom('live_sessions').select('id').where('code', '=', code).executeTakeFirst();
    if (taken && attempt < 10) continue;
    const row = await db
      .insertInto('live_sessions')
      .values({
        event_id: input.eventId,
        programme_item_id: input.programmeItemId ?? null,
        code,
        title: input.title,
        status: 'draft',
        current_question_id: null,
        created_by: input.createdBy ?? null,
        created_at: nowIso(),
        closed_at: null,
        pace: input.pace ?? 'presenter',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSession(row);
  }
}

export async function findSessionByCode(db: Kysely<Database>, code: string): Promise<LiveSession | null> {
  const row = await db.selectFrom('live_sessions').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toSession(row) : null;
}

export async function findSessionById(db: Kysely<Database>, id: number): Promise<LiveSession | null> {
  const row = await db.selectFrom('live_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** Sessions of the given events (or all, for an admin), newest first. */
export async function listSessions(db: Kysely<Database>, filter: { eventIds?: number[] } = {}): Promise<LiveSession[]> {
  if (filter.eventIds && filter.eventIds.length === 0) return [];
  let query = db.selectFrom('live_sessions').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (filter.eventIds) query = query.where('event_id', 'in', filter.eventIds);
  return (await query.limit(500).execute()).map(toSession);
}

export async function listQuestions(db: Kysely<Database>, sessionId: number): Promise<LiveQuestion[]> {
  const rows = await db.selectFrom('live_questions').selectAll().where('session_id', '=', sessionId).orderBy('position').orderBy('id').execute();
  return rows.map(toQuestion);
}

export interface QuestionInput {
  type: QuestionType;
  prompt: string;
  options: string[];
  multi?: boolean;
  uncertainLabel?: string | null;
  scaleMax?: number;
  /** 2×2 grid: names of the horizontal and vertical scales. */
  axes?: [string, string];
  /** Quiz: the correct option. */
  correct?: number | null;
  /** Seconds to answer from opening, for any type; null for no limit. */
  timer?: number | null;
  /** An earlier question (another session) to compare this one's results with. */
  compareTo?: number | null;
  allowChange?: boolean;
  resultsVisible?: boolean;
}

/** The type-specific settings of a question as stored. */
function settingsOf(input: QuestionInput): string {
  const settings: QuestionSettings = {};
  if (input.type === 'points') settings.budget = DEFAULT_BUDGET;
  if (input.type === 'grid') settings.axes = input.axes ?? DEFAULT_AXES;
  if (input.type === 'quiz') settings.correct = input.correct ?? 0;
  if (input.timer) settings.timer = input.timer;
  if (input.compareTo) settings.compareTo = input.compareTo;
  return JSON.stringify(settings);
}

/** Appends a question at the end of the session's list. */
export async function addQuestion(db: Kysely<Database>, sessionId: number, input: QuestionInput): Promise<LiveQuestion> {
  const last = await db
    .selectFrom('live_questions')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  const row = await db
    .insertInto('live_questions')
    .values({ session_id: sessionId, position: Number(last?.p ?? -1) + 1, ...questionColumns(input), state: 'draft', created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toQuestion(row);
}

/** The column values a question input is stored as. */
function questionColumns(input: QuestionInput) {
  return {
    type: input.type,
    prompt: input.prompt,
    options: JSON.stringify(input.type === 'wordcloud' || input.type === 'text' || input.type === 'qa' ? [] : input.options),
    multi: input.multi ? 1 : 0,
    uncertain_label: input.type === 'choice' && input.uncertainLabel ? input.uncertainLabel : null,
    scale_max: input.scaleMax ?? 5,
    results_visible: input.resultsVisible ? 1 : 0,
    // A quiz answer is final: speed points would mean nothing if it could be changed.
    allow_change: input.allowChange && input.type !== 'quiz' ? 1 : 0,
    settings: settingsOf(input),
  };
}

/**
 * Changes a question. Answers given to the old wording would be counted against the new one, so
 * a question with answers changes only together with a reset (`resetAnswers`); returns false,
 * changing nothing, when it has answers and no reset was asked for.
 */
export async function updateQuestion(db: Kysely<Database>, questionId: number, input: QuestionInput, options: { resetAnswers: boolean }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const answered = await answerCount(trx, questionId);
    if (answered > 0 && !options.resetAnswers) return false;
    if (answered > 0) await clearAnswers(trx, questionId);
    await trx.updateTable('live_questions').set(questionColumns(input)).where('id', '=', questionId).execute();
    return true;
  });
}

/** Answers and Q&A entries a question has: edits and deletion need a confirmation once there are any. */
export async function answerCount(db: Kysely<Database>, questionId: number): Promise<number> {
  const [answers, entries] = await Promise.all([
    db.selectFrom('live_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', questionId).executeTakeFirstOrThrow(),
    db.selectFrom('live_qa_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', questionId).executeTakeFirstOrThrow(),
  ]);
  return Number(answers.n) + Number(entries.n);
}

async function clearAnswers(db: Kysely<Database>, questionId: number): Promise<void> {
  await db.deleteFrom('live_answers').where('question_id', '=', questionId).execute();
  await db.deleteFrom('live_qa_entries').where('question_id', '=', questionId).execute();
}

/** Deletes a question with its answers; taken off screen first if it was there. */
export async function deleteQuestion(db: Kysely<Database>, sessionId: number, questionId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('live_sessions').set({ current_question_id: null }).where('id', '=', sessionId).where('current_question_id', '=', questionId).execute();
    await clearAnswers(trx, questionId);
    await trx.deleteFrom('live_questions').where('id', '=', questionId).execute();
  });
}

/** A question as the form describes it, without its id, state or answers: what a copy or a template keeps. */
export function questionInputOf(q: LiveQuestion): QuestionInput {
  return { type: q.type, prompt: q.prompt, options: q.options, multi: q.multi, uncertainLabel: q.uncertainLabel, scaleMax: q.scaleMax, axes: q.axes, correct: q.correct, timer: q.timer, compareTo: q.compareTo, allowChange: q.allowChange, resultsVisible: q.resultsVisible };
}

/**
 * Copies a session's questions, without answers, into a new draft session for an event. Copied to
 * another event (the next annual meeting, say), each question is linked to its original, so the
 * presenter and the archive show the two events' results side by side.
 */
export async function duplicateSession(db: Kysely<Database>, source: LiveSession, eventId: number, createdBy: number | null): Promise<LiveSession> {
  const copy = await createSession(db, { eventId, title: source.title, createdBy, pace: source.pace });
  const compare = eventId !== source.eventId;
  for (const q of await listQuestions(db, source.id)) {
    await addQuestion(db, copy.id, { ...questionInputOf(q), compareTo: compare && q.type !== 'qa' && q.type !== 'text' ? q.id : q.compareTo });
  }
  return copy;
}

export interface LiveTemplate {
  id: number;
  title: string;
  questions: QuestionInput[];
  createdBy: number | null;
  createdAt: string;
}

/**
 * Keeps a session's questions as a template, apart from any event, for the next event's session.
 * Links to earlier questions are kept, so a session started from it compares with the same past results.
 */
export async function saveTemplate(db: Kysely<Database>, source: LiveSession, title: string, createdBy: number | null): Promise<number> {
  const questions = (await listQuestions(db, source.id)).map(questionInputOf);
  const row = await db
    .insertInto('live_templates')
    .values({ title, questions: JSON.stringify(questions), created_by: createdBy, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listTemplates(db: Kysely<Database>): Promise<LiveTemplate[]> {
  const rows = await db.selectFrom('live_templates').selectAll().orderBy('title').orderBy('id').limit(500).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, questions: JSON.parse(r.questions) as QuestionInput[], createdBy: r.created_by, createdAt: r.created_at }));
}

export async function findTemplate(db: Kysely<Database>, id: number): Promise<LiveTemplate | null> {
  const r = await db.selectFrom('live_templates').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, title: r.title, questions: JSON.parse(r.questions) as QuestionInput[], createdBy: r.created_by, createdAt: r.created_at } : null;
}

export async function deleteTemplate(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('live_templates').where('id', '=', id).execute();
}

/** A new draft session for an event with a template's questions. */
export async function sessionFromTemplate(db: Kysely<Database>, template: LiveTemplate, input: SessionInput): Promise<LiveSession> {
  const session = await createSession(db, input);
  for (const q of template.questions) await addQuestion(db, session.id, q);
  return session;
}

export async function setPace(db: Kysely<Database>, sessionId: number, pace: SessionPace): Promise<void> {
  await db.updateTable('live_sessions').set({ pace }).where('id', '=', sessionId).execute();
}

/** Audience pace: every question still in draft opens at once, so people can go through them all. */
export async function openAllQuestions(db: Kysely<Database>, sessionId: number): Promise<void> {
  const session = await findSessionById(db, sessionId);
  if (session?.status === 'closed') throw new Conflict('This session has ended; reopen it to go on.');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('live_questions').set({ state: 'open', opened_at: nowIso() }).where('session_id', '=', sessionId).where('state', '=', 'draft').execute();
    const first = await trx.selectFrom('live_questions').select('id').where('session_id', '=', sessionId).orderBy('position').orderBy('id').executeTakeFirst();
    await trx
      .updateTable('live_sessions')
      .set((eb) => ({ status: 'live', current_question_id: eb.fn.coalesce('current_question_id', eb.val(first?.id ?? null)) }))
      .where('id', '=', sessionId)
      .execute();
  });
}

/** Swaps a question with its neighbour above (-1) or below (+1). */
export async function moveQuestion(db: Kysely<Database>, sessionId: number, questionId: number, direction: -1 | 1): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const questions = await listQuestions(trx, sessionId);
    const at = questions.findIndex((q) => q.id === questionId);
    const other = questions[at + direction];
    if (at < 0 || !other) return;
    await trx.updateTable('live_questions').set({ position: other.position }).where('id', '=', questionId).execute();
    await trx.updateTable('live_questions').set({ position: questions[at].position }).where('id', '=', other.id).execute();
    if (other.position === questions[at].position) {
      await trx.updateTable('live_questions').set({ position: questions[at].position + direction }).where('id', '=', questionId).execute();
    }
  });
}

/**
 * Opens or closes a question. Opening also puts it on screen (the session's current question)
 * and takes the session live, since that is what a moderator means by it.
 */
export async function setQuestionState(db: Kysely<Database>, question: LiveQuestion, state: QuestionState): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Opening starts a quiz's clock; a question already open keeps its start.
    const openedAt = state === 'open' && question.state !== 'open' ? { opened_at: nowIso() } : {};
    await trx.updateTable('live_questions').set({ state, ...openedAt }).where('id', '=', question.id).execute();
    if (state === 'open') {
      await trx.updateTable('live_sessions').set({ current_question_id: question.id, status: 'live' }).where('id', '=', question.sessionId).execute();
    }
  });
}

export async function setResultsVisible(db: Kysely<Database>, questionId: number, visible: boolean): Promise<void> {
  await db.updateTable('live_questions').set({ results_visible: visible ? 1 : 0 }).where('id', '=', questionId).execute();
}

/** Puts a question on screen without changing whether it takes answers. */
export async function setCurrentQuestion(db: Kysely<Database>, sessionId: number, questionId: number | null): Promise<void> {
  await db.updateTable('live_sessions').set({ current_question_id: questionId }).where('id', '=', sessionId).execute();
}

/** Deletes every answer and Q&A entry of a question and returns it to draft, for a fresh start. */
export async function resetQuestion(db: Kysely<Database>, questionId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await clearAnswers(trx, questionId);
    await trx.updateTable('live_questions').set({ state: 'draft' }).where('id', '=', questionId).execute();
  });
}

/**
 * Steps through the questions in their order, as the presenter's arrow keys do: the question on
 * screen closes if open, and the one before or after comes on screen, opening if it is still a
 * draft. Before the first question is the join slide (nothing on screen).
 */
export async function stepQuestion(db: Kysely<Database>, sessionId: number, direction: -1 | 1): Promise<void> {
  const session = await findSessionById(db, sessionId);
  if (!session) return;
  if (session.status === 'closed') throw new Conflict('This session has ended; reopen it to go on.');
  const questions = await listQuestions(db, sessionId);
  const at = questions.findIndex((q) => q.id === session.currentQuestionId);
  const target = at + direction;
  if (target < -1 || target >= questions.length) return;
  // At the audience's pace the big screen only pages through the results; answering stays open.
  if (session.pace === 'audience') return setCurrentQuestion(db, sessionId, questions[target]?.id ?? null);
  const current = questions[at];
  if (current?.state === 'open') await setQuestionState(db, current, 'closed');
  const next = questions[target];
  if (!next) await setCurrentQuestion(db, sessionId, null);
  else if (next.state === 'draft') await setQuestionState(db, next, 'open');
  else await setCurrentQuestion(db, sessionId, next.id);
}

/**
 * Moves on: closes the question on screen and opens the next one still in draft. Returns the
 * question now on screen, or null when there was none left.
 */
export async function moveOn(db: Kysely<Database>, sessionId: number): Promise<LiveQuestion | null> {
  const session = await findSessionById(db, sessionId);
  if (session?.status === 'closed') throw new Conflict('This session has ended; reopen it to go on.');
  if (session?.pace === 'audience') {
    await stepQuestion(db, sessionId, 1);
    return null;
  }
  const questions = await listQuestions(db, sessionId);
  const current = questions.find((q) => q.id === session?.currentQuestionId);
  if (current?.state === 'open') await setQuestionState(db, current, 'closed');
  const next = questions.find((q) => q.state === 'draft' && (!current || q.position > current.position)) ?? questions.find((q) => q.state === 'draft');
  if (!next) return null;
  await setQuestionState(db, next, 'open');
  return next;
}

/** Ends a session: every open question closes and the results become part of the event's archive. */
export async function closeSession(db: Kysely<Database>, sessionId: number, closedAt = nowIso()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('live_questions').set({ state: 'closed' }).where('session_id', '=', sessionId).where('state', '=', 'open').execute();
    await trx.updateTable('live_sessions').set({ status: 'closed', closed_at: closedAt }).where('id', '=', sessionId).execute();
  });
}

export async function reopenSession(db: Kysely<Database>, sessionId: number): Promise<void> {
  await db.updateTable('live_sessions').set({ status: 'live', closed_at: null }).where('id', '=', sessionId).execute();
}

/** Milliseconds left to answer a question with a timer (0 once it ran out), or null without one. */
export function timeLeftMs(question: LiveQuestion, now = Date.now()): number | null {
  if (question.timer === null || question.openedAt === null) return null;
  return Math.max(0, Date.parse(question.openedAt) + question.timer * 1000 - now);
}
