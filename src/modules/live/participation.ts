import { createHmac, timingSafeEqual } from 'node:crypto';
import type Sqlite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { type AnswerValue, type LeaderboardRow, leaderboard, normaliseWord, type QaEntry, sortQa } from './aggregate.js';
import { listQuestions } from './sessions.js';

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

/** Live sessions at these events, the phones that joined them and the answers given (hidden ones left out). */
export async function participationAtEvents(db: Kysely<Database>, eventIds: number[]): Promise<{ sessions: number; participants: number; answers: number }> {
  if (!eventIds.length) return { sessions: 0, participants: 0, answers: 0 };
  const sessions = db.selectFrom('live_sessions').select('id').where('event_id', 'in', eventIds);
  const [s, p, a] = await Promise.all([
    db.selectFrom('live_sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', 'in', eventIds).executeTakeFirstOrThrow(),
    db.selectFrom('live_participants').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', 'in', sessions).executeTakeFirstOrThrow(),
    db
      .selectFrom('live_answers')
      .innerJoin('live_questions', 'live_questions.id', 'live_answers.question_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('live_questions.session_id', 'in', sessions)
      .where('live_answers.hidden', '=', 0)
      .executeTakeFirstOrThrow(),
  ]);
  return { sessions: Number(s.n), participants: Number(p.n), answers: Number(a.n) };
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

/** The stored answer's id, or why nothing was stored. */
export type InsertOutcome = { id: number } | 'already-answered' | 'not-open';

/**
 * Stores a first answer in one statement that also checks, in the database, that the question is
 * still open; the unique key refuses a second answer whatever the caller believed.
 */
export async function insertAnswer(db: Kysely<Database>, questionId: number, participantId: number, value: AnswerValue): Promise<InsertOutcome> {
  const now = nowIso();
  const json = JSON.stringify(value);
  const inserted = await db
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
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id };
  return existingAnswer(db, questionId, participantId);
}

/** Why an answer was not stored: the participant has one already, or the question is not open. */
async function existingAnswer(db: Kysely<Database>, questionId: number, participantId: number): Promise<InsertOutcome> {
  const existing = await db.selectFrom('live_answers').select('id').where('question_id', '=', questionId).where('participant_id', '=', participantId).executeTakeFirst();
  return existing ? 'already-answered' : 'not-open';
}

export type AnswerInserter = (questionId: number, participantId: number, value: AnswerValue) => Promise<InsertOutcome>;

/**
 * The vote path's insert, prepared once. Kysely prepares every statement anew, which on SQLite is
 * most of a vote's cost; given the raw SQLite connection this runs the same statement as
 * `insertAnswer` through cached better-sqlite3 statements. On PostgreSQL see `batchedInserter`.
 */
export function answerInserter(db: Kysely<Database>, sqlite?: Sqlite.Database): AnswerInserter {
  if (!sqlite) return batchedInserter(db);
  const insert = sqlite.prepare(
    `insert into live_answers (question_id, participant_id, value, created_at, updated_at)
     select ?, ?, ?, ?, ? from live_questions where id = ? and state = 'open'
     on conflict (question_id, participant_id) do nothing`,
  );
  const exists = sqlite.prepare('select 1 from live_answers where question_id = ? and participant_id = ?').pluck();
  return async (questionId, participantId, value) => {
    const now = nowIso();
    const result = insert.run(questionId, participantId, JSON.stringify(value), now, now, questionId);
    if (result.changes === 1) return { id: Number(result.lastInsertRowid) };
    return exists.get(questionId, participantId) ? 'already-answered' : 'not-open';
  };
}

/** Votes stored by one statement at most. */
const MAX_BATCH = 5000;

interface PendingAnswer {
  questionId: number;
  participantId: number;
  value: AnswerValue;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/**
 * On PostgreSQL the votes that arrive in one turn of the event loop are stored by one statement,
 * `insertAnswer`'s over a list of rows: one round trip and one commit for the lot, where a rush
 * would otherwise queue for the pool's connections, each waiting for its own commit. The database
 * still checks that the question is open and refuses a second answer; a vote the statement did not
 * store is looked up as `insertAnswer` does. Should the statement fail, each vote is stored alone,
 * so one bad row refuses only its own vote.
 */
function batchedInserter(db: Kysely<Database>): AnswerInserter {
  let batch: PendingAnswer[] = [];
  const flush = async (pending: PendingAnswer[]) => {
    const now = nowIso();
    const rows = sql.join(pending.map((a) => sql`(${a.questionId}::int, ${a.participantId}::int, ${JSON.stringify(a.value)}::text)`));
    let stored: { id: number; question_id: number; participant_id: number }[];
    try {
      stored = (
        await sql<{ id: number; question_id: number; participant_id: number }>`
          insert into live_answers (question_id, participant_id, value, created_at, updated_at)
          select v.q, v.p, v.v, ${now}, ${now} from (values ${rows}) as v (q, p, v)
          join live_questions on live_questions.id = v.q and live_questions.state = 'open'
          on conflict (question_id, participant_id) do nothing
          returning id, question_id, participant_id`.execute(db)
      ).rows;
    } catch {
      for (const a of pending) insertAnswer(db, a.questionId, a.participantId, a.value).then(a.resolve, a.reject);
      return;
    }
    const ids = new Map(stored.map((r) => [`${r.question_id}.${r.participant_id}`, r.id]));
    for (const a of pending) {
      const key = `${a.questionId}.${a.participantId}`;
      const id = ids.get(key);
      // A participant's second vote in the same batch finds the first one stored.
      ids.delete(key);
      if (id !== undefined) a.resolve({ id });
      else existingAnswer(db, a.questionId, a.participantId).then(a.resolve, a.reject);
    }
  };
  return (questionId, participantId, value) =>
    new Promise((resolve, reject) => {
      if (batch.length === 0) {
        setImmediate(() => {
          // Three parameters a row: PostgreSQL takes at most 65,535 in one statement.
          for (let i = 0; i < batch.length; i += MAX_BATCH) {
            const pending = batch.slice(i, i + MAX_BATCH);
            flush(pending).catch((error: unknown) => pending.forEach((a) => a.reject(error)));
          }
          batch = [];
        });
      }
      batch.push({ questionId, participantId, value, resolve, reject });
    });
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

/** Every stored answer of a question, oldest first. */
export async function answerValues(db: Kysely<Database>, questionId: number): Promise<AnswerValue[]> {
  const rows = await db.selectFrom('live_answers').select('value').where('question_id', '=', questionId).where('hidden', '=', 0).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.value) as AnswerValue);
}

/**
 * The recount the running totals start from: a question's stored answers as distinct values with
 * how many gave each, in order of first arrival, and the newest answer's id. Grouped in the
 * database, 20,000 votes on a ranking come back as at most 24 rows; open text keeps one row per
 * answer, because its list keeps every answer in arrival order.
 */
export async function answerGroups(db: Kysely<Database>, questionId: number, perAnswer: boolean): Promise<{ groups: { value: AnswerValue; count: number }[]; lastId: number }> {
  const visible = db.selectFrom('live_answers').where('question_id', '=', questionId).where('hidden', '=', 0);
  const rows = perAnswer
    ? (await visible.select(['value', 'id as first', 'id as last']).orderBy('id').execute()).map((r) => ({ ...r, n: 1 }))
    : await visible
        .select((eb) => ['value', eb.fn.min('id').as('first'), eb.fn.max('id').as('last'), eb.fn.countAll().as('n')])
        .groupBy('value')
        .orderBy('first')
        .execute();
  return {
    groups: rows.map((r) => ({ value: JSON.parse(r.value) as AnswerValue, count: Number(r.n) })),
    lastId: rows.reduce((newest, r) => Math.max(newest, Number(r.last)), 0),
  };
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


/** Which of these questions a participant has answered (an audience-paced questionnaire's progress). */
export async function answeredQuestionIds(db: Kysely<Database>, participantId: number, questionIds: number[]): Promise<Set<number>> {
  if (questionIds.length === 0) return new Set();
  const rows = await db.selectFrom('live_answers').select('question_id').where('participant_id', '=', participantId).where('question_id', 'in', questionIds).execute();
  return new Set(rows.map((r) => r.question_id));
}
