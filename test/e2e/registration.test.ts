import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { eventWithRegistration } from '../helpers/registration.js';

describeInBrowser('a visitor registers for a hybrid event', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { settings: { inPersonCapacity: 20 } }));
  });

  it('fixes a mistake the form points out, registers online and switches to in person', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.base}/events/${slug}`);
    await page.getByRole('link', { name: 'Register', exact: true }).click();
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByLabel('Full name').fill('Ana Registrant');
    await page.getByLabel('Organisation', { exact: true }).fill('Université de Liège');
    await page.getByLabel('Country').selectOption('BE');
    await page.getByRole('radio', { name: /Online/ }).check();
    await page.getByLabel('I agree.').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter an e-mail address like');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ana Registrant');
    await page.getByLabel('E-mail address').fill('ana@example.org');
    await page.getByLabel('I agree.').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('we have your registration');
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your online place is confirmed');
    await page.getByRole('button', { name: 'Switch to in person' }).click();
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    await page.close();
  });
});

describeInBrowser('a visitor registers with the keyboard alone', () => {
  const journey = useJourney({ seeded: false });
  let slug: string;
  beforeAll(async () => {
    ({ event: { slug } } = await eventWithRegistration(journey.t.app, { format: 'in-person', settings: { inPersonCapacity: 5 } }));
  });

  it('reaches every control with Tab, in order, and registers', async () => {
    const page = await journey.browser.newPage();
    /** Presses Tab until the focused element has this accessible name; fails if it is never reached. */
    const tabTo = async (name: RegExp, limit = 40) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
          return `${label ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''}`.trim();
        });
        if (name.test(focused)) return;
      }
      throw new Error(`${name} is not reachable with Tab`);
    };
    await page.goto(`${journey.base}/events/${slug}`);
    await tabTo(/^Register$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/register$/, { timeout: 5000 });
    // the form's fields follow one another: each is the next stop (or the one after) of Tab
    await tabTo(/E-mail address/);
    await page.keyboard.type('kai@example.org');
    await tabTo(/Full name/, 2);
    await page.keyboard.type('Kai Keyboard');
    await tabTo(/Organisation/, 2);
    await page.keyboard.type('Tampere University');
    await tabTo(/Country/, 2);
    await page.keyboard.type('Finland');
    await tabTo(/I agree/, 3);
    await page.keyboard.press('Space');
    await tabTo(/^Register$/, 2);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('we have your registration');
    await expect.poll(() => page.locator('.registration-status').textContent()).toContain('Your in-person place is confirmed');
    await page.close();
  });
});
