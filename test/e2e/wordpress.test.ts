import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { localStorage } from '../../src/lib/storage.js';
import { importWordpress } from '../../src/modules/wordpress/service.js';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { PDF_WORD, WORDPRESS_FIXTURE, writeWordpressUploads } from '../helpers/wordpress.js';

const SHOTS = process.env.SCREENSHOT_DIR;
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

describeInBrowser('a site moved in from WordPress', () => {
  const journey = useJourney({ seeded: false });

  it('shows an imported post like the original (image, caption under it) and finds the imported PDF by a word inside it', async () => {
    const uploads = await writeWordpressUploads(fs.mkdtempSync(path.join(os.tmpdir(), 'wp-e2e-')));
    const { t } = journey;
    await importWordpress(t.app.db, WORDPRESS_FIXTURE, { uploadsDir: uploads, dataDir: t.config.dataDir, storage: localStorage(path.join(t.config.dataDir, 'library')) });
    fs.rmSync(uploads, { recursive: true, force: true });
    const page = await journey.browser.newPage({ viewport: VIEWPORTS[0] });
    // The old permalink leads to the new post.
    await page.goto(`${journey.base}/2024/03/15/pilot-plant-starts-up/`);
    expect(new URL(page.url()).pathname).toBe('/news/pilot-plant-starts-up');
    const figure = page.locator('article figure').first();
    const image = figure.locator('img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await image.getAttribute('alt')).toBe('The roasting kiln of the pilot plant');
    const caption = figure.locator('figcaption');
    expect(await caption.textContent()).toBe('The roasting kiln during its first run');
    const imageBox = (await image.boundingBox())!;
    const captionBox = (await caption.boundingBox())!;
    expect(captionBox.y).toBeGreaterThanOrEqual(imageBox.y + imageBox.height - 1);
    await page.goto(`${journey.base}/search?q=${PDF_WORD}`);
    await page.getByRole('link', { name: 'Results of the first campaign' }).first().click();
    expect(new URL(page.url()).pathname).toMatch(/^\/library\/\d+$/);
    await page.close();
  });

  it.each(VIEWPORTS)('renders an imported static page and the page editor at $width×$height', async (viewport) => {
    const { cookie } = await signIn(journey.t.app, { role: 'admin' });
    const [name, value] = cookie.split('=');
    const pageId = (await journey.t.app.db.selectFrom('pages').select('id').where('path', '=', 'about-us').executeTakeFirstOrThrow()).id;
    {
      const context = await journey.browser.newContext({ viewport });
      await context.addCookies([{ name, value, url: journey.base }]);
      const page = await context.newPage();
      await page.goto(`${journey.base}/pages/about-us`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('About us');
      expect(await page.getByRole('link', { name: 'Membership' }).getAttribute('href')).toBe('/pages/about-us/membership');
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `page-${viewport.width}.png`), fullPage: true });
      await page.goto(`${journey.base}/admin/pages/${pageId}`);
      expect(await page.getByLabel('Title').inputValue()).toBe('About us');
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `page-editor-${viewport.width}.png`), fullPage: true });
      await page.goto(`${journey.base}/admin/redirects`);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `redirects-${viewport.width}.png`), fullPage: true });
      await context.close();
    }
  });
});
