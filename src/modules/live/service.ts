import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type Sqlite from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import { Conflict } from '../../lib/errors.js';
import type { Database } from '../../db/types.js';
import { toCsv } from '../../lib/csv.js';
import { type AnswerValue, DEFAULT_BUDGET, type LeaderboardRow, leaderboard, normaliseWord, type QaEntry, type QuestionShape, type QuestionType, type Results, UNCERTAIN, aggregate, sortQa } from './aggregate.js';
import type { LiveQuestionsTable, LiveSessionsTable } from './tables.js';

export type SessionStatus = 'draft' | 'live' | 'closed';
export type QuestionState = 'draft' | 'open' | 'closed';

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
}

export interface LiveQuestion extends QuestionShape {
  id: number;
  sessionId: number;
  position: number;
  prompt: string;
  state: QuestionState;
  resultsVisible: boolean;
  allowChange: boolean;
  /** Quiz: seconds to answer from opening; null for no limit. */
  timer: number | null;
  openedAt: string | null;
}

function toSession(row: Selectable<LiveSessionsTable>): LiveSession {
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
  };
}

interface QuestionSettings {
  budget?: number;
  axes?: [string, string];
  correct?: number;
  timer?: number;
}

export const DEFAULT_AXES: [string, string] = ['Effort', 'Impact'];

function toQuestion(row: Selectable<LiveQuestionsTable>): LiveQuestion {
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
  /** Quiz: the correct option and the optional time limit in seconds. */
  correct?: number | null;
  timer?: number | null;
  allowChange?: boolean;
  resultsVisible?: boolean;
}

/** The type-specific settings of a question as stored. */
function settingsOf(input: QuestionInput): string {
  const settings: QuestionSettings = {};
  if (input.type === 'points') settings.budget = DEFAULT_BUDGET;
  if (input.type === 'grid') settings.axes = input.axes ?? DEFAULT_AXES;
  if (input.type === 'quiz') {
    settings.correct = input.correct ?? 0;
    if (input.timer) settings.timer = input.timer;
  }
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

/**
 * Copies a session's questions, without answers, into a new draft session for an event (the same
 * one, or the next annual meeting): a session serves as the template for the next.
 */
export async function duplicateSession(db: Kysely<Database>, source: LiveSession, eventId: number, createdBy: number | null): Promise<LiveSession> {
  const copy = await createSession(db, { eventId, title: source.title, createdBy });
  const questions = await listQuestions(db, source.id);
  for (const q of questions) {
    await addQuestion(db, copy.id, { type: q.type, prompt: q.prompt, options: q.options, multi: q.multi, uncertainLabel: q.uncertainLabel, scaleMax: q.scaleMax, axes: q.axes, correct: q.correct, timer: q.timer, allowChange: q.allowChange, resultsVisible: q.resultsVisible });
  }
  return copy;
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

export async function createParticipant(db: Kysely<Database>, sessionId: number, nickname: string | null = null): Promise<number> {
  const row = await db.insertInto('live_participants').values({ session_id: sessionId, nickname, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setNickname(db: Kysely<Database>, participantId: number, nickname: string): Promise<void> {
  await db.updateTable('live_participants').set({ nickname }).where('id', '=', participantId).execute();
}

/** The session's quiz top ten: every answer to a quiz question, scored by correctness and speed. */
export async function quizLeaderboard(db: Kysely<Database>, sessionId: number, limit = 10): Promise<LeaderboardRow[]> {
  const questions = new Map((await listQuestions(db, sessionId)).filter((q) => q.type === 'quiz').map((q) => [q.id, q]));
  if (questions.size === 0) return [];
  const rows = await db
    .selectFrom('live_answers')
    .innerJoin('live_participants', 'live_participants.id', 'live_answers.participant_id')
    .select(['live_answers.question_id', 'live_answers.participant_id', 'live_answers.value', 'live_answers.created_at', 'live_participants.nickname'])
    .where('live_answers.question_id', 'in', [...questions.keys()])
    .execute();
  return leaderboard(
    rows.map((r) => {
      const q = questions.get(r.question_id)!;
      const chosen = JSON.parse(r.value) as number[];
      return {
        participantId: r.participant_id,
        nickname: r.nickname,
        correct: chosen[0] === q.correct,
        elapsedMs: q.openedAt ? Date.parse(r.created_at) - Date.parse(q.openedAt) : 0,
        timerSeconds: q.timer,
      };
    }),
    limit,
  );
}

export async function countParticipants(db: Kysely<Database>, sessionId: number): Promise<number> {
  const row = await db
    .selectFrom('live_participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Participant tokens: "<session>.<participant>.<mac>", an HMAC over both ids with the app secret,
// so a token is valid for one session only and needs no lookup to check.
function mac(secret: string, sessionId: number, participantId: number): string {
  return createHmac('sha256', secret).update(`live-participant:${sessionId}:${participantId}`).digest('base64url').slice(0, 32);
}

export function signParticipant(secret: string, sessionId: number, participantId: number): string {
  return `${sessionId}.${participantId}.${mac(secret, sessionId, participantId)}`;
}

/** The participant id a token proves for this session, or null for a forged or foreign token. */
export function verifyParticipant(secret: string, sessionId: number, token: string | undefined): number | null {
  if (!token || token.length > 80) return null;
  const match = /^(\d{1,12})\.(\d{1,12})\.([\w-]{32})$/.exec(token);
  if (!match || Number(match[1]) !== sessionId) return null;
  const participantId = Number(match[2]);
  const expected = Buffer.from(mac(secret, sessionId, participantId));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? participantId : null;
}

export type InsertOutcome = 'counted' | 'already-answered' | 'not-open';

/**
 * Stores a first answer in one statement that also checks, in the database, that the question is
 * still open; the unique key refuses a second answer whatever the caller believed.
 */
export async function insertAnswer(db: Kysely<Database>, questionId: number, participantId: number, value: AnswerValue): Promise<InsertOutcome> {
  const now = nowIso();
  const json = JSON.stringify(value);
  const result = await db
    .insertInto('live_answers')
    .columns(['question_id', 'participant_id', 'value', 'created_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('live_questions')
        .select([eb.val(questionId).as('q'), eb.val(participantId).as('p'), eb.val(json).as('v'), eb.val(now).as('c'), eb.val(now).as('u')])
        .where('id', '=', questionId)
        .where('state', '=', 'open'),
    )
    .onConflict((oc) => oc.columns(['question_id', 'participant_id']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return 'counted';
  const existing = await db.selectFrom('live_answers').select('id').where('question_id', '=', questionId).where('participant_id', '=', participantId).executeTakeFirst();
  return existing ? 'already-answered' : 'not-open';
}

export type AnswerInserter = (questionId: number, participantId: number, value: AnswerValue) => Promise<InsertOutcome>;

/**
 * The vote path's insert, prepared once. Kysely prepares every statement anew, which on SQLite is
 * most of a vote's cost; given the raw SQLite connection this runs the same statement as
 * `insertAnswer` through cached better-sqlite3 statements. On PostgreSQL it is `insertAnswer`.
 */
export function answerInserter(db: Kysely<Database>, sqlite?: Sqlite.Database): AnswerInserter {
  if (!sqlite) return (questionId, participantId, value) => insertAnswer(db, questionId, participantId, value);
  const insert = sqlite.prepare(
    `insert into live_answers (question_id, participant_id, value, created_at, updated_at)
     select ?, ?, ?, ?, ? from live_questions where id = ? and state = 'open'
     on conflict (question_id, participant_id) do nothing`,
  );
  const exists = sqlite.prepare('select 1 from live_answers where question_id = ? and participant_id = ?').pluck();
  return async (questionId, participantId, value) => {
    const now = nowIso();
    if (insert.run(questionId, participantId, JSON.stringify(value), now, now, questionId).changes === 1) return 'counted';
    return exists.get(questionId, participantId) ? 'already-answered' : 'not-open';
  };
}

/**
 * Replaces an answer while the question is open and allows changes; returns the old value so the
 * running totals can withdraw it, or null when nothing was changed.
 */
export async function changeAnswer(db: Kysely<Database>, questionId: number, participantId: number, value: AnswerValue): Promise<AnswerValue | null> {
  return db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('live_answers')
      .innerJoin('live_questions', 'live_questions.id', 'live_answers.question_id')
      .select('live_answers.value')
      .where('live_answers.question_id', '=', questionId)
      .where('live_answers.participant_id', '=', participantId)
      .where('live_questions.state', '=', 'open')
      .where('live_questions.allow_change', '=', 1)
      .executeTakeFirst();
    if (!old) return null;
    await trx
      .updateTable('live_answers')
      .set({ value: JSON.stringify(value), updated_at: nowIso() })
      .where('question_id', '=', questionId)
      .where('participant_id', '=', participantId)
      .execute();
    return JSON.parse(old.value) as AnswerValue;
  });
}

export async function findAnswer(db: Kysely<Database>, questionId: number, participantId: number): Promise<AnswerValue | null> {
  const row = await db.selectFrom('live_answers').select('value').where('question_id', '=', questionId).where('participant_id', '=', participantId).executeTakeFirst();
  return row ? (JSON.parse(row.value) as AnswerValue) : null;
}

/** Every stored answer of a question, oldest first: the recount the running totals start from. */
export async function answerValues(db: Kysely<Database>, questionId: number): Promise<AnswerValue[]> {
  const rows = await db.selectFrom('live_answers').select('value').where('question_id', '=', questionId).where('hidden', '=', 0).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.value) as AnswerValue);
}

export interface AnswerEntry {
  id: number;
  value: AnswerValue;
  hidden: boolean;
}

/** A word cloud's or open text's entries for the moderator, newest first, hidden ones included. */
export async function listEntries(db: Kysely<Database>, questionId: number, limit = 200): Promise<AnswerEntry[]> {
  const rows = await db.selectFrom('live_answers').select(['id', 'value', 'hidden']).where('question_id', '=', questionId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, value: JSON.parse(r.value) as AnswerValue, hidden: r.hidden === 1 }));
}

/** Hides (or shows again) one entry of a question; returns false when the entry is not the question's. */
export async function setEntryHidden(db: Kysely<Database>, questionId: number, answerId: number, hidden: boolean): Promise<boolean> {
  const result = await db.updateTable('live_answers').set({ hidden: hidden ? 1 : 0 }).where('id', '=', answerId).where('question_id', '=', questionId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listBlockedWords(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('live_blocked_words').select('word').orderBy('word').execute()).map((r) => r.word);
}

/** Replaces the hub's blocked words, folded as word cloud entries are so that "Idiots!" blocks "idiot". */
export async function replaceBlockedWords(db: Kysely<Database>, words: string[]): Promise<string[]> {
  const folded = [...new Set(words.map(normaliseWord).filter(Boolean))];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('live_blocked_words').execute();
    if (folded.length) await trx.insertInto('live_blocked_words').values(folded.map((word) => ({ word }))).execute();
  });
  return folded;
}

export async function addQaEntry(db: Kysely<Database>, questionId: number, participantId: number, text: string): Promise<number> {
  const row = await db
    .insertInto('live_qa_entries')
    .values({ question_id: questionId, participant_id: participantId, text, state: 'pending', upvotes: 0, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One upvote per participant per entry (primary key); returns false for a repeated upvote. */
export async function upvoteQa(db: Kysely<Database>, entryId: number, participantId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('live_qa_votes')
      .values({ entry_id: entryId, participant_id: participantId })
      .onConflict((oc) => oc.columns(['entry_id', 'participant_id']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await trx.updateTable('live_qa_entries').set((eb) => ({ upvotes: eb('upvotes', '+', 1) })).where('id', '=', entryId).execute();
    return true;
  });
}

export async function findQaEntry(db: Kysely<Database>, entryId: number): Promise<{ id: number; questionId: number; state: string } | null> {
  const row = await db.selectFrom('live_qa_entries').select(['id', 'question_id', 'state']).where('id', '=', entryId).executeTakeFirst();
  return row ? { id: row.id, questionId: row.question_id, state: row.state } : null;
}

export async function moderateQa(db: Kysely<Database>, entryId: number, state: QaEntry['state']): Promise<void> {
  await db.updateTable('live_qa_entries').set({ state }).where('id', '=', entryId).execute();
}

export async function listQa(db: Kysely<Database>, questionId: number): Promise<QaEntry[]> {
  const rows = await db.selectFrom('live_qa_entries').select(['id', 'text', 'upvotes', 'state', 'created_at']).where('question_id', '=', questionId).execute();
  return rows.map((r) => ({ id: r.id, text: r.text, upvotes: r.upvotes, state: r.state as QaEntry['state'], createdAt: r.created_at }));
}

/** A Q&A as the screen orders it (see sortQa); pending questions only for the moderator. */
export async function screenQa(db: Kysely<Database>, questionId: number, options: { includePending: boolean }): Promise<QaEntry[]> {
  return sortQa(await listQa(db, questionId), options);
}

/** Results of a question counted from the database (archive, CSV and the first load of a live tally). */
export async function questionResults(db: Kysely<Database>, question: LiveQuestion, options: { includePending?: boolean } = {}): Promise<Results> {
  if (question.type === 'qa') {
    const entries = await screenQa(db, question.id, { includePending: options.includePending ?? false });
    return { type: 'qa', responses: entries.length, entries };
  }
  return aggregate(question, await answerValues(db, question.id));
}

export interface ArchivedSession {
  session: LiveSession;
  participants: number;
  questions: { question: LiveQuestion; results: Results }[];
}

/** Closed sessions of an event with their results, for the static archive on the event page. */
export async function liveResultsForEvent(db: Kysely<Database>, eventId: number): Promise<ArchivedSession[]> {
  const sessions = await db.selectFrom('live_sessions').selectAll().where('event_id', '=', eventId).where('status', '=', 'closed').orderBy('created_at').execute();
  const archived: ArchivedSession[] = [];
  for (const row of sessions) {
    const session = toSession(row);
    const questions = (await listQuestions(db, session.id)).filter((q) => q.state === 'closed');
    archived.push({
      session,
      participants: await countParticipants(db, session.id),
      questions: await Promise.all(questions.map(async (question) => ({ question, results: await questionResults(db, question) }))),
    });
  }
  return archived;
}

/** An answer in words, as the CSV shows it. */
export function describeAnswer(question: LiveQuestion, value: AnswerValue): string {
  const label = (i: number) => (i === UNCERTAIN ? (question.uncertainLabel ?? 'uncertain') : (question.options[i] ?? `#${i}`));
  switch (question.type) {
    case 'choice':
      return (value as number[]).map(label).join(' | ');
    case 'ranking':
      return (value as number[]).map((item, p) => `${p + 1}. ${label(item)}`).join(' | ');
    case 'scales':
      return (value as number[]).map((v, i) => `${label(i)}: ${v}`).join(' | ');
    case 'points':
      return (value as number[]).map((v, i) => `${label(i)}: ${v}`).join(' | ');
    case 'grid':
      return (value as number[][]).map(([x, y], i) => `${label(i)}: ${question.axes[0]} ${x}, ${question.axes[1]} ${y}`).join(' | ');
    case 'wordcloud':
      return (value as string[]).join(' | ');
    default:
      return String(value);
  }
}

/**
 * The raw answers of a session as CSV for the organiser. No personal data: participants have no
 * account, and even their pseudonymous ids are left out; answers appear in the order they came.
 */
export async function answersCsv(db: Kysely<Database>, sessionId: number): Promise<string> {
  const lines: (string | number)[][] = [];
  for (const question of await listQuestions(db, sessionId)) {
    const no = question.position + 1;
    if (question.type === 'qa') {
      for (const e of await screenQa(db, question.id, { includePending: true })) {
        lines.push([no, question.prompt, 'qa', `${e.text} [${e.state}, ${e.upvotes} upvotes]`, e.createdAt]);
      }
      continue;
    }
    const rows = await db.selectFrom('live_answers').select(['value', 'updated_at']).where('question_id', '=', question.id).where('hidden', '=', 0).orderBy('id').execute();
    for (const row of rows) {
      lines.push([no, question.prompt, question.type, describeAnswer(question, JSON.parse(row.value) as AnswerValue), row.updated_at]);
    }
  }
  return toCsv(['question_no', 'question', 'type', 'answer', 'answered_at'], lines);
}
