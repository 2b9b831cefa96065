import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { createEvent } from '../events/service.js';
import { addQuestion, answerGroups, answerInserter, createParticipant, createSession, type LiveQuestion, setQuestionState } from './service.js';

describeEachDatabase('storing live answers', (dialect) => {
  let database: TestDatabase;
  let sessionId: number;
  let question: LiveQuestion;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database.handle;
    const eventId = await createEvent(db, { title: 'Annual meeting', type: 'annual-meeting', format: 'in-person', startsAt: '2024-06-12T08:00:00Z', endsAt: '2024-06-12T16:00:00Z' });
    sessionId = (await createSession(db, { eventId, title: 'Priorities' })).id;
    question = await addQuestion(db, sessionId, { type: 'ranking', prompt: 'Rank', options: ['A', 'B', 'C'] });
    await setQuestionState(db, question, 'open');
  });
  afterEach(() => database.drop());

  it('stores votes that arrive together one each, refuses a second, and names each stored answer by its id', async () => {
    const { db, sqlite } = database.handle;
    const insert = answerInserter(db, sqlite);
    const people = await Promise.all([1, 2, 3].map(() => createParticipant(db, sessionId)));
    // Sent in one turn of the event loop: on PostgreSQL they share one statement.
    const outcomes = await Promise.all([insert(question.id, people[0], [0, 1, 2]), insert(question.id, people[1], [0, 1, 2]), insert(question.id, people[0], [2, 1, 0]), insert(question.id, people[2], [1, 0, 2])]);
    expect(outcomes[2]).toBe('already-answered');
    const ids = outcomes.filter((o) => typeof o === 'object').map((o) => o.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const stored = await db.selectFrom('live_answers').select(['id', 'participant_id', 'value']).where('question_id', '=', question.id).orderBy('id').execute();
    expect(stored.map((r) => r.id)).toEqual([...ids].sort((a, b) => a - b));
    expect(stored.find((r) => r.participant_id === people[0])!.value).toBe('[0,1,2]');

    // The recount groups equal answers and names the newest id.
    const { groups, lastId } = await answerGroups(db, question.id, false);
    expect(groups).toEqual([
      { value: [0, 1, 2], count: 2 },
      { value: [1, 0, 2], count: 1 },
    ]);
    expect(lastId).toBe(Math.max(...ids));

    await setQuestionState(db, question, 'closed');
    const late = await createParticipant(db, sessionId);
    expect(await insert(question.id, late, [0, 1, 2])).toBe('not-open');
  });
});
