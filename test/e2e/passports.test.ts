import jsQR from 'jsqr';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { signIn } from '../helpers/app.js';
import { describeInBrowser, useJourney } from '../helpers/browser.js';
import { findProjectBySlug } from '../../src/modules/directory/service.js';

/** With SCREENSHOT_DIR set, the journey also saves its screens at a laptop's and a phone's size (for review, not asserted). */
async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const [label, width, height] of [['desktop', 1366, 768], ['phone', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/passport-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

describeInBrowser('an editor keeps a battery passport; a visitor reads its public side', () => {
  const journey = useJourney();

  const signedIn = async (role: 'editor' | 'member', projectIds: number[] = []): Promise<BrowserContext> => {
    const { cookie } = await signIn(journey.t.app, { role, projectIds, name: role === 'member' ? 'Rhea Reader' : 'Eda Editor' });
    const context = await journey.browser.newContext();
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: journey.base }]);
    return context;
  };

  it('creates and updates a passport by form; the visitor sees public fields, the timeline and a QR code that scans', async () => {
    const project = (await findProjectBySlug(journey.t.app.db, 'free4lib'))!;
    const editor = await signedIn('editor', [project.id]);
    const page = await editor.newPage();
    await page.goto(`${journey.base}/admin/passports`);
    await page.getByRole('link', { name: 'New passport' }).click();
    await page.getByLabel('Battery model').fill('Pilot LMT pack');
    await page.getByLabel('Category').selectOption('lmt');
    await page.getByLabel('Passport identifier').fill('urn:free4lib:bp:pilot-0001');
    await page.getByRole('button', { name: 'Create the passport' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('General information');
    await page.getByRole('textbox', { name: /^Manufacturer/ }).fill('Pilot line of an invented maker');
    await page.getByLabel('Weight (kg)').fill('heavy');
    await page.getByRole('button', { name: 'Save general information' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter a number in kg');
    await screenshots(page, 'editor-form-errors');
    await page.getByLabel('Weight (kg)').fill('11.5');
    await page.getByRole('button', { name: 'Save general information' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Passport saved');
    await page.getByRole('link', { name: 'Circularity and recycled content' }).click();
    await page.getByRole('textbox', { name: /^Dismantling information/ }).fill('Remove the four screws of the lid, then unclip the cell holder.');
    await page.getByLabel('Cobalt: recycled share from post-consumer waste (%)').fill('12');
    await screenshots(page, 'editor-form');
    await page.getByRole('button', { name: 'Save circularity and recycled content' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Passport saved');
    await page.getByRole('link', { name: /Versions \(3\)/ }).click();
    expect(await page.getByRole('table').textContent()).toContain('Dismantling information');
    await editor.close();

    const visitor = await journey.browser.newContext();
    const view = await visitor.newPage();
    await view.goto(`${journey.base}/passports`);
    await screenshots(view, 'list');
    await view.getByRole('link', { name: 'Pilot LMT pack' }).click();
    const main = view.getByRole('main');
    await expect.poll(() => main.textContent()).toContain('Pilot line of an invented maker');
    expect(await main.textContent()).toContain('12 %');
    expect(await main.textContent()).not.toContain('Remove the four screws');
    expect(await main.textContent()).toContain('Restricted to persons with a legitimate interest');
    expect(await view.getByRole('heading', { name: 'Life of this battery' }).isVisible()).toBe(true);
    expect(await view.getByRole('list').filter({ hasText: 'Passport opened' }).count()).toBe(1);
    const qr = view.getByRole('img', { name: /QR code/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const png = PNG.sync.read(await qr.screenshot());
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`http://hub.test/passports/urn:free4lib:bp:pilot-0001`);
    await screenshots(view, 'public');
    await view.getByRole('link', { name: 'How to get access' }).first().click();
    await expect.poll(() => view.getByRole('heading', { level: 1 }).textContent()).toBe('This data point is restricted');
    await screenshots(view, 'restricted');
    await visitor.close();
  });

  it('a signed-in reader asks the owning project for access', async () => {
    const reader = await signedIn('member');
    const page = await reader.newPage();
    await page.goto(`${journey.base}/passports/urn:free4lib:bp:demo-ev-0001`);
    await page.getByRole('link', { name: 'Ask for access to restricted data' }).click();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Say why you need the data');
    await screenshots(page, 'access-request-errors');
    await page.getByLabel('Why do you need the data?').fill('I run a repair shop for EV packs and need the dismantling steps of this model.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your request is with FREE4LIB');
    expect(await page.getByRole('main').textContent()).toContain('waiting for a decision');
    await screenshots(page, 'access-request');
    await reader.close();

    const project = (await findProjectBySlug(journey.t.app.db, 'free4lib'))!;
    const owner = await signedIn('editor', [project.id]);
    const admin = await owner.newPage();
    await admin.goto(`${journey.base}/admin/passports`);
    expect(await admin.getByRole('main').textContent()).toContain('I run a repair shop');
    await screenshots(admin, 'requests');
    await admin.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent()).toContain('Access approved');
    await owner.close();
  });
});
