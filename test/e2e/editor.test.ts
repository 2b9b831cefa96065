import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { createUser, hashPassword } from '../../src/modules/accounts/service.js';
import { findProjectBySlug } from '../../src/modules/directory/service.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';

describeInBrowser('an editor publishes a news post with an image', () => {
  const journey = useJourney();
  let imageFile: string;
  let otherProjectId: number;
  beforeAll(async () => {
    const own = (await findProjectBySlug(journey.t.app.db, 'exceed'))!;
    otherProjectId = (await journey.t.app.db.selectFrom('projects').select('id').where('id', '!=', own.id).executeTakeFirstOrThrow()).id;
    await createUser(journey.t.app.db, { email: 'editor@exceed.example', name: 'Eva Editor', role: 'editor', projectIds: [own.id], passwordHash: await hashPassword('a long editor password') });
    imageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'editor-e2e-')), 'drill-core.png');
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#7a5c3c' } }).png().toFile(imageFile);
  });

  it('signs in, writes and publishes a post, finds it on /news and in /news.xml, and is kept out of another project', async () => {
    const page = await journey.browser.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(journey.base + '/sign-in');
    await page.getByLabel('E-mail address', { exact: true }).fill('editor@exceed.example');
    await page.getByLabel('Password', { exact: true }).fill('a long editor password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Back office');

    await page.getByRole('link', { name: 'Write a news post' }).click();
    await page.getByLabel('Title', { exact: true }).fill('EXCEED drill cores reach the lab');
    await page.getByLabel(/^Summary/).fill('The first pegmatite samples arrived for testing.');
    await page.getByLabel('Text', { exact: true }).fill('The samples come from **two sites**. Results follow in spring.');
    await page.getByLabel('Image', { exact: true }).setInputFiles(imageFile);
    await page.getByLabel(/^Image description/).fill('Drill cores on a laboratory bench');
    await page.getByLabel('Published').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Post saved.');

    await page.goto(journey.base + '/news');
    await page.getByRole('link', { name: 'EXCEED drill cores reach the lab' }).click();
    const image = page.getByRole('img', { name: 'Drill cores on a laboratory bench' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200);
    await expect.poll(() => page.locator('article strong').textContent()).toBe('two sites');

    const feed = await page.request.get(journey.base + '/news.xml');
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('EXCEED drill cores reach the lab');

    const other = await page.goto(`${journey.base}/admin/projects/${otherProjectId}`);
    expect(other?.status()).toBe(403);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Not allowed');
    await page.close();
  });
});
