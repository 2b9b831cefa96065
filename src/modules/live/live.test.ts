import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { PILLARS, joinApi, listenSse, liveFixture, openQuestion, voteApi } from '../../../test/helpers/live.js';
import { createProject } from '../directory/service.js';
import { findEventById } from '../events/service.js';
import { closeSession, insertAnswer, setQuestionState } from './service.js';

async function answerCount(t: TestApp, questionId: number): Promise<number> {
  const row = await t.app.db.selectFrom('live_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('question_id', '=', questionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cookies a browser keeps from a response: for a name set twice, the last one wins. */
const cookieOf = (response: { headers: Record<string, unknown> }) => {
  const jar = new Map<string, string>();
  for (const c of ([] as string[]).concat((response.headers['set-cookie'] as string[] | string | undefined) ?? [])) {
    const pair = c.split(';')[0];
    jar.set(pair.split('=')[0], pair);
  }
  return [...jar.values()].join('; ');
};

describeEachDatabase('live sessions', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets an admin create a session, add a ranking question and open it, with forms', async () => {
    const { eventId } = await liveFixture(t.app, []);
    const admin = await signIn(t.app, { role: 'admin' });
    const list = await t.app.inject({ url: '/admin/live', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const empty = await t.app.inject({ method: 'POST', url: '/admin/live', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, eventId, title: '' }) });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter a title.');
    const created = await t.app.inject({ method: 'POST', url: '/admin/live', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, eventId, title: 'Green Deal priorities' }) });
    expect(created.statusCode).toBe(303);
    const controlUrl = created.headers.location as string;
    const bad = await t.app.inject({ method: 'POST', url: `${controlUrl}/questions`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, type: 'ranking', prompt: 'Rank', options: 'Only one' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter 2 to 12 lines.');
    const added = await t.app.inject({
      method: 'POST',
      url: `${controlUrl}/questions`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: token, type: 'ranking', prompt: 'Rank the four pillars', options: PILLARS.join('\n'), scaleMax: '5', resultsVisible: 'on' }),
    });
    expect(added.statusCode).toBe(303);
    const page = await t.app.inject({ url: controlUrl, headers: { cookie } });
    expect(page.body).toContain('Rank the four pillars');
    const questionId = Number(/questions\/(\d+)\/open/.exec(page.body)?.[1]);
    const opened = await t.app.inject({ method: 'POST', url: `${controlUrl}/questions/${questionId}/open`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    expect(opened.statusCode).toBe(303);
    const after = await t.app.inject({ url: controlUrl, headers: { cookie } });
    expect(after.body).toContain('on screen');
  });

  it('gives a signed-in moderator a working form on a first visit (one CSRF secret per response)', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'choice', prompt: 'First visit', options: ['a', 'b'] }]);
    const admin = await signIn(t.app, { role: 'admin' });
    const page = await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie: admin.cookie } });
    const token = new RegExp(`questions/${questions[0].id}/open"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"`).exec(page.body)![1];
    const cookie = `${admin.cookie}; ${cookieOf(page)}`;
    const opened = await t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${questions[0].id}/open`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    expect(opened.statusCode).toBe(303);
  });

  it('limits moderation to admins and editors of an organising project', async () => {
    const projectId = await createProject(t.app.db, { slug: `p-${dialect}`, acronym: 'PRJ', title: 'Project' });
    const { session } = await liveFixture(t.app, [], { projectIds: [projectId] });
    const editor = await signIn(t.app, { role: 'editor', projectIds: [projectId] });
    const stranger = await signIn(t.app, { role: 'editor', projectIds: [] });
    const member = await signIn(t.app, { role: 'member' });
    expect((await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie: editor.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie: stranger.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/admin/live`, headers: { cookie: member.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: stranger.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/live/${session.code}/present` })).statusCode).toBe(302);
    expect((await t.app.inject({ url: `/admin/live/${session.id}/answers.csv`, headers: { cookie: member.cookie } })).statusCode).toBe(403);
  });

  it('joins by code on a phone without JavaScript and counts a ranking from the form', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'ranking', prompt: 'Rank the pillars', options: PILLARS }]);
    await openQuestion(questions[0], t.app);
    const wrong = await t.app.inject({ url: '/live?code=ZZZ' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('no live session with this code');
    const byCode = await t.app.inject({ url: `/live?code=${session.code.toLowerCase()}` });
    expect(byCode.statusCode).toBe(303);
    expect(byCode.headers.location).toBe(`/live/${session.code}`);
    const first = await t.app.inject({ url: `/live/${session.code}` });
    expect(first.body).toContain('Join the session');
    const { cookie, token } = await csrfFor(t.app);
    const joined = await t.app.inject({ method: 'POST', url: `/live/${session.code}/join`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    expect(joined.statusCode).toBe(303);
    const participant = `${cookie}; ${cookieOf(joined)}`;
    expect(participant).toContain('live_token=');
    const page = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: participant } });
    expect(page.body).toContain('Rank the pillars');
    const url = `/live/${session.code}/questions/${questions[0].id}/answer`;
    const repeated = await t.app.inject({ method: 'POST', url, headers: { cookie: participant, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, rank_0: 1, rank_1: 1, rank_2: 3, rank_3: 4 }) });
    expect(repeated.statusCode).toBe(422);
    expect(repeated.body).toContain('Each item must get a different position.');
    const sent = await t.app.inject({ method: 'POST', url, headers: { cookie: participant, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, rank_0: 1, rank_1: 2, rank_2: 3, rank_3: 4 }) });
    expect(sent.statusCode).toBe(303);
    const done = await t.app.inject({ url: sent.headers.location as string, headers: { cookie: participant } });
    // One confirmation, then waiting; no site navigation on the phone.
    expect(done.body.match(/Answer sent/g)).toHaveLength(1);
    expect(done.body).toContain('Waiting for the next question');
    expect(done.body).not.toContain('class="site-header"');
    expect(done.body).not.toContain('class="site-footer"');
    expect(await answerCount(t, questions[0].id)).toBe(1);
  });

  it('refuses bad answers with a reason and counts nothing', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'ranking', prompt: 'Rank', options: PILLARS },
      { type: 'scales', prompt: 'Rate', options: ['A', 'B'], scaleMax: 5 },
      { type: 'text', prompt: 'Say', options: [] },
      { type: 'choice', prompt: 'Closed one', options: ['x', 'y'] },
      { type: 'points', prompt: 'Share', options: ['a', 'b', 'c'] },
      { type: 'grid', prompt: 'Place', options: ['a', 'b'], scaleMax: 5, axes: ['Effort', 'Impact'] },
    ]);
    const other = await liveFixture(t.app, [{ type: 'choice', prompt: 'Elsewhere', options: ['x', 'y'] }]);
    const [ranking, scales, text, closed, points, grid] = questions;
    for (const q of [ranking, scales, text, points, grid]) await openQuestion(q, t.app);
    await openQuestion(other.questions[0], t.app);
    const token = await joinApi(t.app, session.code);
    const code = session.code;
    const cases: [number, unknown, number, string][] = [
      [ranking.id, { ranking: [0, 0, 1, 2] }, 422, 'different position'],
      [ranking.id, { ranking: [0, 1, 2, 9] }, 422, 'not part'],
      [ranking.id, { ranking: [0, 1, 2] }, 422, 'Rank all 4'],
      [scales.id, { scales: [3, 6] }, 422, 'from 1 to 5'],
      [scales.id, { scales: [0, 2] }, 422, 'from 1 to 5'],
      [text.id, { text: 'x'.repeat(1001) }, 422, 'at most 1000'],
      [text.id, { text: 'x'.repeat(50_000) }, 400, ''],
      [closed.id, { choices: [0] }, 409, 'not open'],
      [other.questions[0].id, { choices: [0] }, 404, 'not part of this session'],
      [ranking.id, { ranking: [0, 1, 2, 3], extra: '<script>' }, 400, ''],
      [points.id, { points: [50, 30, 10] }, 422, 'add up to 90; share exactly 100'],
      [points.id, { points: [50, 30, 10, 10] }, 422, 'not part of this question'],
      [points.id, { points: [120, -10, -10] }, 422, 'cannot be negative'],
      [points.id, { points: [50, 50] }, 422, 'Give each of the 3 options'],
      [grid.id, { grid: [[1, 6], [2, 2]] }, 422, 'from 1 to 5'],
      [grid.id, { grid: [[0, 3], [2, 2]] }, 422, 'from 1 to 5'],
      [grid.id, { grid: [[1, 3], [2, 2], [3, 3]] }, 422, 'not part of the question'],
      [grid.id, { grid: [[1, 3], [2]] }, 422, 'both scales'],
    ];
    for (const [questionId, body, status, reason] of cases) {
      const response = await voteApi(t.app, code, questionId, token, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect((response.json() as { error: { message: string } }).error.message).toContain(reason);
    }
    const forged = await voteApi(t.app, code, ranking.id, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { ranking: [0, 1, 2, 3] });
    expect(forged.statusCode).toBe(403);
    const foreign = await voteApi(t.app, code, ranking.id, await joinApi(t.app, other.session.code), { ranking: [0, 1, 2, 3] });
    expect(foreign.statusCode).toBe(403);
    expect((await voteApi(t.app, code, ranking.id, '', { ranking: [0, 1, 2, 3] })).statusCode).toBe(403);
    for (const q of questions) expect(await answerCount(t, q.id)).toBe(0);
    expect([400, 404]).toContain((await t.app.inject({ url: '/live/%00%27%22<x>' })).statusCode);
    expect((await t.app.inject({ url: '/live/%27%22<x>' })).statusCode).toBe(404);
  });

  it('refuses a second vote by the unique key, and replaces it where changes are allowed', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'choice', prompt: 'Once', options: ['a', 'b'], uncertainLabel: 'Uncertain' },
      { type: 'choice', prompt: 'Changeable', options: ['a', 'b'], allowChange: true },
    ]);
    const [once, changeable] = questions;
    await openQuestion(once, t.app);
    await openQuestion(changeable, t.app);
    const token = await joinApi(t.app, session.code);
    const first = await voteApi(t.app, session.code, once.id, token, { uncertain: true });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ counted: true });
    const second = await voteApi(t.app, session.code, once.id, token, { choices: [1] });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('already answered');
    // The database refuses it too, whatever the app believes.
    const participantId = Number(token.split('.')[1]);
    expect(await insertAnswer(t.app.db, once.id, participantId, [0])).toBe('already-answered');
    expect(await answerCount(t, once.id)).toBe(1);

    expect((await voteApi(t.app, session.code, changeable.id, token, { choices: [0] })).statusCode).toBe(200);
    expect((await voteApi(t.app, session.code, changeable.id, token, { choices: [1] })).statusCode).toBe(200);
    expect(await answerCount(t, changeable.id)).toBe(1);
    await setQuestionState(t.app.db, changeable, 'closed');
    const late = await voteApi(t.app, session.code, changeable.id, token, { choices: [0] });
    expect(late.statusCode).toBe(409);
    const csv = await t.app.inject({ url: `/admin/live/${session.id}/answers.csv`, headers: { cookie: (await signIn(t.app, { role: 'admin' })).cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('1,Once,choice,Uncertain');
    expect(csv.body).toContain('2,Changeable,choice,b');
    expect(csv.body).not.toContain(String(participantId) + ',');
  });

  it('streams coalesced results over Server-Sent Events', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'ranking', prompt: 'Rank', options: PILLARS, resultsVisible: true }]);
    await openQuestion(questions[0], t.app);
    const base = await listen(t);
    const admin = await signIn(t.app, { role: 'admin' });
    const phone = await listenSse(`${base}/live/${session.code}/events`);
    const control = await listenSse(`${base}/live/${session.code}/events?view=moderate`, { cookie: admin.cookie });
    const anonymousPresenter = await t.app.inject({ url: `/live/${session.code}/events?view=present` });
    expect(anonymousPresenter.statusCode).toBe(302);
    const tokens = await Promise.all(Array.from({ length: 5 }, () => joinApi(t.app, session.code)));
    let lastVersion = 0;
    for (const token of tokens) {
      const response = await voteApi(t.app, session.code, questions[0].id, token, { ranking: [0, 1, 2, 3] });
      expect(response.statusCode).toBe(200);
      lastVersion = response.json().version ?? lastVersion;
    }
    const update = await control.waitFor((e) => e.event === 'update' && e.data.n === 5);
    expect(update.data.html).toContain('Funding and state aid');
    expect(update.data.html).toContain('15 points');
    expect(update.data.p).toBe(5);
    const phoneUpdate = await phone.waitFor((e) => e.event === 'update' && e.data.n === 5);
    if (dialect === 'sqlite') expect(phoneUpdate.data.v).toBeGreaterThanOrEqual(lastVersion);
    // Five votes in quick succession are coalesced into fewer updates than votes.
    expect(phone.events.filter((e) => e.event === 'update').length).toBeLessThan(7);
    // A burst of votes: never more than one update per 100 ms.
    const before = phone.events.length;
    const started = Date.now();
    const burst = await Promise.all(Array.from({ length: 60 }, () => joinApi(t.app, session.code)));
    await Promise.all(burst.map((token) => voteApi(t.app, session.code, questions[0].id, token, { ranking: [3, 2, 1, 0] })));
    await phone.waitFor((e) => e.event === 'update' && e.data.n === 65);
    const updates = phone.events.slice(before).filter((e) => e.event === 'update').length;
    expect(updates).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 100) + 1);
    const admin2 = await csrfFor(t.app, admin.cookie);
    await t.app.inject({
      method: 'POST',
      url: `/admin/live/${session.id}/questions/${questions[0].id}/close`,
      headers: { cookie: admin2.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: admin2.token }),
    });
    const state = await phone.waitFor((e) => e.event === 'state' && e.data.state === 'closed');
    expect(state.data.q).toBe(questions[0].id);
    phone.close();
    control.close();
  });

  it('runs a Q&A: ask, approve, upvote once, archive', async () => {
    const { session, questions, eventId } = await liveFixture(t.app, [{ type: 'qa', prompt: 'Questions for the panel', options: [] }]);
    await openQuestion(questions[0], t.app);
    const { cookie, token } = await csrfFor(t.app);
    const joined = await t.app.inject({ method: 'POST', url: `/live/${session.code}/join`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    const participant = `${cookie}; ${cookieOf(joined)}`;
    const post = (url: string, values: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: participant, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, ...values }) });
    expect((await post(`/live/${session.code}/questions/${questions[0].id}/qa`, { question: '' })).statusCode).toBe(422);
    expect((await post(`/live/${session.code}/questions/${questions[0].id}/qa`, { question: 'How will permitting speed up?' })).statusCode).toBe(303);
    const entry = await t.app.db.selectFrom('live_qa_entries').select('id').where('question_id', '=', questions[0].id).executeTakeFirstOrThrow();
    expect((await post(`/live/${session.code}/qa/${entry.id}/upvote`, {})).statusCode).toBe(404);
    const admin = await csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/admin/live/${session.id}/qa/${entry.id}/approved`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: admin.token }),
    });
    expect(approve.statusCode).toBe(303);
    expect((await post(`/live/${session.code}/qa/${entry.id}/upvote`, {})).statusCode).toBe(303);
    expect((await post(`/live/${session.code}/qa/${entry.id}/upvote`, {})).statusCode).toBe(409);
    const page = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: participant } });
    expect(page.body).toContain('How will permitting speed up?');
    // The phone's script refreshes the list from this fragment when the session changes.
    expect(page.body).toContain(`data-live-qa="/live/${session.code}/qa"`);
    const list = await t.app.inject({ url: `/live/${session.code}/qa`, headers: { cookie: participant } });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.body).toContain('How will permitting speed up?');
    expect(list.body).toContain(`action="/live/${session.code}/qa/${entry.id}/upvote"`);
    expect(list.body).not.toContain('<html');

    await closeSession(t.app.db, session.id);
    const event = await findEventById(t.app.db, eventId);
    const archive = await t.app.inject({ url: event!.url });
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain('Results of the interactive sessions');
    expect(archive.body).toContain('How will permitting speed up?');
  });

  it('shows a phone the results only after its own vote, or once answers close', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'choice', prompt: 'Which?', options: ['Alpha', 'Beta'], resultsVisible: true }]);
    await openQuestion(questions[0], t.app);
    // The stream test before this one may have started listening already.
    const address = t.app.server.address();
    const base = address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : await listen(t);
    const { cookie, token } = await csrfFor(t.app);
    const joined = await t.app.inject({ method: 'POST', url: `/live/${session.code}/join`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    const participant = `${cookie}; ${cookieOf(joined)}`;
    await voteApi(t.app, session.code, questions[0].id, await joinApi(t.app, session.code), { choices: [1] });
    const bystander = await joinApi(t.app, session.code);
    const before = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: participant } });
    expect(before.body).toContain('Send answer');
    expect(before.body).not.toContain('class="live-results');
    const waiting = await listenSse(`${base}/live/${session.code}/events`, { cookie: participant });
    const first = await waiting.waitFor((e) => e.event === 'update' && e.data.n === 1);
    expect(first.data.html).toBeUndefined();
    const sent = await t.app.inject({ method: 'POST', url: `/live/${session.code}/questions/${questions[0].id}/answer`, headers: { cookie: participant, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, choice: '0' }) });
    expect(sent.statusCode).toBe(303);
    const after = await t.app.inject({ url: `/live/${session.code}`, headers: { cookie: participant } });
    expect(after.body).toContain('class="live-results');
    expect(after.body).toContain('Alpha');
    const voted = await listenSse(`${base}/live/${session.code}/events`, { cookie: participant });
    expect((await voted.waitFor((e) => e.event === 'update' && e.data.n === 2)).data.html).toContain('50%');
    // The phone that has not voted still gets no chart with the same update.
    expect((await waiting.waitFor((e) => e.event === 'update' && e.data.n === 2)).data.html).toBeUndefined();
    waiting.close();
    voted.close();
    const admin = await csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
    const closed = await t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${questions[0].id}/close`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token }) });
    expect(closed.statusCode).toBe(303);
    // On a shared bus (PostgreSQL) the moderator's change reaches the session's state a moment later.
    const unanswered = () => t.app.inject({ url: `/live/${session.code}`, headers: { 'x-live-token': bystander } }).then((r) => r.body);
    await expect.poll(unanswered).toContain('Answers to this question are closed.');
    expect(await unanswered()).toContain('class="live-results');
  });

  it('counts 100 points and a 2×2 grid sent as forms, for the presenter and the archive', async () => {
    const { session, questions, eventId } = await liveFixture(t.app, [
      { type: 'points', prompt: 'Share the budget', options: ['Exploration', 'Refining', 'Recycling'], resultsVisible: true },
      { type: 'grid', prompt: 'Effort and impact', options: ['Pilot plant', 'Roadmap'], scaleMax: 5, axes: ['Effort', 'Impact'], resultsVisible: true },
    ]);
    const [points, grid] = questions;
    await openQuestion(points, t.app);
    await openQuestion(grid, t.app);
    const phones = [];
    for (let i = 0; i < 2; i++) {
      const { cookie, token } = await csrfFor(t.app);
      const joined = await t.app.inject({ method: 'POST', url: `/live/${session.code}/join`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
      phones.push({ cookie: `${cookie}; ${cookieOf(joined)}`, token });
    }
    const send = (phone: { cookie: string; token: string }, questionId: number, fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/live/${session.code}/questions/${questionId}/answer`, headers: { cookie: phone.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: phone.token, ...fields }) });
    const short = await send(phones[0], points.id, { points_0: '50', points_1: '30', points_2: '' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Your points add up to 80; share exactly 100.');
    expect(await answerCount(t, points.id)).toBe(0);
    expect((await send(phones[0], points.id, { points_0: '50', points_1: '30', points_2: '20' })).statusCode).toBe(303);
    expect((await send(phones[1], points.id, { points_0: '0', points_1: '70', points_2: '30' })).statusCode).toBe(303);
    const outside = await send(phones[0], grid.id, { x_0: '6', y_0: '2', x_1: '1', y_1: '1' });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('Values go from 1 to 5.');
    expect((await send(phones[0], grid.id, { x_0: '4', y_0: '5', x_1: '1', y_1: '2' })).statusCode).toBe(303);
    expect((await send(phones[1], grid.id, { x_0: '2', y_0: '5', x_1: '3', y_1: '4' })).statusCode).toBe(303);

    const admin = await csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
    const act = (path: string) => t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/${path}`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token }) });
    const screen = () => t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect((await act(`questions/${points.id}/present`)).statusCode).toBe(303);
    await expect.poll(async () => (await screen()).body).toContain('Share the budget');
    const pointsScreen = await screen();
    expect(pointsScreen.body).toContain('100 points');
    expect(pointsScreen.body).toMatch(/Refining<\/span>.*?100 points <span class="small">\(average 50\)/s);
    expect(pointsScreen.body).toContain('2 responses');
    expect((await act(`questions/${grid.id}/present`)).statusCode).toBe(303);
    await expect.poll(async () => (await screen()).body).toContain('<h1>Effort and impact</h1>');
    const gridScreen = await screen();
    expect(gridScreen.body).toMatch(/Pilot plant<\/th><td>3 ± 1<\/td><td>5 ± 0<\/td>/);
    expect(gridScreen.body).toMatch(/Roadmap<\/th><td>2 ± 1<\/td><td>3 ± 1<\/td>/);
    const early = await t.app.inject({ url: `/live/${session.code}/questions/${points.id}/chart.svg` });
    expect(early.statusCode).toBe(404);
    expect((await act('close')).statusCode).toBe(303);
    await expect.poll(async () => (await t.app.inject({ url: `/live/${session.code}/questions/${points.id}/chart.svg` })).statusCode).toBe(200);
    const pointsSvg = await t.app.inject({ url: `/live/${session.code}/questions/${points.id}/chart.svg` });
    expect(pointsSvg.headers['content-type']).toContain('image/svg+xml');
    expect(pointsSvg.headers['content-disposition']).toContain(`live-${session.code}-question-1.svg`);
    expect(pointsSvg.body).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(pointsSvg.body).toContain('100 points (average 50)');
    const gridSvg = await t.app.inject({ url: `/live/${session.code}/questions/${grid.id}/chart.svg` });
    expect(gridSvg.body).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="3"/);
    expect(gridSvg.body).toContain('Pilot plant');
    const event = await t.app.db.selectFrom('events').select('slug').where('id', '=', eventId).executeTakeFirstOrThrow();
    const archive = await t.app.inject({ url: `/events/${event.slug}` });
    expect(archive.body).toContain('Share the budget');
    expect(archive.body).toContain('100 points');
    expect(archive.body).toMatch(/Pilot plant<\/th><td>3 ± 1<\/td>/);
    expect(archive.body).toContain(`/live/${session.code}/questions/${grid.id}/chart.svg`);
    // In the event's time zone (the fixture's default, Europe/Brussels), with its abbreviation.
    expect(archive.body).toMatch(/closed \d{1,2} \w+ \d{4} \d{2}:\d{2} CES?T/);
  });

  it('steps through the questions as the presenter keys do, and a closed session has no next question', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'choice', prompt: 'First', options: ['a', 'b'] },
      { type: 'choice', prompt: 'Second', options: ['a', 'b'] },
    ]);
    const admin = await csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
    const act = (path: string) => t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/${path}`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token }) });
    const onScreen = async () => {
      const row = await t.app.db.selectFrom('live_sessions').select('current_question_id').where('id', '=', session.id).executeTakeFirstOrThrow();
      const states = await t.app.db.selectFrom('live_questions').select('state').where('session_id', '=', session.id).orderBy('position').execute();
      return { current: row.current_question_id, states: states.map((r) => r.state) };
    };
    const join = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } });
    expect(join.body).toContain('Join with your phone');
    expect(join.body).toContain('hub.test/live');
    expect(join.body).toContain(`/admin/live/${session.id}/forward`);
    await act('forward');
    expect(await onScreen()).toEqual({ current: questions[0].id, states: ['open', 'draft'] });
    await act('forward');
    expect(await onScreen()).toEqual({ current: questions[1].id, states: ['closed', 'open'] });
    await act('forward');
    expect(await onScreen()).toEqual({ current: questions[1].id, states: ['closed', 'open'] });
    await act('back');
    expect(await onScreen()).toEqual({ current: questions[0].id, states: ['closed', 'closed'] });
    await act('back');
    expect(await onScreen()).toEqual({ current: null, states: ['closed', 'closed'] });
    await act('close');
    const control = await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie: admin.cookie } });
    expect(control.body).not.toContain('Move on to the next question');
    expect((await act('next')).statusCode).toBe(409);
    expect((await act('forward')).statusCode).toBe(409);
  });

  it('edits and deletes questions freely before answers, and only with a confirmation that resets them after', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'choice', prompt: 'Fresh', options: ['a', 'b'] },
      { type: 'choice', prompt: 'Answered', options: ['a', 'b'] },
    ]);
    const [fresh, answered] = questions;
    await openQuestion(answered, t.app);
    expect((await voteApi(t.app, session.code, answered.id, await joinApi(t.app, session.code), { choices: [0] })).statusCode).toBe(200);
    const admin = await csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
    const post = (path: string, fields: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${path}`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token, ...fields }) });
    const editPage = await t.app.inject({ url: `/admin/live/${session.id}/questions/${answered.id}/edit`, headers: { cookie: admin.cookie } });
    expect(editPage.body).toContain('Delete the 1 answer this question has');
    const edited = { type: 'points', prompt: 'Share now', options: 'x\ny\nz' };
    expect((await post(`${fresh.id}/edit`, edited)).statusCode).toBe(303);
    const refused = await post(`${answered.id}/edit`, edited);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('tick the box');
    expect(await answerCount(t, answered.id)).toBe(1);
    expect((await post(`${answered.id}/edit`, { ...edited, confirmReset: 'on' })).statusCode).toBe(303);
    expect(await answerCount(t, answered.id)).toBe(0);
    const stored = await t.app.db.selectFrom('live_questions').select(['type', 'prompt', 'options', 'settings']).where('id', '=', answered.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ type: 'points', prompt: 'Share now', options: '["x","y","z"]', settings: '{"budget":100}' });
    // The running totals follow: a 100-points answer is counted against the new options.
    expect((await voteApi(t.app, session.code, answered.id, await joinApi(t.app, session.code), { points: [50, 50, 0] })).statusCode).toBe(200);
    expect((await post(`${answered.id}/delete`)).statusCode).toBe(409);
    expect((await post(`${answered.id}/delete`, { confirm: 'reset' })).statusCode).toBe(303);
    expect((await post(`${fresh.id}/delete`)).statusCode).toBe(303);
    expect(await t.app.db.selectFrom('live_questions').select('id').where('session_id', '=', session.id).execute()).toEqual([]);
    // A session serves as the template for another event: its questions, in draft, without answers.
    const next = await liveFixture(t.app, [{ type: 'grid', prompt: 'Again next year', options: ['a', 'b'], axes: ['Cost', 'Value'] }]);
    await openQuestion(next.questions[0], t.app);
    await voteApi(t.app, next.session.code, next.questions[0].id, await joinApi(t.app, next.session.code), { grid: [[1, 2], [3, 4]] });
    const copied = await t.app.inject({ method: 'POST', url: `/admin/live/${next.session.id}/duplicate`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token, eventId: String(next.eventId) }) });
    expect(copied.statusCode).toBe(303);
    const copyId = Number(/\/admin\/live\/(\d+)$/.exec(copied.headers.location as string)?.[1]);
    expect(copyId).not.toBe(next.session.id);
    const copyQuestions = await t.app.db.selectFrom('live_questions').select(['id', 'prompt', 'state', 'settings']).where('session_id', '=', copyId).execute();
    expect(copyQuestions.map(({ prompt, state, settings }) => ({ prompt, state, settings }))).toEqual([{ prompt: 'Again next year', state: 'draft', settings: '{"axes":["Cost","Value"]}' }]);
    expect(await answerCount(t, copyQuestions[0].id)).toBe(0);
    const badEvent = await t.app.inject({ method: 'POST', url: `/admin/live/${next.session.id}/duplicate`, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: admin.token, eventId: '999999' }) });
    expect(badEvent.statusCode).toBe(422);
    await expect.poll(async () => (await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie: admin.cookie } })).body).toContain('Join with your phone');
  });

  it('never answers 5xx to hostile input on its routes', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'choice', prompt: 'C', options: ['a', 'b'], multi: true, uncertainLabel: 'Unsure' },
      { type: 'ranking', prompt: 'R', options: PILLARS },
      { type: 'scales', prompt: 'S', options: ['x'], scaleMax: 10 },
      { type: 'wordcloud', prompt: 'W', options: [] },
    ]);
    for (const q of questions) await openQuestion(q, t.app);
    expect((await t.app.inject(`/live/${session.code}/qa`)).statusCode).toBe(404);
    const hostile = ['<script>alert(1)</script>', "' OR 1=1 --", '\u0000', '9'.repeat(40), '-1', '1e9', 'ä'.repeat(3000), '../../etc/passwd'];
    const { cookie, token } = await csrfFor(t.app);
    const joined = await t.app.inject({ method: 'POST', url: `/live/${session.code}/join`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    const participant = `${cookie}; ${cookieOf(joined)}`;
    const admin = await csrfFor(t.app, (await signIn(t.app, { role: 'admin' })).cookie);
    for (const value of hostile) {
      const urls = [`/live?code=${encodeURIComponent(value)}`, `/live/${encodeURIComponent(value)}`, `/live/${encodeURIComponent(value)}/qa`, `/live/${session.code}/events?view=${encodeURIComponent(value)}`, `/admin/live/${encodeURIComponent(value)}`];
      for (const url of urls) {
        const response = await t.app.inject({ url, headers: { cookie: admin.cookie } });
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.body).not.toContain('<script>alert(1)</script>');
      }
      for (const q of questions) {
        const fields = { _csrf: token, choice: [value, '1'], uncertain: value, rank_0: value, rank_1: '2', rank_2: '3', rank_3: '4', scale_0: value, word: [value, value] };
        const response = await t.app.inject({ method: 'POST', url: `/live/${session.code}/questions/${q.id}/answer`, headers: { cookie: participant, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
        expect(response.statusCode, `${q.type} ${value.slice(0, 20)}`).toBeLessThan(500);
        expect(response.body).not.toContain('<script>alert(1)</script>');
        const api = await voteApi(t.app, session.code, q.id, 'x', { ranking: value, choices: [value], words: value });
        expect(api.statusCode).toBeLessThan(500);
      }
      const added = await t.app.inject({
        method: 'POST',
        url: `/admin/live/${session.id}/questions`,
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: admin.token, type: value, prompt: value, options: `${value}\n${value}`, scaleMax: value, multi: value }),
      });
      // 422 from the form, or 400 where the edge refuses the NUL character first.
      expect([400, 422]).toContain(added.statusCode);
      expect(added.body).not.toContain('<script>alert(1)</script>');
    }
    expect((await t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${questions[0].id}/explode`, headers: { cookie: admin.cookie }, payload: form({ _csrf: admin.token }) })).statusCode).toBeLessThan(500);
  });
});

describeEachDatabase('live quiz and moderation', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const joinAs = async (code: string, nickname?: string) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/live/${code}/participants`, payload: nickname === undefined ? {} : { nickname } });
    expect(response.statusCode).toBe(201);
    return (response.json() as { token: string }).token;
  };
  const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString();

  it('scores correct quiz answers by speed and shows the top ten by nickname on the presenter after the question', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'quiz', prompt: 'Capital of Belgium?', options: ['Antwerp', 'Brussels', 'Ghent'], correct: 1, timer: 60, resultsVisible: true }]);
    const quiz = questions[0];
    expect(quiz.allowChange).toBe(false);
    await openQuestion(quiz, t.app);
    const fast = await joinAs(session.code, 'Ada');
    const slow = await joinAs(session.code, 'Grace');
    const wrong = await joinAs(session.code, 'Linus');
    const unnamed = await joinAs(session.code);
    expect((await voteApi(t.app, session.code, quiz.id, fast, { choices: [1] })).statusCode).toBe(200);
    expect((await voteApi(t.app, session.code, quiz.id, slow, { choices: [1] })).statusCode).toBe(200);
    expect((await voteApi(t.app, session.code, quiz.id, wrong, { choices: [0] })).statusCode).toBe(200);
    // A nickname can also come with the answer.
    expect((await voteApi(t.app, session.code, quiz.id, unnamed, { choices: [1], nickname: 'Margaret' })).statusCode).toBe(200);
    expect((await voteApi(t.app, session.code, quiz.id, fast, { choices: [0] })).statusCode).toBe(409);
    expect((await voteApi(t.app, session.code, quiz.id, fast, { choices: [0, 1] })).statusCode).toBe(422);
    const tooLong = await voteApi(t.app, session.code, quiz.id, await joinAs(session.code), { choices: [1], nickname: 'x'.repeat(31) });
    expect(tooLong.statusCode).toBe(422);
    // Grace answered 30 s into the minute, Margaret at 45 s, Ada at once.
    const opened = (await t.app.db.selectFrom('live_questions').select('opened_at').where('id', '=', quiz.id).executeTakeFirstOrThrow()).opened_at!;
    const at = (ms: number) => new Date(Date.parse(opened) + ms).toISOString();
    const participantOf = (token: string) => Number(token.split('.')[1]);
    await t.app.db.updateTable('live_answers').set({ created_at: at(0) }).where('participant_id', '=', participantOf(fast)).execute();
    await t.app.db.updateTable('live_answers').set({ created_at: at(30_000) }).where('participant_id', '=', participantOf(slow)).execute();
    await t.app.db.updateTable('live_answers').set({ created_at: at(45_000) }).where('participant_id', '=', participantOf(unnamed)).execute();

    const admin = await signIn(t.app, { role: 'admin' });
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const whileOpen = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie } });
    expect(whileOpen.body).not.toContain('Leaderboard');
    expect(whileOpen.body).toContain('data-countdown-ms');
    // Phones do not see which answer is right while the quiz is open.
    const phone = await t.app.inject({ url: `/live/${session.code}`, headers: { 'x-live-token': fast } });
    expect(phone.body).not.toContain('(correct)');
    await t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${quiz.id}/close`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    // On PostgreSQL the close reaches the hub through the shared bus, a moment later.
    let presenter = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie } });
    for (let i = 0; i < 40 && !presenter.body.includes('Leaderboard'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      presenter = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie } });
    }
    expect(presenter.statusCode).toBe(200);
    const board = presenter.body.slice(presenter.body.indexOf('Leaderboard'));
    const names = [...board.matchAll(/live-leaderboard-name">([^<]+)</g)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['Ada', 'Grace', 'Margaret']);
    expect(board).toMatch(/Ada<\/span><span class="live-leaderboard-score">1000 /);
    expect(board).toMatch(/Grace<\/span><span class="live-leaderboard-score">750 /);
    expect(board).toMatch(/Margaret<\/span><span class="live-leaderboard-score">625 /);
    expect(board).toMatch(/Linus<\/span><span class="live-leaderboard-score">0 /);
    const closedPhone = await t.app.inject({ url: `/live/${session.code}`, headers: { 'x-live-token': fast } });
    expect(closedPhone.body).toContain('Brussels (correct)');
  });

  it('refuses a quiz answer after its timer with a reason the phone shows, and counts nothing', async () => {
    const { session, questions } = await liveFixture(t.app, [{ type: 'quiz', prompt: 'Quick!', options: ['Yes', 'No'], correct: 0, timer: 10 }]);
    await openQuestion(questions[0], t.app);
    const voter = await joinAs(session.code, 'Late');
    // The phone loaded the question while there was time left, then sent too late.
    const page = await t.app.inject({ url: `/live/${session.code}`, headers: { 'x-live-token': voter } });
    expect(page.body).toContain('data-countdown-ms');
    await t.app.db.updateTable('live_questions').set({ opened_at: secondsAgo(20) }).where('id', '=', questions[0].id).execute();
    // Any moderator action makes the hub read the question again (here: showing its results).
    const admin = await signIn(t.app, { role: 'admin' });
    const moderator = await csrfFor(t.app, admin.cookie);
    await t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${questions[0].id}/show`, headers: { cookie: moderator.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: moderator.token }) });
    const late = await voteApi(t.app, session.code, questions[0].id, voter, { choices: [0] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('Time is up');
    // The phone's own form gets the same refusal on its page.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const sent = await t.app.inject({
      method: 'POST',
      url: `/live/${session.code}/questions/${questions[0].id}/answer`,
      headers: { 'x-live-token': voter, cookie: cookieOf(page), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrf, choice: '0' }),
    });
    expect(sent.statusCode).toBe(409);
    expect(sent.body).toContain('Time is up: this question took answers for 10 seconds.');
    expect(await answerCount(t, questions[0].id)).toBe(0);
  });

  it('validates the quiz fields of the question form', async () => {
    const { session } = await liveFixture(t.app, []);
    const admin = await signIn(t.app, { role: 'admin' });
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, type: 'quiz', prompt: 'Q', options: 'A\nB\nC', ...fields }) });
    const noCorrect = await post({ correct: '4' });
    expect(noCorrect.statusCode).toBe(422);
    expect(noCorrect.body).toContain('Give the number of the correct answer, from 1 to 3.');
    const badTimer = await post({ correct: '2', timer: '2' });
    expect(badTimer.statusCode).toBe(422);
    expect(badTimer.body).toContain('The timer goes from 5 to 600 seconds');
    expect((await post({ correct: '2', timer: '20' })).statusCode).toBe(303);
    const stored = await t.app.db.selectFrom('live_questions').select(['settings', 'allow_change']).where('session_id', '=', session.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.settings)).toEqual({ correct: 1, timer: 20 });
  });

  it('refuses word cloud and open-text answers with an admin-blocked word, and only admins set the list', async () => {
    const { session, questions } = await liveFixture(t.app, [
      { type: 'wordcloud', prompt: 'One word', options: [] },
      { type: 'text', prompt: 'Your view', options: [] },
    ]);
    const editor = await signIn(t.app, { role: 'editor', projectIds: [] });
    expect((await t.app.inject({ url: '/admin/live/blocked-words', headers: { cookie: editor.cookie } })).statusCode).toBe(403);
    const admin = await signIn(t.app, { role: 'admin' });
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const saved = await t.app.inject({ method: 'POST', url: '/admin/live/blocked-words', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, words: 'Idiots!\nbad idea\n' }) });
    expect(saved.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/admin/live/blocked-words', headers: { cookie } })).body).toContain('bad idea');
    await openQuestion(questions[0], t.app);
    const voter = await joinAs(session.code);
    const refused = await voteApi(t.app, session.code, questions[0].id, voter, { words: ['IDIOT', 'trade'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('“idiot” is not allowed here');
    // Whole words only: "idiotic" is someone's honest opinion.
    expect((await voteApi(t.app, session.code, questions[0].id, voter, { words: ['idiotic', 'trade'] })).statusCode).toBe(200);
    await openQuestion(questions[1], t.app);
    const text = await voteApi(t.app, session.code, questions[1].id, await joinAs(session.code), { text: 'This is a BAD idea, frankly.' });
    expect(text.statusCode).toBe(422);
    expect(text.json().error.message).toContain('“bad idea” is not allowed here');
    expect(await answerCount(t, questions[1].id)).toBe(0);
    // Emptying the list lifts the block at once.
    await t.app.inject({ method: 'POST', url: '/admin/live/blocked-words', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token, words: '' }) });
    expect((await voteApi(t.app, session.code, questions[1].id, await joinAs(session.code), { text: 'This is a bad idea.' })).statusCode).toBe(200);
  });

  it('lets the moderator hide an entry: it leaves the presenter, the phones and the archive', async () => {
    const { session, questions, eventId } = await liveFixture(t.app, [{ type: 'text', prompt: 'Say something', options: [], resultsVisible: true }]);
    const q = questions[0];
    await openQuestion(q, t.app);
    const kind = await joinAs(session.code);
    const rude = await joinAs(session.code);
    await voteApi(t.app, session.code, q.id, kind, { text: 'Great workshop' });
    await voteApi(t.app, session.code, q.id, rude, { text: 'Offensive remark' });
    const admin = await signIn(t.app, { role: 'admin' });
    const { cookie, token } = await csrfFor(t.app, admin.cookie);
    const control = await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie } });
    const hideUrl = new RegExp(`(/admin/live/${session.id}/questions/${q.id}/entries/\\d+/hide)"[^>]*>(?:(?!</form>).)*Offensive remark`, 's').exec(control.body)?.[1];
    expect(hideUrl).toBeDefined();
    expect((await t.app.inject({ method: 'POST', url: `/admin/live/${session.id}/questions/${q.id}/entries/999999/hide`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) })).statusCode).toBe(404);
    const hidden = await t.app.inject({ method: 'POST', url: hideUrl!, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: token }) });
    expect(hidden.statusCode).toBe(303);
    const presenter = await t.app.inject({ url: `/live/${session.code}/present`, headers: { cookie } });
    expect(presenter.body).toContain('Great workshop');
    expect(presenter.body).not.toContain('Offensive remark');
    const phone = await t.app.inject({ url: `/live/${session.code}`, headers: { 'x-live-token': kind } });
    expect(phone.body).toContain('Great workshop');
    expect(phone.body).not.toContain('Offensive remark');
    await closeSession(t.app.db, session.id);
    const event = await findEventById(t.app.db, eventId);
    const archive = await t.app.inject({ url: event!.url });
    expect(archive.body).toContain('Great workshop');
    expect(archive.body).not.toContain('Offensive remark');
    // The moderator still sees it, marked, and can show it again.
    expect((await t.app.inject({ url: `/admin/live/${session.id}`, headers: { cookie } })).body).toContain('Show again');
  });
});

describe('joining a live session', () => {
  it('limits joins per address and minute (LIVE_JOIN_RATE_LIMIT), so a script cannot fill the session', async () => {
    const t = await createTestApp('sqlite', { seeded: false, env: { LIVE_JOIN_RATE_LIMIT: '3' } });
    try {
      const { session } = await liveFixture(t.app, [{ type: 'choice', prompt: 'Which?', options: ['A', 'B'] }]);
      for (let i = 0; i < 3; i++) await joinApi(t.app, session.code);
      const refused = await t.app.inject({ method: 'POST', url: `/api/live/${session.code}/participants` });
      expect(refused.statusCode).toBe(429);
      const participants = await t.app.db.selectFrom('live_participants').select('id').where('session_id', '=', session.id).execute();
      expect(participants).toHaveLength(3);
    } finally {
      await t.close();
    }
  });
});
