import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csrfPair, startServer } from '../bench/_child-server.js';
import { createTestApp, describeEachDatabase, form, type TestApp } from './helpers/app.js';
import { liveFixture } from './helpers/live.js';
import { eventWithRegistration, person } from './helpers/registration.js';

/** Reads a stream's raw text until the server ends it. */
function openStream(url: string): Promise<{ text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { accept: 'text/event-stream' } }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        const ended = new Promise<void>((done) => response.on('end', done));
        // The first update shows the stream is registered with the hub.
        const ready = () => (text.includes('event: update') ? resolve({ text: () => text, ended }) : setTimeout(ready, 20));
        ready();
      })
      .on('error', reject);
  });
}

describeEachDatabase('graceful shutdown on SIGTERM', (dialect) => {
  let t: TestApp;
  let slug: string;
  let code: string;
  // The setup's database handle stays open to check the child's work afterwards.

  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    slug = (await eventWithRegistration(t.app)).event.slug;
    code = (await liveFixture(t.app, [])).session.code;
    // The child process owns the database from here on.
    await t.app.close();
  });
  afterAll(async () => t?.database.drop());

  it('finishes the request in flight, ends live streams with a retry hint, lets the worker stop, and exits 0', async () => {
    const server = await startServer({ DATA_DIR: t.config.dataDir, ...(t.database.databaseUrl ? { DATABASE_URL: t.database.databaseUrl } : {}), REGISTRATION_RATE_LIMIT: '0' }, 'serve', 120_000);
    const stream = await openStream(`${server.url}/live/${code}/events?view=participant`);
    const { cookie, token } = await csrfPair(server.url);

    // A registration whose body is still arriving when SIGTERM comes.
    const body = Buffer.from(form({ ...person(1), _csrf: token }));
    const { port } = new URL(server.url);
    const answer = new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/events/${slug}/register`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } }, (response) => {
        response.resume();
        resolve({ status: response.statusCode!, location: response.headers.location });
      });
      request.on('error', reject);
      request.write(body.subarray(0, 20));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => request.end(body.subarray(20)), 1000);
      }, 300);
    });

    const signalled = Date.now();
    const response = await answer;
    expect(response.status).toBe(303);
    await stream.ended;
    expect(stream.text()).toMatch(/\nretry: \d{4}\n\n$/);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);

    // The registration is stored, and the worker left no job claimed.
    const db = t.database.handle.db;
    expect(await db.selectFrom('registrations').select('email').execute()).toEqual([{ email: person(1).email }]);
    expect(await db.selectFrom('jobs').select('id').where('status', '=', 'running').execute()).toEqual([]);
  }, 180_000);
});
