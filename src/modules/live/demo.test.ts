import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { createEvent, findEventBySlug } from '../events/service.js';
import { DEMO_EVENT_SLUG, seedLiveDemo } from './demo.js';
import { liveResultsForEvent } from './service.js';

describeEachDatabase('live demo seed', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('archives the 2023 interactive session with totals matching the published summary', async () => {
    expect(await seedLiveDemo(t.app.db)).toBeNull();
    await createEvent(t.app.db, { title: 'Cluster Hub annual meeting 2023', slug: DEMO_EVENT_SLUG, type: 'annual-meeting', format: 'in-person', startsAt: '2023-11-15T23:00:00Z', endsAt: '2023-11-16T22:59:00Z', programme: [{ kind: 'interactive', title: 'Interactive session' }] });
    expect(await seedLiveDemo(t.app.db)).toBeTypeOf('number');
    expect(await seedLiveDemo(t.app.db)).toBeNull();
    const event = await findEventBySlug(t.app.db, DEMO_EVENT_SLUG);
    const [archived] = await liveResultsForEvent(t.app.db, event!.id);
    expect(archived.participants).toBeGreaterThan(30);
    expect(archived.session.programmeItemId).not.toBeNull();
    const [ranking, netZero, crm] = archived.questions.map((q) => q.results);
    if (ranking.type !== 'ranking' || netZero.type !== 'choice' || crm.type !== 'choice') throw new Error('types');
    expect(ranking.items.map((i) => i.label)).toEqual(['Funding and state aid', 'Skills development', 'A conducive regulatory environment', 'Open and fair trade']);
    expect(netZero.options[0].label).toBe('Enhanced skills');
    expect(netZero.options[0].count).toBeGreaterThan(netZero.options[1].count);
    expect(netZero.options[1].count).toBeGreaterThan(netZero.options[2].count);
    expect(crm.options[0].count).toBe(Math.max(...crm.options.map((o) => o.count)));
    expect(crm.uncertain!.percent).toBeGreaterThanOrEqual(45);
    expect(crm.uncertain!.percent).toBeLessThanOrEqual(55);
    const page = await t.app.inject({ url: `/events/${DEMO_EVENT_SLUG}` });
    expect(page.body).toContain('Rank the four pillars of the Green Deal Industrial Plan');
  });
});
