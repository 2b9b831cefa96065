import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useJourney } from '../helpers/browser.js';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

describeInBrowser('every public page on a desktop and a phone', () => {
  const journey = useJourney({ seeded: true });
  let paths: string[];
  beforeAll(async () => {
    const sitemap = await journey.t.app.inject('/sitemap.xml');
    paths = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(journey.t.app.config.baseUrl, ''));
  });

  for (const size of SIZES) {
    it(`opens each page of the sitemap at ${size.width}x${size.height} without sideways scrolling or console errors`, async () => {
      expect(paths.length).toBeGreaterThan(20);
      const context = await journey.browser.newContext({ viewport: size });
      const page = await context.newPage();
      const problems: string[] = [];
      let current = '';
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${current}: console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`${current}: ${error.message}`));
      for (const path of paths) {
        current = path;
        const response = await page.goto(journey.base + path, { waitUntil: 'load' });
        if (response?.status() !== 200) problems.push(`${path}: status ${response?.status()}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${path}: ${overflow}px wider than the window`);
      }
      await context.close();
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
