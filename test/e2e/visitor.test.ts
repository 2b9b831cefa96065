import { expect, it } from 'vitest';
import { describeInBrowser, useJourney } from '../helpers/browser.js';

describeInBrowser('a visitor finds an event programme', () => {
  const journey = useJourney();
  it('goes from the home page to an event and sees its programme', async () => {
    const page = await journey.browser.newPage();
    await page.goto(journey.base + '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
    await page.getByRole('link', { name: 'EXCEED 1st Capacity Building Seminar' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('EXCEED');
    const programme = page.getByRole('table', { name: /Programme/ });
    await expect.poll(() => programme.textContent()).toContain('Geochemical assessment');
    await page.close();
  });
});
