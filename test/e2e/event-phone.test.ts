import { beforeAll, expect, it } from 'vitest';
import { createEvent } from '../../src/modules/events/service.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { eventWithRegistration } from '../helpers/registration.js';

const PHONE = { width: 390, height: 844 };

describeInBrowser('the event page on a phone', () => {
  const journey = useJourney({ seeded: false });
  let open: string;
  let past: string;
  beforeAll(async () => {
    const { event, projectId } = await eventWithRegistration(journey.t.app, { settings: { inPersonCapacity: 80, onlineCapacity: 300 } });
    // A title and a summary as long as the hub's real ones, so the first screen is not empty by luck.
    await journey.t.app.db
      .updateTable('events')
      .set({
        title: 'Launch of a six-part recipe for Critical Raw Materials Act resilience by 2030',
        summary: 'Eurometaux presents a quantified, six-part plan for Europe to reach the resilience goals of the Critical Raw Materials Act by 2030.',
      })
      .where('id', '=', event.id)
      .execute();
    open = event.slug;
    const start = Date.now() - 30 * 86_400_000;
    past = `past-webinar-${Date.now()}`;
    await createEvent(journey.t.app.db, {
      title: 'A webinar that has taken place',
      slug: past,
      type: 'webinar',
      format: 'online',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      timezone: 'Europe/Brussels',
      onlinePlatform: 'Zoom',
      projectIds: [projectId],
    });
  });

  it('shows the Register button of an open event within the first screen, before the programme', async () => {
    const page = await journey.browser.newPage({ viewport: PHONE });
    await page.goto(`${journey.base}/events/${open}`);
    const register = page.getByRole('link', { name: 'Register', exact: true });
    const box = await register.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    const programme = await page.getByRole('heading', { name: 'Programme' }).boundingBox();
    expect(programme!.y).toBeGreaterThan(box!.y);
    expect(await page.locator('.registration-box').textContent()).toContain('In person: 80 of 80 places left');
    await register.click();
    await page.waitForURL(/\/register$/);
    await page.close();
  });

  it('does not promise a meeting link for an event that is over', async () => {
    const page = await journey.browser.newPage({ viewport: PHONE });
    await page.goto(`${journey.base}/events/${past}`);
    const online = await page.locator('.event-aside').textContent();
    expect(online).toContain('Zoom');
    expect(online).not.toContain('the link is sent');
    await page.close();
  });
});
