import { toCsv } from '../../lib/csv.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { findEventById } from '../events/service.js';
import { type AnswerValue, type QuestionType, type Results, UNCERTAIN, aggregate } from './aggregate.js';
import { answerValues, countParticipants, screenQa } from './participation.js';
import { type LiveQuestion, type LiveSession, findSessionById, listQuestions, toQuestion, toSession } from './sessions.js';
import { preparedQuery } from '../../db/prepared.js';

/** Results of a question counted from the database (archive, CSV and the first load of a live tally). */
export async function questionResults(db: Kysely<Database>, question: LiveQuestion, options: { includePending?: boolean } = {}): Promise<Results> {
  if (question.type === 'qa') {
    const entries = await screenQa(db, question.id, { includePending: options.includePending ?? false });
    return { type: 'qa', responses: entries.length, entries };
  }
  return aggregate(question, await answerValues(db, question.id));
}

/** The results of the question a question is compared with, and the event they come from. */
export interface EarlierResults {
  eventTitle: string;
  question: LiveQuestion;
  results: Results;
}

/**
 * The earlier question a question is linked to, with its results: only once that session has
 * ended (its results are published then) and only for a question of the same type in another session.
 */
export async function earlierResults(db: Kysely<Database>, question: LiveQuestion): Promise<EarlierResults | null> {
  if (question.compareTo === null) return null;
  const row = await db.selectFrom('live_questions').selectAll().where('id', '=', question.compareTo).executeTakeFirst();
  const earlier = row ? toQuestion(row) : null;
  if (!earlier || earlier.type !== question.type || earlier.sessionId === question.sessionId) return null;
  const session = await findSessionById(db, earlier.sessionId);
  if (session?.status !== 'closed' || earlier.state !== 'closed') return null;
  const event = await findEventById(db, session.eventId);
  return { eventTitle: event?.title ?? session.title, question: earlier, results: await questionResults(db, earlier) };
}

/**
 * Questions a question may be compared with: closed questions of the same type in ended
 * sessions of other events, newest first (the moderator picks one when editing).
 */
export async function comparableQuestions(db: Kysely<Database>, session: LiveSession, type: QuestionType | null = null): Promise<{ question: LiveQuestion; sessionTitle: string; eventTitle: string }[]> {
  let query = db
    .selectFrom('live_questions')
    .innerJoin('live_sessions', 'live_sessions.id', 'live_questions.session_id')
    .selectAll('live_questions')
    .select(['live_sessions.title as session_title', 'live_sessions.event_id as event_id'])
    .where('live_sessions.status', '=', 'closed')
    .where('live_sessions.event_id', '<>', session.eventId)
    .where('live_questions.state', '=', 'closed')
    .where('live_questions.type', 'not in', ['text', 'qa'])
    .orderBy('live_sessions.created_at', 'desc')
    .orderBy('live_questions.position')
    .limit(300);
  if (type) query = query.where('live_questions.type', '=', type);
  const rows = await query.execute();
  const titles = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.event_id))) titles.set(id, (await findEventById(db, id))?.title ?? '—');
  return rows.map(({ session_title, event_id, ...row }) => ({ question: toQuestion(row), sessionTitle: session_title, eventTitle: titles.get(event_id) ?? '—' }));
}

export interface ArchivedSession {
  session: LiveSession;
  participants: number;
  questions: { question: LiveQuestion; results: Results; earlier: EarlierResults | null }[];
}

/** Closed sessions of an event with their results, for the static archive on the event page. */
// Read on every view of an event page: built once (see preparedQuery).
const closedSessionsQuery = preparedQuery((db, eventId: number) =>
  db.selectFrom('live_sessions').selectAll().where('event_id', '=', eventId).where('status', '=', 'closed').orderBy('created_at'),
);

export async function liveResultsForEvent(db: Kysely<Database>, eventId: number): Promise<ArchivedSession[]> {
  const sessions = await closedSessionsQuery(db, eventId);
  const archived: ArchivedSession[] = [];
  for (const row of sessions) {
    const session = toSession(row);
    const questions = (await listQuestions(db, session.id)).filter((q) => q.state === 'closed');
    archived.push({
      session,
      participants: await countParticipants(db, session.id),
      questions: await Promise.all(questions.map(async (question) => ({ question, results: await questionResults(db, question), earlier: await earlierResults(db, question) }))),
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
