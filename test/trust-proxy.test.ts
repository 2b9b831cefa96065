import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, type TestApp } from './helpers/app.js';
import { eventWithRegistration, person } from './helpers/registration.js';

/** The forms a script would hammer, each with the limit per address and minute (or ten minutes) it must meet. */
function limitedForms(registrationSlug: string) {
  return [
    { name: 'sign-in', url: '/sign-in', max: 10, body: (i: number) => ({ email: `nobody${i}@example.org`, password: `guess ${i}` }) },
    { name: 'one-time sign-in link by mail', url: '/sign-in/link', max: 5, body: (i: number) => ({ email: `nobody${i}@example.org` }) },
    {
      name: 'join form',
      url: '/join',
      max: 5,
      body: (i: number) => ({
        acronym: `RATE${i}`,
        title: `RATE${i}: a project that keeps asking`,
        grantId: '101091682',
        contactName: 'Rita Rate',
        contactEmail: `rate${i}@example.org`,
        why: 'We would like to share our results with the other projects of the cluster.',
      }),
    },
    { name: 'registration', url: `/events/${registrationSlug}/register`, max: 20, body: (i: number) => person(`rate-${i}`) },
  ];
}

async function postFrom(t: TestApp, url: string, values: Record<string, string>, forwardedFor: string) {
  const csrf = await csrfFor(t.app);
  return t.app.inject({
    method: 'POST',
    url,
    // app.inject connects from 127.0.0.1, like a reverse proxy on the same machine would.
    headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
    payload: form({ ...values, _csrf: csrf.token }),
  });
}

/** Status codes of max + 2 posts, each claiming a different client address unless `sameClient`. */
async function hammer(t: TestApp, target: ReturnType<typeof limitedForms>[number], batch: number, sameClient = false) {
  const codes: number[] = [];
  for (let i = 0; i < target.max + 2; i++) {
    const forwardedFor = sameClient ? `198.51.100.${batch}` : `203.0.${batch}.${i + 1}`;
    codes.push((await postFrom(t, target.url, target.body(batch * 100 + i), forwardedFor)).statusCode);
  }
  return codes;
}

describeEachDatabase('rate limits and X-Forwarded-For', (dialect) => {
  let direct: TestApp;
  let behindProxy: TestApp;
  let behindProxyRange: TestApp;
  const slugs = new Map<TestApp, string>();
  beforeAll(async () => {
    direct = await createTestApp(dialect, { seeded: false });
    behindProxy = await createTestApp(dialect, { seeded: false, env: { TRUST_PROXY: '127.0.0.1' } });
    behindProxyRange = await createTestApp(dialect, { seeded: false, env: { TRUST_PROXY: '10.0.0.0/8, 127.0.0.0/8' } });
    for (const t of [direct, behindProxy, behindProxyRange]) slugs.set(t, (await eventWithRegistration(t.app)).event.slug);
  });
  afterAll(async () => {
    await Promise.all([direct, behindProxy, behindProxyRange].map((t) => t?.close()));
  });

  it('by default ignores made-up X-Forwarded-For headers: the request after the limit gets 429', async () => {
    for (const [n, target] of limitedForms(slugs.get(direct)!).entries()) {
      const codes = await hammer(direct, target, n + 1);
      expect(codes.slice(0, target.max).filter((c) => c === 429), target.name).toEqual([]);
      expect(codes.slice(0, target.max).every((c) => c < 500), `${target.name}: ${codes.join(',')}`).toBe(true);
      expect(codes[target.max], target.name).toBe(429);
    }
  });

  it.each([
    ['the proxy address 127.0.0.1', () => behindProxy],
    ['a list of ranges holding it', () => behindProxyRange],
  ])('with TRUST_PROXY set to %s limits each forwarded client address on its own', async (_name, app) => {
    const t = app();
    for (const [n, target] of limitedForms(slugs.get(t)!).entries()) {
      const distinct = await hammer(t, target, n + 1);
      expect(distinct.filter((c) => c === 429 || c >= 500), `${target.name}: ${distinct.join(',')}`).toEqual([]);
      const same = await hammer(t, target, n + 11, true);
      expect(same[target.max], target.name).toBe(429);
    }
  });
});
