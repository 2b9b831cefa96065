import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { startSmtp, type TestSmtp, deliveriesByRecipient } from '../../../test/helpers/smtp.js';
import { enqueueJob } from '../../lib/jobs.js';
import { createProject } from '../directory/service.js';
import { createEvent, findEventById } from '../events/service.js';
import { createNews } from '../news/service.js';
import { DEFAULT_QUESTIONS, saveSettings } from '../registration/service.js';
import { ALERTS_JOB } from './jobs.js';
import { findSubscriberByEmail } from './service.js';

describeEachDatabase('newsletter', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let admin: string;
  let projectId: number;
  let ip = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { seeded: false, env: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_MINUTE: '0' } });
    admin = (await signIn(t.app, { role: 'admin', email: 'coordinator@example.org' })).cookie;
    projectId = await createProject(t.app.db, { acronym: 'BRINE', title: 'Lithium from brines', isMember: true });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (url: string, values: Record<string, string | string[]>, cookie = '', remoteAddress = `10.9.0.${++ip}`) =>
    postForm(t.app, url, values, { cookie, remoteAddress });
  const drain = async () => {
    while ((await t.runJobs()) > 0);
  };
  /** Subscribes and confirms through the mailed link; returns the preferences path. */
  const subscribe = async (email: string, choices: Record<string, string | string[]>) => {
    const response = await post('/newsletter/subscribe', { email, consent: 'on', ...choices });
    expect(response.statusCode).toBe(200);
    await drain();
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('Confirm'));
    const confirm = new URL(smtp.linkIn(mail, '/newsletter/confirm/')).pathname;
    expect((await t.app.inject({ url: confirm })).body).toContain('Confirm my subscription');
    const done = await t.app.inject({ method: 'POST', url: confirm });
    expect(done.statusCode).toBe(200);
    return /href="(\/newsletter\/preferences\/[^"]+)"/.exec(done.body)![1];
  };

  it('answers every subscription request the same way and mails only a confirmation until it is confirmed', async () => {
    const page = await t.app.inject({ url: '/newsletter/subscribe?project=brine' });
    expect(page.body).toMatch(/name="projects" value="\d+" checked/);
    const first = await post('/newsletter/subscribe', { email: 'Ana@Example.org', allNews: 'on', frequency: 'weekly', consent: 'on' });
    expect(first.statusCode).toBe(200);
    await drain();
    const mail = await smtp.waitFor((m) => m.to.includes('ana@example.org'));
    expect(mail.subject).toBe('Confirm your Cluster Hub subscription');
    expect(mail.raw).not.toMatch(/^List-Unsubscribe:/im);
    const stored = await findSubscriberByEmail(t.app.db, 'ana@example.org');
    expect(stored?.status).toBe('pending');
    expect(stored?.consentText).toContain('does not record whether I open');
    // Once confirmed, asking again shows the same page; the mail tells the owner, and only them.
    const path = await subscribe('ana@example.org', { allNews: 'on', frequency: 'weekly' });
    expect(path).toMatch(/^\/newsletter\/preferences\/\d+\//);
    const again = await post('/newsletter/subscribe', { email: 'ana@example.org', allNews: 'on', frequency: 'weekly', consent: 'on' });
    const stranger = await post('/newsletter/subscribe', { email: 'nobody@example.org', allNews: 'on', frequency: 'weekly', consent: 'on' });
    const strip = (body: string, email: string) => body.replace(email, 'X').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(strip(again.body, 'ana@example.org')).toBe(strip(stranger.body, 'nobody@example.org'));
    await drain();
    await smtp.waitFor((m) => m.to.includes('ana@example.org') && m.subject.includes('already subscribed'));
  });

  it('refuses bad input with a message beside the field (422), storing nothing', async () => {
    const cases: Record<string, string>[] = [
      { email: 'not an address', allNews: 'on', frequency: 'weekly', consent: 'on' },
      { email: 'x@example.org\r\nBcc: victim@example.org', allNews: 'on', frequency: 'weekly', consent: 'on' },
      { email: 'y@example.org', frequency: 'weekly', consent: 'on' },
      { email: 'y@example.org', allNews: 'on', frequency: 'hourly', consent: 'on' },
      { email: 'y@example.org', allNews: 'on', frequency: 'weekly' },
    ];
    for (const values of cases) {
      const response = await post('/newsletter/subscribe', values);
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('There is a problem');
    }
    expect(await findSubscriberByEmail(t.app.db, 'y@example.org')).toBeNull();
  });

  it('turns forged and expired links away without saying whose they are', async () => {
    expect((await t.app.inject({ url: '/newsletter/preferences/1/forged' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/newsletter/unsubscribe/1/forged' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/newsletter/confirm/1/abc/forged' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/newsletter/preferences/abc/forged' })).statusCode).toBe(400);
    await post('/newsletter/subscribe', { email: 'late@example.org', allEvents: 'on', frequency: 'monthly', consent: 'on' });
    await drain();
    const mail = await smtp.waitFor((m) => m.to.includes('late@example.org'));
    const link = new URL(smtp.linkIn(mail, '/newsletter/confirm/')).pathname;
    // The same link, issued eight days ago, with a valid signature: expired, not confirmed.
    const { confirmPath } = await import('./links.js');
    const subscriber = (await findSubscriberByEmail(t.app.db, 'late@example.org'))!;
    const old = confirmPath(t.config.secret, subscriber, Date.now() - 8 * 86_400_000);
    expect((await t.app.inject({ method: 'POST', url: old })).statusCode).toBe(410);
    expect((await findSubscriberByEmail(t.app.db, 'late@example.org'))!.status).toBe('pending');
    expect((await t.app.inject({ method: 'POST', url: link })).statusCode).toBe(200);
  });

  it('lets a subscriber change, export and delete without an account, and unsubscribe in one click', async () => {
    const path = await subscribe('ben@example.org', { allNews: 'on', frequency: 'weekly' });
    const page = await t.app.inject({ url: path });
    expect(page.body).toContain('ben@example.org');
    const csrf = await csrfFor(t.app);
    const save = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: csrf.token, projects: String(projectId), topics: 'no-such-topic', frequency: 'monthly' }),
    });
    expect(save.statusCode).toBe(303);
    const ben = (await findSubscriberByEmail(t.app.db, 'ben@example.org'))!;
    expect(ben).toMatchObject({ allNews: false, projectIds: [projectId], topicSlugs: [], frequency: 'monthly' });
    const exported = await t.app.inject({ url: `${path}/export.json` });
    expect(exported.json()).toMatchObject({ email: 'ben@example.org', follows: { projects: ['BRINE'] }, frequency: 'monthly' });
    expect(exported.json().consent.confirmedAt).toBeTruthy();
    // RFC 8058: the mail client posts this body, with no cookie and no CSRF token.
    const oneClick = await t.app.inject({
      method: 'POST',
      url: path.replace('/preferences/', '/unsubscribe/'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect((await findSubscriberByEmail(t.app.db, 'ben@example.org'))!.status).toBe('unsubscribed');
    const removed = await post(`${path}/delete`, {});
    expect(removed.statusCode).toBe(200);
    expect(await findSubscriberByEmail(t.app.db, 'ben@example.org')).toBeNull();
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
  });

  it('drafts an issue from what is new, sends each subscriber what they follow once, and archives it', async () => {
    await subscribe('follower@example.org', { projects: String(projectId), frequency: 'weekly' });
    await subscribe('events-only@example.org', { allEvents: 'on', frequency: 'weekly' });
    await subscribe('monthly@example.org', { allNews: 'on', frequency: 'monthly' });
    await subscribe('blocked@example.org', { allNews: 'on', frequency: 'weekly' });
    expect((await post('/admin/newsletter/suppressions', { email: 'blocked@example.org', reason: 'asked by phone' }, admin)).statusCode).toBe(303);
    await createNews(t.app.db, { title: 'Brine pilot plant starts', summary: 'The first tonne of lithium carbonate.', bodyMd: 'Text', projectId });
    await createNews(t.app.db, { title: 'Hub-wide call for speakers', summary: 'For the annual meeting.', bodyMd: 'Text' });

    const drafted = await post('/admin/newsletter/issues', { cadence: 'weekly' }, admin);
    expect(drafted.statusCode).toBe(303);
    const issuePath = drafted.headers.location as string;
    const editor = await t.app.inject({ url: issuePath, headers: { cookie: admin } });
    expect(editor.body).toContain('Brine pilot plant starts');
    const keys = [...editor.body.matchAll(/name="(pos-news-\d+)"/g)].map((m) => m[1]);
    expect(keys).toHaveLength(2);
    // Reorder: the hub-wide post first.
    expect((await post(issuePath, { subject: 'Cluster Hub this week', intro: 'Welcome to the first issue.', [keys[0]]: '2', [keys[1]]: '1' }, admin)).statusCode).toBe(303);
    expect((await post(issuePath, { subject: 'Bad\r\nBcc: x@example.org' }, admin)).statusCode).toBe(422);
    const preview = await t.app.inject({ url: `${issuePath}?as=follower@example.org`, headers: { cookie: admin } });
    expect(preview.body).toContain('Brine pilot plant starts');
    expect(preview.body).not.toContain('Hub-wide call for speakers</a>');
    expect((await post(`${issuePath}/test`, {}, admin)).statusCode).toBe(303);
    expect((await post(`${issuePath}/send`, {}, admin)).statusCode).toBe(303);
    await drain();
    await drain(); // a second pass must not send anything again

    const digest = await smtp.waitFor((m) => m.to.includes('follower@example.org') && m.subject === 'Cluster Hub this week');
    expect(digest.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/hub\.test\/newsletter\/unsubscribe\/\d+\/[^>]+>/im);
    expect(digest.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    expect(digest.text).toContain('Welcome to the first issue.');
    expect(digest.text).toContain('Brine pilot plant starts');
    expect(digest.text).not.toContain('Hub-wide call for speakers');
    expect(digest.raw).toContain('text/plain');
    expect(digest.raw).toContain('text/html');
    await smtp.waitFor((m) => m.to.includes('coordinator@example.org') && m.subject === '[Test] Cluster Hub this week');
    const { distinct, resent } = deliveriesByRecipient(smtp.messages.filter((m) => m.subject === 'Cluster Hub this week'));
    // ana follows all news (first test); events-only has nothing, monthly waits for a monthly issue, blocked is suppressed.
    expect([...distinct.entries()].sort()).toEqual([['ana@example.org', 1], ['follower@example.org', 1]]);
    expect(resent).toBe(0);

    const id = issuePath.split('/').pop();
    const archive = await t.app.inject({ url: `/newsletter/issues/${id}` });
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain('Hub-wide call for speakers');
    const rss = await t.app.inject({ url: '/newsletter/archive.xml' });
    expect(rss.body).toContain(`http://hub.test/newsletter/issues/${id}`);
    const list = await t.app.inject({ url: '/admin/newsletter', headers: { cookie: admin } });
    expect(list.body).toMatch(/<td>2<\/td>/);
    // Once sent, it cannot be sent again.
    await post(`${issuePath}/send`, {}, admin);
    await drain();
    expect(smtp.messages.filter((m) => m.subject === 'Cluster Hub this week')).toHaveLength(2);
  });

  it('alerts followers when an event opens registration, and "as it happens" subscribers of each news post, once', async () => {
    await subscribe('instant@example.org', { projects: String(projectId), frequency: 'instant' });
    const other = await createProject(t.app.db, { acronym: 'NODULE', title: 'Deep-sea nodules', isMember: true });
    await subscribe('other@example.org', { projects: String(other), frequency: 'weekly' });
    const start = Date.now() + 20 * 86_400_000;
    const eventId = await createEvent(t.app.db, {
      title: 'Brine workshop',
      type: 'workshop',
      format: 'online',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      projectIds: [projectId],
    });
    await saveSettings(t.app.db, (await findEventById(t.app.db, eventId))!, {
      opensAt: null,
      closesAt: null,
      preRegistration: false,
      inPersonCapacity: null,
      onlineCapacity: 50,
      approvalRequired: false,
      questions: DEFAULT_QUESTIONS,
      privacyNotice: 'Notice',
      consentText: 'I agree',
      retentionDays: 30,
      offerHours: 48,
      reminderHours: [],
    });
    await createNews(t.app.db, { title: 'Brine results published', summary: 'Numbers.', bodyMd: 'x', projectId, publishedAt: new Date(Date.now() + 1000).toISOString() });
    await new Promise((r) => setTimeout(r, 1100));
    for (let run = 0; run < 2; run++) {
      await enqueueJob(t.app.db, ALERTS_JOB, {});
      await drain();
    }
    const alerts = smtp.messages.filter((m) => m.subject === 'Registration open: Brine workshop');
    // All-events followers (whatever their frequency) and the project's followers; ana follows all news only, other another project.
    expect(alerts.flatMap((m) => m.to).sort()).toEqual(['events-only@example.org', 'follower@example.org', 'instant@example.org', 'late@example.org']);
    expect(alerts[0].raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    const news = smtp.messages.filter((m) => m.subject === 'Brine results published');
    expect(news.flatMap((m) => m.to)).toEqual(['instant@example.org']);
  });

  it('keeps the back office to admins', async () => {
    const editor = (await signIn(t.app, { role: 'editor' })).cookie;
    expect((await t.app.inject({ url: '/admin/newsletter', headers: { cookie: editor } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/admin/newsletter' })).statusCode).toBe(302); // to the sign-in page
  });
});
