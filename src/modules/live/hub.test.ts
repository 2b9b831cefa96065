import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { createBus } from '../../lib/bus.js';
import { createEvent } from '../events/service.js';
import { LiveHub, type SessionState, type Stream } from './hub.js';
import { addQuestion, answerInserter, createSession, type LiveQuestion, setQuestionState } from './service.js';

/** A stream that keeps the updates written to it. */
function recordingStream(): Stream & { updates: { v: number; n: number }[] } {
  const updates: { v: number; n: number }[] = [];
  return {
    updates,
    writableLength: 0,
    write(data) {
      const text = String(data);
      if (text.startsWith('event: update')) updates.push(JSON.parse(text.slice(text.indexOf('data: ') + 6)) as { v: number; n: number });
      return true;
    },
    end() {},
    destroy() {},
    once() {},
  };
}

let database: TestDatabase;
let hub: LiveHub;
let state: SessionState;
let question: LiveQuestion;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  database = await createTestDatabase('sqlite');
  const { db, sqlite } = database.handle;
  const eventId = await createEvent(db, { title: 'Annual meeting', type: 'annual-meeting', format: 'in-person', startsAt: '2024-06-12T08:00:00Z', endsAt: '2024-06-12T16:00:00Z' });
  const session = await createSession(db, { eventId, title: 'Priorities' });
  question = await addQuestion(db, session.id, { type: 'ranking', prompt: 'Rank', options: ['A', 'B', 'C'] });
  await setQuestionState(db, question, 'open');
  hub = new LiveHub(db, createBus({}), 'a-test-secret-of-at-least-32-characters', () => '', answerInserter(db, sqlite));
  state = (await hub.byCode(session.code))!;
});

afterEach(async () => {
  await hub.close();
  await database.drop();
  vi.useRealTimers();
});

/** Lets due timers fire and the round they start finish writing (a slice of streams per turn of the event loop). */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

async function vote(): Promise<void> {
  const participant = hub.participant(state, await hub.join(state));
  await hub.answer(state, participant, question.id, { ranking: [2, 1, 0] });
}

it('sends a vote after a quiet spell at once, and coalesces the votes that follow into one update 100 ms later', async () => {
  const phone = recordingStream();
  hub.subscribe(state, 'participant', phone);
  await advance(200);
  const quiet = phone.updates.length;

  await vote();
  await advance(0);
  expect(phone.updates.slice(quiet).map((u) => u.n)).toEqual([1]);

  await vote();
  await vote();
  await advance(99);
  expect(phone.updates.length).toBe(quiet + 1);
  await advance(1);
  expect(phone.updates.slice(quiet).map((u) => u.n)).toEqual([1, 3]);

  // Nothing changed since: no further rounds.
  await advance(1000);
  expect(phone.updates.length).toBe(quiet + 2);
});

it('writes a round to many streams in slices, giving each stream the same update once', async () => {
  const phones = Array.from({ length: 2500 }, () => recordingStream());
  for (const phone of phones) hub.subscribe(state, 'participant', phone);
  await advance(200);
  await vote();
  await advance(0);
  for (const phone of phones) expect(phone.updates.at(-1)?.n).toBe(1);
  expect(new Set(phones.map((p) => p.updates.length))).toEqual(new Set([phones[0].updates.length]));
});

it('brings the streams a long round wrote early up to date with a change it took on halfway', async () => {
  const phones = Array.from({ length: 2500 }, () => recordingStream());
  for (const phone of phones) hub.subscribe(state, 'participant', phone);
  const voters = await Promise.all(Array.from({ length: 4 }, async () => hub.participant(state, await hub.join(state))));
  await advance(200);
  const ranking = { ranking: [2, 1, 0] };
  // Writing to the middle stream takes 100 ms, so every round outlasts the coalescing interval;
  // in the second round a vote comes meanwhile.
  let round = 0;
  const middle = phones[1500];
  const write = middle.write.bind(middle);
  middle.write = (data) => {
    round += 1;
    vi.advanceTimersByTime(100);
    if (round === 2) void hub.answer(state, voters[2], question.id, ranking);
    return write(data);
  };

  await hub.answer(state, voters[0], question.id, ranking);
  await advance(0);
  await hub.answer(state, voters[1], question.id, ranking);
  await advance(0);
  // Round three starts right after round two, within 100 ms of its fresh update halfway: its first
  // streams get that update, and the vote that came just before only reaches its last streams.
  await hub.answer(state, voters[3], question.id, ranking);
  await advance(0);
  await advance(1000);
  for (const phone of phones) expect(phone.updates.at(-1)?.n).toBe(4);
});

it('drops a session from memory when nobody has watched or used it for ten minutes, and keeps a watched one', async () => {
  const code = state.session.code;
  await advance(5 * 60_000);
  expect(await hub.byCode(code)).toBe(state);
  hub.subscribe(state, 'present', recordingStream());
  await advance(11 * 60_000);
  expect(await hub.byCode(code)).toBe(state);

  const idle = await createSession(database.handle.db, { eventId: state.session.eventId, title: 'Ended workshop' });
  const idleState = (await hub.byCode(idle.code))!;
  await advance(11 * 60_000);
  const reloaded = await hub.byCode(idle.code);
  expect(reloaded).not.toBe(idleState);
  expect(reloaded?.session.id).toBe(idle.id);
});
