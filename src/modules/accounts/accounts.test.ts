import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, postForm, type TestApp } from '../../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.js';
import { safeNext } from '../../lib/forms.js';
import { addUserCommand } from './cli.js';
import { createSession, createUser, hashPassword, issueToken } from './service.js';

const cookieOf = (response: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[])
    .concat((response.headers['set-cookie'] as string[] | string | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(name + '='));

describeEachDatabase('accounts', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let ip = 0;
  // Each test posts from its own address so the per-IP rate limits do not leak between tests.
  const from = () => `10.0.0.${++ip}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { seeded: false, env: { SMTP_URL: smtp.url } });
    await createUser(t.app.db, { email: 'editor@example.org', name: 'Eda Editor', role: 'editor', passwordHash: await hashPassword('correct horse battery') });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (url: string, values: Record<string, string>, cookie = '', remoteAddress = from()) =>
    postForm(t.app, url, values, { cookie, remoteAddress });

  it('signs in with a password, sees the back office, and signs out', async () => {
    const signIn = await post('/sign-in', { email: 'Editor@Example.org', password: 'correct horse battery' });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/admin');
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/sid=.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const sid = cookieOf(signIn, 'sid')!;
    const home = await t.app.inject({ url: '/news', headers: { cookie: sid } });
    expect(home.body).toContain('Sign out');

    const signOut = await post('/sign-out', {}, sid);
    expect(signOut.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/admin/audit', headers: { cookie: sid, accept: 'application/json' } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a wrong password with 422, the address kept and a message beside the field', async () => {
    const response = await post('/sign-in', { email: 'editor@example.org', password: 'wrong' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('value="editor@example.org"');
    expect(response.body).toContain('field-password-error');
    expect(cookieOf(response, 'sid')).toBeUndefined();
    const unknown = await post('/sign-in', { email: 'nobody@example.org', password: 'whatever' });
    expect(unknown.statusCode).toBe(422);
    const invalid = await post('/sign-in', { email: '<script>', password: '' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).not.toContain('<script>');
  });

  it('refuses a form without a CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: from(),
      payload: form({ email: 'editor@example.org', password: 'correct horse battery' }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
  });

  it('signs in once with a magic link sent through SMTP; the link cannot be reused', async () => {
    const ask = await post('/sign-in/link', { email: 'editor@example.org' });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Check your mail');
    await t.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes('editor@example.org') && m.subject.includes('sign-in link'));
    const link = smtp.linkIn(mail, '/auth/link/');
    const path = new URL(link).pathname;
    expect(link.startsWith('http://hub.test/')).toBe(true);

    const confirm = await t.app.inject({ url: path });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Sign in');
    const use = await post(path, {});
    expect(use.statusCode).toBe(303);
    expect(cookieOf(use, 'sid')).toBeTruthy();
    const again = await post(path, {});
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('already been used');
    const page = await t.app.inject({ url: path });
    expect(page.statusCode).toBe(410);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = smtp.messages.length;
    const ask = await post('/sign-in/link', { email: 'stranger@example.org' });
    expect(ask.statusCode).toBe(200);
    await t.runJobs();
    expect(smtp.messages.length).toBe(before);
  });

  it('refuses an expired or made-up link', async () => {
    const { id } = await t.app.db.selectFrom('users').select('id').where('email', '=', 'editor@example.org').executeTakeFirstOrThrow();
    const token = await issueToken(t.app.db, id, 'magic', -1000);
    const expired = await post(`/auth/link/${token}`, {});
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('expired');
    const madeUp = await t.app.inject({ url: '/auth/link/not-a-real-token' });
    expect(madeUp.statusCode).toBe(410);
    const hostile = await t.app.inject({ url: '/auth/link/%3Cscript%3E' });
    expect(hostile.statusCode).toBe(400);
  });

  it('resets a password by mail; the old password stops working', async () => {
    await createUser(t.app.db, { email: 'reset@example.org', name: 'Re Set', role: 'member', passwordHash: await hashPassword('old password 123') });
    const ask = await post('/password/forgot', { email: 'reset@example.org' });
    expect(ask.statusCode).toBe(200);
    await t.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes('reset@example.org'));
    const path = new URL(smtp.linkIn(mail, '/auth/password/')).pathname;

    const short = await post(path, { password: 'short', confirm: 'short' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('at least 10 characters');
    const mismatch = await post(path, { password: 'new password 456', confirm: 'different 456789' });
    expect(mismatch.statusCode).toBe(422);

    const done = await post(path, { password: 'new password 456', confirm: 'new password 456' });
    expect(done.statusCode).toBe(303);
    expect((await post('/sign-in', { email: 'reset@example.org', password: 'old password 123' })).statusCode).toBe(422);
    expect((await post('/sign-in', { email: 'reset@example.org', password: 'new password 456' })).statusCode).toBe(303);
    expect((await post(path, { password: 'another one 789', confirm: 'another one 789' })).statusCode).toBe(410);
  });

  it('invites by e-mail; the invitee chooses a password and is signed in', async () => {
    const admin = await createUser(t.app.db, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin' });
    const { token } = await createSession(t.app.db, admin);
    const sid = `sid=${token}`;
    const bad = await post('/admin/users/invite', { email: 'nope', name: '', role: 'boss' }, sid);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('field-email-error');
    const invite = await post('/admin/users/invite', { email: 'new@example.org', name: 'Nia New', role: 'member' }, sid);
    expect(invite.statusCode).toBe(303);
    await t.runJobs();
    const mail = await smtp.waitFor((m) => m.to.includes('new@example.org'));
    expect(mail.text).toContain('Ada Admin invited you');
    const path = new URL(smtp.linkIn(mail, '/auth/password/')).pathname;
    const page = await t.app.inject({ url: path });
    expect(page.body).toContain('Welcome');
    const done = await post(path, { password: 'my own password', confirm: 'my own password' });
    expect(done.statusCode).toBe(303);
    expect(cookieOf(done, 'sid')).toBeTruthy();
    const log = await t.app.inject({ url: '/admin/audit?q=invit', headers: { cookie: sid } });
    expect(log.body).toContain('accept-invitation');
  });

  it('answers 429 with a readable page when sign-in is hammered', async () => {
    const address = '10.9.9.9';
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await post('/sign-in', { email: 'editor@example.org', password: 'guess' + i }, '', address)).statusCode;
    expect(last).toBe(429);
    const response = await post('/sign-in', { email: 'editor@example.org', password: 'guess' }, '', address);
    expect(response.body).toContain('Too many requests');
  });

  it('lets an admin disable an account (its sessions end) but not their own', async () => {
    const adminId = await createUser(t.app.db, { email: 'boss@example.org', name: 'Boss', role: 'admin' });
    const sid = `sid=${(await createSession(t.app.db, adminId)).token}`;
    const userId = await createUser(t.app.db, { email: 'leaving@example.org', name: 'Leaving', role: 'editor' });
    const userSid = `sid=${(await createSession(t.app.db, userId)).token}`;
    expect((await post(`/admin/users/${userId}`, { name: 'Leaving', role: 'editor', disabled: 'on' }, sid)).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/admin', headers: { cookie: userSid } })).statusCode).toBe(302);
    const self = await post(`/admin/users/${adminId}`, { name: 'Boss', role: 'member' }, sid);
    expect(self.statusCode).toBe(422);
    expect(self.body).toContain('cannot remove your own admin role');
  });

  it('pauses password sign-in for an address after 10 wrong passwords, whatever the IP', async () => {
    await createUser(t.app.db, { email: 'target@example.org', name: 'Target', role: 'member', passwordHash: await hashPassword('the right password') });
    for (let i = 0; i < 10; i++) expect((await post('/sign-in', { email: 'target@example.org', password: `guess ${i}` })).statusCode).toBe(422);
    const locked = await post('/sign-in', { email: 'target@example.org', password: 'the right password' });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('sign in with a link');
    expect(cookieOf(locked, 'sid')).toBeUndefined();
  });

  it('creates a user from the command line with a one-time link', async () => {
    const result = await addUserCommand(t.app.db, 'https://hub.example', ['add', '--email', 'First@Admin.org', '--role', 'admin', '--name', 'First Admin']);
    expect(result.code).toBe(0);
    const link = /https:\/\/hub\.example\/auth\/link\/\S+/.exec(result.out)![0];
    const use = await post(new URL(link).pathname, {});
    expect(use.statusCode).toBe(303);
    expect((await addUserCommand(t.app.db, 'x', ['add', '--email', 'bad', '--role', 'admin'])).code).toBe(1);
    expect((await addUserCommand(t.app.db, 'x', ['add', '--email', 'a@b.org', '--role', 'king'])).code).toBe(1);
  });
});

describe('safeNext', () => {
  it('keeps local paths and refuses other sites', () => {
    expect(safeNext('/admin/news')).toBe('/admin/news');
    expect(safeNext('//evil.example')).toBe('/admin');
    expect(safeNext('/\\evil.example')).toBe('/admin');
    expect(safeNext('https://evil.example')).toBe('/admin');
  });
});

describe('secure cookies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { seeded: false, env: { BASE_URL: 'https://hub.example' } });
  });
  afterAll(async () => t?.close());
  it('marks the session cookie Secure when BASE_URL is https', async () => {
    await createUser(t.app.db, { email: 's@example.org', name: 'S', role: 'member', passwordHash: await hashPassword('a long password') });
    const csrf = await csrfFor(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ email: 's@example.org', password: 'a long password', _csrf: csrf.token }),
    });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers['set-cookie'])).toMatch(/sid=[^;]+;.*Secure/);
  });
});
