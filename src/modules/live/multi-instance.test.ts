import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { PILLARS, listenSse, liveFixture, openQuestion } from '../../../test/helpers/live.js';

/**
 * Two app instances on two ports share one PostgreSQL: a vote sent to the first must reach an SSE
 * listener of the second, through LISTEN/NOTIFY or, with TEST_REDIS_URL, through Redis pub/sub.
 */
const variants: { name: string; env: Record<string, string> }[] = [
  { name: 'PostgreSQL LISTEN/NOTIFY', env: {} },
  ...(process.env.TEST_REDIS_URL ? [{ name: 'Redis pub/sub', env: { REDIS_URL: process.env.TEST_REDIS_URL } }] : []),
];

for (const variant of variants) {
  describe.skipIf(!process.env.TEST_DATABASE_URL)(`live results across two instances (${variant.name})`, () => {
    let database: TestDatabase;
    const apps: FastifyInstance[] = [];
    const bases: string[] = [];
    beforeAll(async () => {
      database = await createTestDatabase('postgres');
      const config = loadConfig({ DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl!, LOG_LEVEL: 'silent', RUN_WORKER: 'false', PAGE_CACHE_SECONDS: '0', ...variant.env });
      for (let i = 0; i < 2; i++) {
        const app = await buildApp(config, { logger: false });
        await app.listen({ port: 0, host: '127.0.0.1' });
        apps.push(app);
        bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      }
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await database?.drop();
    });

    it('a vote on one instance reaches a listener on the other', async () => {
      const { session, questions } = await liveFixture(apps[0], [{ type: 'ranking', prompt: 'Rank the pillars', options: PILLARS, resultsVisible: true }]);
      await openQuestion(questions[0], apps[0]);
      const vote = async (ranking: number[]) => {
        const join = await fetch(`${bases[0]}/api/live/${session.code}/participants`, { method: 'POST' });
        const { token } = (await join.json()) as { token: string };
        const response = await fetch(`${bases[0]}/api/live/${session.code}/questions/${questions[0].id}/answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-live-token': token },
          body: JSON.stringify({ ranking }),
        });
        expect(response.status).toBe(200);
        return token;
      };
      // The listener is a phone that has voted, so its updates carry the chart.
      const token = await vote([1, 0, 2, 3]);
      const viewer = await listenSse(`${bases[1]}/live/${session.code}/events`, { cookie: `live_token=${token}` });
      await viewer.waitFor((e) => e.event === 'update');
      await vote([1, 2, 0, 3]);
      const update = await viewer.waitFor((e) => e.event === 'update' && e.data.n === 2);
      expect(update.data.p).toBe(2);
      expect(update.data.html).toContain('Skills');
      // A participant joining on the second instance updates the count seen on the first.
      const phone = await listenSse(`${bases[0]}/live/${session.code}/events`);
      await phone.waitFor((e) => e.event === 'update');
      await fetch(`${bases[1]}/api/live/${session.code}/participants`, { method: 'POST' });
      await phone.waitFor((e) => e.event === 'update' && e.data.p === 3);
      viewer.close();
      phone.close();
    });

    it.skipIf(variant.env.REDIS_URL !== undefined)('listens again after the listening connection is lost', async () => {
      const { session, questions } = await liveFixture(apps[0], [{ type: 'choice', prompt: 'After a loss', options: ['a', 'b'] }]);
      await openQuestion(questions[0], apps[0]);
      const viewer = await listenSse(`${bases[1]}/live/${session.code}/events`);
      await viewer.waitFor((e) => e.event === 'update');
      await database.handle.pool!.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'cluster-hub-bus' and pid <> pg_backend_pid()");
      // The bus reconnects after a second; votes keep being sent until one is seen on the other instance.
      let seen = false;
      for (let attempt = 0; attempt < 20 && !seen; attempt++) {
        const join = await fetch(`${bases[0]}/api/live/${session.code}/participants`, { method: 'POST' });
        const { token } = (await join.json()) as { token: string };
        await fetch(`${bases[0]}/api/live/${session.code}/questions/${questions[0].id}/answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-live-token': token },
          body: JSON.stringify({ choices: [0] }),
        });
        seen = await viewer.waitFor((e) => e.event === 'update' && e.data.n >= 1, 500).then(() => true, () => false);
      }
      expect(seen).toBe(true);
      viewer.close();
    });
  });
}
