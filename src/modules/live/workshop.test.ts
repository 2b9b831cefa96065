import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { joinApi, liveFixture, openQuestion, voteApi } from '../../../test/helpers/live.js';
import { createEvent, findEventById } from '../events/service.js';
import { closeSession, listQuestions, listSessions } from './service.js';

/** The cookies a browser keeps from a response, joined for the next request. */
const cookieOf = (response: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((response.headers['set-cookie'] as string[] | string | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describeEachDatabase('live workshop moderation', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const moderator = async () => csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
  const post = (who: { cookie: string; token: string }, url: string, fields: Record<string, string | number> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, ...FORM }, payload: form({ _csrf: who.token, ...fields }) });

  /** Joins with the phone's form and returns the cookie and CSRF token it answers with. */
  const joinPhone = async (code: string) => {
    const { cookie, token } = await csrfFor(t.app);
    const joined = await t.app.inject({ method: 'POST', url: `/live/${code}/join`, headers: { cookie, ...FORM }, payload: form({ _csrf: token }) });
    expect(joined.statusCode).toBe(303);
    return { cookie: `${cookie}; ${cookieOf(joined)}`, token };
  };

  it('times any question type: the moderator sets the seconds, late answers get 409 with a reason, phone and screen count down', async () => {
    const { session } = await liveFixture(t.app, []);
    const admin = await moderator();
    const bad = await post(admin, `/admin/live/${session.id}/questions`, { type: 'choice', prompt: 'Timed', options: 'a\nb', timer: '2' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The timer goes from 5 to 600 seconds');
    expect((await post(admin, `/admin/live/${session.id}/questions`, { type: 'choice', prompt: 'Timed', options: 'a\nb', timer: '30' })).statusCode).toBe(303);
    const [question] = await listQuestions(t.app.db, session.id);
    expect(question.timer).toBe(30);
    await post(admin, `/admin/live/${session.id}/questions/${question.id}/open`);
    const phone = await joinPhone(session.code);
    const page = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: phone.cookie } });
    expect(page.body).toMatch(/data-countdown-ms="(29|30)\d{3}"/);
    const screen = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect(screen.body).toContain('data-countdown-ms');
    // The clock runs out: the moderator's next action makes the hub read the question again.
    await t.app.db.updateTable('live_questions').set({ opened_at: new Date(Date.now() - 40_000).toISOString() }).where('id', '=', question.id).execute();
    await post(admin, `/admin/live/${session.id}/questions/${question.id}/show`);
    const late = await post(phone, `/live/${session.code}/questions/${question.id}/answer`, { choice: '0' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Time is up: this question took answers for 30 seconds.');
    const token = await joinApi(t.app, session.code);
    const api = await voteApi(t.app, session.code, question.id, token, { choices: [1] });
    expect(api.statusCode).toBe(409);
    const after = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: phone.cookie } });
    expect(after.body).toContain('Time is up');
    expect(after.body).not.toContain('Send answer');
    const count = await t.app.db.selectFrom('live_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', question.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a nickname with a blocked word, on the phone and through the API', async () => {
    const { session } = await liveFixture(t.app, []);
    const admin = await moderator();
    await post(admin, '/admin/live/blocked-words', { words: 'Rubbish' });
    const { cookie, token } = await csrfFor(t.app);
    const phone = await t.app.inject({ method: 'POST', url: `/live/${session.code}/join`, headers: { cookie, ...FORM }, payload: form({ _csrf: token, nickname: 'Total rubbish' }) });
    expect(phone.statusCode).toBe(422);
    expect(phone.body).toContain('“rubbish” is not allowed in a nickname. Please choose another.');
    const api = await t.app.inject({ method: 'POST', url: `/api/live/${session.code}/participants`, payload: { nickname: 'RUBBISH!' } });
    expect(api.statusCode).toBe(422);
    expect((await t.app.inject({ method: 'POST', url: `/api/live/${session.code}/participants`, payload: { nickname: 'Ada' } })).statusCode).toBe(201);
    await post(admin, '/admin/live/blocked-words', { words: '' });
  });

  it('gives an ended session no way on: no next button, no arrow keys, 409 on the actions', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'choice', prompt: 'Only', options: ['a', 'b'] }]);
    await openQuestion(questions[0], t.app);
    const admin = await moderator();
    await post(admin, `/admin/live/${session.id}/close`);
    const control = await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie: admin.cookie } });
    expect(control.body).not.toContain('Move on to the next question');
    expect(control.body).not.toContain('Open every question');
    const screen = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect(screen.body).not.toContain('data-forward');
    expect(screen.body).not.toContain('data-back');
    for (const action of ['next', 'forward', 'back', 'open-all']) expect((await post(admin, `/admin/live/${session.id}/${action}`)).statusCode).toBe(409);
  });

  it('saves a session as a template and starts another event’s session from it', async () => {
    const { session } = await liveFixture(t.app, [
      { type: 'ranking', prompt: 'Rank the pillars', options: ['Skills', 'Trade'], timer: 45 },
      { type: 'wordcloud', prompt: 'One word', options: [] },
    ]);
    const admin = await moderator();
    const empty = await post(admin, `/admin/live/${session.id}/template`, { title: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Name the template.');
    const saved = await post(admin, `/admin/live/${session.id}/template`, { title: `Annual meeting poll ${dialect}` });
    expect(saved.statusCode).toBe(303);
    const list = await t.app.inject({ url: '/admin/live', headers: { cookie: admin.cookie } });
    expect(list.body).toContain(`Annual meeting poll ${dialect} (2 questions)`);
    const templateId = Number(new RegExp(`<option value="(\\d+)"[^>]*>Annual meeting poll ${dialect}`).exec(list.body)?.[1]);
    const nextYear = await createEvent(t.app.db, { title: 'Annual meeting 2025', type: 'annual-meeting', format: 'in-person', startsAt: '2025-06-12T08:00:00Z', endsAt: '2025-06-12T16:00:00Z' });
    const unknown = await post(admin, '/admin/live', { eventId: nextYear, title: 'Poll 2025', templateId: 999999 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Choose one of the templates listed.');
    const created = await post(admin, '/admin/live', { eventId: nextYear, title: 'Poll 2025', templateId, pace: 'audience' });
    expect(created.statusCode).toBe(303);
    const [copy] = await listSessions(t.app.db, { eventIds: [nextYear] });
    expect(copy.pace).toBe('audience');
    const questions = await listQuestions(t.app.db, copy.id);
    expect(questions.map((q) => [q.type, q.prompt, q.state, q.timer])).toEqual([
      ['ranking', 'Rank the pillars', 'draft', 45],
      ['wordcloud', 'One word', 'draft', null],
    ]);
    expect((await post(admin, '/admin/live/templates/abc/delete')).statusCode).toBe(400);
    expect((await post(admin, '/admin/live/templates/99999999/delete')).statusCode).toBe(404);
    expect((await post(admin, `/admin/live/templates/${templateId}/delete`)).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/admin/live', headers: { cookie: admin.cookie } })).body).not.toContain(`Annual meeting poll ${dialect}`);
  });

  it('runs an audience-paced questionnaire: each phone goes through every question, with and without JavaScript; the screen pages the results', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'choice', prompt: 'First of three', options: ['a', 'b'], resultsVisible: true },
      { type: 'scales', prompt: 'Second of three', options: ['Useful'] },
      { type: 'text', prompt: 'Third of three', options: [] },
    ]);
    const admin = await moderator();
    expect((await post(admin, `/admin/live/${session.id}/pace`, { pace: 'sideways' })).statusCode).toBe(422);
    expect((await post(admin, `/admin/live/${session.id}/pace`, { pace: 'audience' })).statusCode).toBe(303);
    const control = await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie: admin.cookie } });
    expect(control.body).toContain('Open every question');
    expect(control.body).not.toContain('Move on to the next question');
    await post(admin, `/admin/live/${session.id}/open-all`);
    const states = await listQuestions(t.app.db, session.id);
    expect(states.map((q) => q.state)).toEqual(['open', 'open', 'open']);

    const phone = await joinPhone(session.code);
    const first = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: phone.cookie } });
    expect(first.body).toContain('First of three');
    expect(first.body).toContain('Question 1 of 3');
    expect(first.body).toContain('data-follow="status pace"');
    // Skip ahead with a plain link, then answer the first: the phone goes on to the next unanswered question.
    const skipped = await t.app.inject({ url: `/live/${session.code}?q=${questions[1].id}`, headers: { cookie: phone.cookie } });
    expect(skipped.body).toContain('Second of three');
    expect(skipped.body).toContain(`href="/live/${session.code}?q=${questions[0].id}"`);
    const a1 = await post(phone, `/live/${session.code}/questions/${questions[0].id}/answer`, { choice: '1' });
    expect(a1.headers.location).toBe(`/live/${session.code}?q=${questions[1].id}&sent=answer`);
    const second = await t.app.inject({ url: a1.headers.location as string, headers: { cookie: phone.cookie } });
    expect(second.body).toContain('Answer sent.');
    expect(second.body).toContain('Question 2 of 3 · 1 answered');
    const bad = await post(phone, `/live/${session.code}/questions/${questions[1].id}/answer`, {});
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Second of three');
    const a2 = await post(phone, `/live/${session.code}/questions/${questions[1].id}/answer`, { scale_0: '4' });
    expect(a2.headers.location).toBe(`/live/${session.code}?q=${questions[2].id}&sent=answer`);
    const a3 = await post(phone, `/live/${session.code}/questions/${questions[2].id}/answer`, { text: 'More site visits' });
    expect(a3.headers.location).toBe(`/live/${session.code}?sent=answer`);
    // A question id that is not a number is refused at the edge; an unknown one shows where the phone is.
    expect((await t.app.inject({ url: `/live/${session.code}?q=abc`, headers: { cookie: phone.cookie } })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/live/${session.code}?q=99999999`, headers: { cookie: phone.cookie } })).statusCode).toBe(200);
    const done = await t.app.inject({ url: a3.headers.location as string, headers: { cookie: phone.cookie } });
    expect(done.body).toContain('you have answered every question');
    // Going back shows the answer given and, the moderator showing results, the results.
    const back = await t.app.inject({ url: `/live/${session.code}?q=${questions[0].id}`, headers: { cookie: phone.cookie } });
    expect(back.body).toContain('Answer sent');
    expect(back.body).toContain('live-results');

    // The big screen pages through the results; the questions stay open for those still answering.
    const screen = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect(screen.body).toContain('Question 1 of 3 · everyone answers at their own pace');
    await post(admin, `/admin/live/${session.id}/forward`);
    await post(admin, `/admin/live/${session.id}/next`);
    const paged = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect(paged.body).toContain('Question 3 of 3');
    expect((await listQuestions(t.app.db, session.id)).map((q) => q.state)).toEqual(['open', 'open', 'open']);
  });

  it('compares a question with the same one at an earlier event, on the presenter and in the archive', async () => {
    const earlier = await liveFixture(t.app, [
      { type: 'choice', prompt: 'Which pillar first?', options: ['Skills', 'Trade'], resultsVisible: true },
      { type: 'text', prompt: 'Anything else?', options: [] },
    ]);
    await openQuestion(earlier.questions[0], t.app);
    for (const choice of [0, 0, 0, 1]) expect((await voteApi(t.app, earlier.session.code, earlier.questions[0].id, await joinApi(t.app, earlier.session.code), { choices: [choice] })).statusCode).toBe(200);
    await closeSession(t.app.db, earlier.session.id);
    const earlierEvent = await findEventById(t.app.db, earlier.eventId);

    const nextYear = await createEvent(t.app.db, { title: 'Annual meeting next year', type: 'annual-meeting', format: 'in-person', startsAt: '2025-06-12T08:00:00Z', endsAt: '2025-06-12T16:00:00Z' });
    const admin = await moderator();
    const copied = await post(admin, `/admin/live/${earlier.session.id}/duplicate`, { eventId: nextYear });
    const copyId = Number(/\/admin\/live\/(\d+)/.exec(copied.headers.location as string)?.[1]);
    const [question, text] = await listQuestions(t.app.db, copyId);
    expect(question.compareTo).toBe(earlier.questions[0].id);
    // Open text has no figures to compare.
    expect(text.compareTo).toBeNull();
    // The moderator may link a question only to a listed one of the same type.
    const edit = await t.app.inject({ url: `/admin/live/${copyId}/questions/${question.id}/edit`, headers: { cookie: admin.cookie } });
    expect(edit.body).toContain('Compare with the same question at an earlier event');
    const mismatch = await post(admin, `/admin/live/${copyId}/questions/${question.id}/edit`, { type: 'ranking', prompt: 'Which pillar first?', options: 'Skills\nTrade', compareTo: earlier.questions[0].id });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('compare with a question of the same type');

    const [session] = await listSessions(t.app.db, { eventIds: [nextYear] });
    await openQuestion(question, t.app);
    await post(admin, `/admin/live/${copyId}/questions/${question.id}/show`);
    for (const choice of [1, 1, 0, 1]) expect((await voteApi(t.app, session.code, question.id, await joinApi(t.app, session.code), { choices: [choice] })).statusCode).toBe(200);
    const screen = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect(screen.body).toContain(`% of responses: now and at ${earlierEvent!.title}`);
    // Skills went from 75 % to 25 %, Trade from 25 % to 75 %.
    expect(screen.body).toMatch(/Skills<\/th><td>75<\/td><td>25<\/td><td><span class="live-down"><span aria-hidden="true">▼ <\/span>−50<\/span>/);
    expect(screen.body).toMatch(/Trade<\/th><td>25<\/td><td>75<\/td><td><span class="live-up"><span aria-hidden="true">▲ <\/span>\+50<\/span>/);
    // A phone keeps to the question in hand.
    const phone = await t.app.inject({ url: `/live/${session.code}`, headers: { 'x-live-token': await joinApi(t.app, session.code) } });
    expect(phone.body).not.toContain('live-compare');

    await closeSession(t.app.db, session.id);
    const event = await findEventById(t.app.db, nextYear);
    const archive = await t.app.inject({ url: event!.url });
    expect(archive.body).toContain(`% of responses: now and at ${earlierEvent!.title}`);
    expect(archive.body).toContain('−50');
  });
});
