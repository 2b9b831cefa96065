// Regenerates the README screenshots: `npx tsx scripts/screenshot.ts` (needs Debian's chromium).
import { createTestApp } from '../test/helpers/app.js';
import { launchBrowser, listen } from '../test/helpers/browser.js';

const t = await createTestApp('sqlite');
const base = await listen(t);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
for (const [path, file] of [
  ['/', 'docs/screenshot-home.png'],
  ['/events/exceed-capacity-building-seminar-2024', 'docs/screenshot-event.png'],
]) {
  await page.goto(base + path);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
}
await browser.close();
await t.close();
