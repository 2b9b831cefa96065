import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.js';
import { findProjectBySlug } from '../directory/service.js';

describeEachDatabase('joining the hub', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let admin: string;
  let ip = 0;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { seeded: false, env: { SMTP_URL: smtp.url } });
    admin = (await signIn(t.app, { role: 'admin', name: 'Hub Coordinator' })).cookie;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (url: string, values: Record<string, string>, cookie = '', remoteAddress = `10.1.0.${++ip}`) =>
    postForm(t.app, url, values, { cookie, remoteAddress });
  const request = (acronym: string) => ({
    acronym,
    title: `${acronym}: lithium from geothermal brines`,
    grantId: '101091682',
    contactName: 'Lia Contact',
    contactEmail: `${acronym.toLowerCase()}@example.org`,
    why: 'We extract lithium from brines and want to share results with the other projects.',
  });

  it('validates the public form and keeps the input (422)', async () => {
    const response = await post('/join', { ...request('BAD'), grantId: 'abc', contactEmail: 'nope', why: 'short' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('field-grantId-error');
    expect(response.body).toContain('field-contactEmail-error');
    expect(response.body).toContain('field-why-error');
    expect(response.body).toContain('value="BAD"');
  });

  it('approves a request: the project exists and its editor gets an invitation by mail', async () => {
    expect((await post('/join', request('BRINE'))).statusCode).toBe(200);
    await t.runJobs();
    await smtp.waitFor((m) => m.to.includes('brine@example.org') && m.subject.includes('We received'));
    const list = await t.app.inject({ url: '/admin/join', headers: { cookie: admin } });
    const id = /\/admin\/join\/(\d+)/.exec(list.body)![1];
    const approve = await post(`/admin/join/${id}/approve`, {}, admin);
    expect(approve.statusCode).toBe(303);
    const project = await findProjectBySlug(t.app.db, 'brine');
    expect(project?.grantId).toBe('101091682');
    await t.runJobs();
    const invite = await smtp.waitFor((m) => m.to.includes('brine@example.org') && m.subject.includes('invited'));
    expect(invite.text).toContain('BRINE is now a member');
    expect((await post(`/admin/join/${id}/approve`, {}, admin)).statusCode).toBe(409);
  });

  it('declines a request politely', async () => {
    expect((await post('/join', request('SALT'))).statusCode).toBe(200);
    const overview = await t.app.inject({ url: '/admin', headers: { cookie: admin } });
    expect(overview.body).toContain('1 request to join waits for a decision');
    const list = await t.app.inject({ url: '/admin/join', headers: { cookie: admin } });
    const salt = /href="\/admin\/join\/(\d+)">SALT/.exec(list.body)![1];
    const review = await t.app.inject({ url: `/admin/join/${salt}`, headers: { cookie: admin } });
    expect(review.body).toContain('Decline');
    expect((await post(`/admin/join/${salt}/decline`, { note: 'Your scope is recycling only.' }, admin)).statusCode).toBe(303);
    await t.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes('salt@example.org') && m.subject.includes('Your request'));
    expect(mail.text).toContain('Thank you for your interest');
    expect(mail.text).toContain('Your scope is recycling only.');
    expect(await findProjectBySlug(t.app.db, 'salt')).toBeNull();
  });

  it('shows admins every message at /admin/mail, and nobody else', async () => {
    const list = await t.app.inject({ url: '/admin/mail?status=sent', headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('You are invited to the Cluster Hub');
    const id = /\/admin\/mail\/(\d+)">You are invited/.exec(list.body)![1];
    const one = await t.app.inject({ url: `/admin/mail/${id}`, headers: { cookie: admin } });
    expect(one.body).toContain('Choose a password to activate your account');
    const editor = (await signIn(t.app, { role: 'editor' })).cookie;
    expect((await t.app.inject({ url: '/admin/mail', headers: { cookie: editor } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/admin/mail?status=bogus', headers: { cookie: admin } })).statusCode).toBe(400);
  });

  it('limits the join form per address (429)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await post('/join', request(`R${i}`), '', '10.2.2.2')).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 200)).toBe(true);
    expect(codes[5]).toBe(429);
  });
});
