import type { FastifyInstance } from 'fastify';
import http from 'node:http';
import { createEvent } from '../../src/modules/events/service.js';
import { addQuestion, closeSession, createSession, duplicateSession, type LiveQuestion, type LiveSession, listQuestions, openAllQuestions, type QuestionInput, setPace, setQuestionState, setResultsVisible } from '../../src/modules/live/service.js';

/** An event with a live session and the given questions, built through the services. */
export async function liveFixture(app: FastifyInstance, questions: QuestionInput[], options: { projectIds?: number[] } = {}): Promise<{ eventId: number; session: LiveSession; questions: LiveQuestion[] }> {
  const eventId = await createEvent(app.db, {
    title: `Live fixture ${Math.random().toString(36).slice(2, 8)}`,
    type: 'annual-meeting',
    format: 'in-person',
    startsAt: '2024-06-12T08:00:00Z',
    endsAt: '2024-06-12T16:00:00Z',
    projectIds: options.projectIds,
  });
  const session = await createSession(app.db, { eventId, title: 'Interactive session' });
  const created: LiveQuestion[] = [];
  for (const q of questions) created.push(await addQuestion(app.db, session.id, q));
  return { eventId, session, questions: created };
}

export const PILLARS = ['Funding and state aid', 'Skills', 'Regulation', 'Open trade'];

export async function openQuestion(question: LiveQuestion, app: FastifyInstance): Promise<void> {
  await setQuestionState(app.db, question, 'open');
}

/** Joins through the API and returns the participant token. */
export async function joinApi(app: FastifyInstance, code: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: `/api/live/${code}/participants` });
  if (response.statusCode !== 201) throw new Error(`join failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

export function voteApi(app: FastifyInstance, code: string, questionId: number, token: string, body: unknown) {
  return app.inject({ method: 'POST', url: `/api/live/${code}/questions/${questionId}/answer`, headers: { 'x-live-token': token }, payload: body as object });
}

export interface SseListener {
  events: { event: string; data: any }[];
  /** Resolves with the first event that satisfies the predicate (already received or still to come). */
  waitFor(predicate: (e: { event: string; data: any }) => boolean, timeoutMs?: number): Promise<{ event: string; data: any }>;
  close(): void;
}

/** Opens an SSE stream with plain node:http and parses its events. */
export function listenSse(url: string, headers: Record<string, string> = {}): Promise<SseListener> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: any }[] = [];
    const waiters: { predicate: (e: { event: string; data: any }) => boolean; resolve: (e: { event: string; data: any }) => void }[] = [];
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`SSE status ${response.statusCode}`));
        response.resume();
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          const parsed = { event, data: JSON.parse(data) };
          events.push(parsed);
          for (const w of [...waiters]) {
            if (w.predicate(parsed)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(parsed);
            }
          }
        }
      });
      resolve({
        events,
        waitFor: (predicate, timeoutMs = 10_000) => {
          const found = events.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error('SSE event did not arrive in time')), timeoutMs);
            waiters.push({ predicate, resolve: (e) => (clearTimeout(timer), ok(e)) });
          });
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

/**
 * Last year's session with a choice answered by four people and ended, and this year's copy of it
 * (its question compared with last year's), audience-paced with a scale added, every question open
 * and the choice's results shown.
 */
export async function comparedSessions(app: FastifyInstance): Promise<{ earlier: LiveSession; copy: LiveSession; questions: LiveQuestion[] }> {
  const earlier = await liveFixture(app, [{ type: 'choice', prompt: 'Which pillar comes first?', options: PILLARS, resultsVisible: true }]);
  await openQuestion(earlier.questions[0], app);
  for (const choice of [0, 0, 1, 2]) await voteApi(app, earlier.session.code, earlier.questions[0].id, await joinApi(app, earlier.session.code), { choices: [choice] });
  await closeSession(app.db, earlier.session.id);
  const nextYear = await createEvent(app.db, { title: `Annual meeting ${Math.random().toString(36).slice(2, 6)}`, type: 'annual-meeting', format: 'in-person', startsAt: '2025-06-12T08:00:00Z', endsAt: '2025-06-12T16:00:00Z' });
  const copy = await duplicateSession(app.db, earlier.session, nextYear, null);
  await addQuestion(app.db, copy.id, { type: 'scales', prompt: 'How useful was the morning?', options: ['Talks', 'Discussion'] });
  await setPace(app.db, copy.id, 'audience');
  await openAllQuestions(app.db, copy.id);
  const questions = await listQuestions(app.db, copy.id);
  await setResultsVisible(app.db, questions[0].id, true);
  return { earlier: earlier.session, copy: { ...copy, pace: 'audience' }, questions };
}
