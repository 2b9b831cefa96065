import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, signIn, type TestApp } from './helpers/app.js';

/** A count of one printed with a plural noun, as "1 documents" or "1 countries". */
const ONE_WITH_PLURAL = /(?<![\d.,])1 (?:(?:[a-z]+|[A-Za-z]+-[a-z-]+) ){0,4}(accounts|countries|days|documents|entries|events|messages|organisations|pages|people|photos|places|points|posts|projects|redirects|registrations|responses|results|sessions|times|upvotes)\b/;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describeEachDatabase('counts of one and the time zones of times', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // A hub away from Brussels shows that back-office times follow HUB_TIME_ZONE and name it.
    t = await createTestApp(dialect, { env: { HUB_TIME_ZONE: 'Europe/Helsinki' } });
    admin = (await signIn(t.app, { role: 'admin', name: 'Ada Admin' })).cookie;
    // Exactly one of each: one member project, one account, one event, one post found by a search.
    const [first] = await t.app.db.selectFrom('projects').select('id').where('is_member', '=', 1).orderBy('acronym').limit(1).execute();
    await t.app.db.updateTable('projects').set({ is_member: 0 }).where('id', '!=', first.id).execute();
  });
  afterAll(async () => t?.close());

  async function body(url: string, cookie?: string) {
    const response = await t.app.inject({ url, headers: cookie ? { cookie } : {} });
    expect(response.statusCode, url).toBe(200);
    return text(response.body);
  }

  it('says "1 project", "1 event", "1 account" and never "1 projects" on pages that count one thing', async () => {
    const home = await body('/');
    expect(home).toContain('1 EU-funded research and innovation project and');
    const projects = await body('/projects');
    expect(projects).toContain('The 1 EU-funded project that forms the hub');
    const event = await t.app.db.selectFrom('events').select('title').orderBy('id').executeTakeFirstOrThrow();
    const post = await t.app.db.selectFrom('news').select('title').orderBy('id').executeTakeFirstOrThrow();
    const pages = {
      events: await body(`/admin/events?q=${encodeURIComponent(event.title)}`, admin),
      news: await body(`/admin/news?q=${encodeURIComponent(post.title)}`, admin),
      users: await body('/admin/users', admin),
    };
    expect(pages.events).toMatch(/\b1 event\b/);
    expect(pages.news).toMatch(/\b1 post\b/);
    expect(pages.users).toMatch(/\b1 account\b/);
    for (const [url, page] of Object.entries({ home, projects, ...pages })) expect(page, url).not.toMatch(ONE_WITH_PLURAL);
  });

  it('prints back-office stamps in the hub zone with its name, and event times in the event zone', async () => {
    // The admin's sign-in stamp, in Helsinki time.
    const user = await body('/admin/users', admin);
    expect(user).toMatch(/\d{1,2} \w+ \d{4}, \d{2}:\d{2} EES?T/);
    expect(user).not.toMatch(/\d{2}:\d{2} UTC/);
    // An event in London: its own zone, named, on the back-office list.
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    startsAt.setUTCHours(10, 0, 0, 0);
    const event = await t.app.db.selectFrom('events').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.app.db
      .updateTable('events')
      .set({ starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + 3_600_000).toISOString(), timezone: 'Europe/London', all_day: 0, status: 'published' })
      .where('id', '=', event.id)
      .execute();
    const events = await body('/admin/events', admin);
    expect(events).toMatch(/1[01]:00–1[12]:00 (GMT|BST)/);
  });
});
