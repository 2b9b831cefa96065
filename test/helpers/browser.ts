import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestApp, type TestApp } from './app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = fs.existsSync(CHROMIUM_PATH);

/**
 * Browser journeys run when Debian's Chromium is installed. Without it they are skipped with a
 * plain message, except under REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (!browserAvailable) {
    if (process.env.REQUIRE_BROWSER === '1') {
      throw new Error(`Browser journeys are required (REQUIRE_BROWSER=1) but ${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
    }
    console.warn(`SKIPPED browser journey "${name}": Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium).`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/** Listens on a free local port and returns the base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface Journey {
  t: TestApp;
  /** Where the app listens, e.g. http://127.0.0.1:43117 */
  base: string;
  browser: Browser;
}

/**
 * For a describeInBrowser block: the app on a fresh SQLite database, listening on a free port, and
 * Chromium, both closed after the block. The fields are filled before the block's own beforeAll hooks run.
 */
export function useJourney(options: { seeded?: boolean } = {}): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.t = await createTestApp('sqlite', { seeded: options.seeded });
    journey.base = await listen(journey.t);
    journey.browser = await launchBrowser();
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.t?.close();
  });
  return journey;
}

/** With SCREENSHOT_DIR set, a journey also saves its screens at a laptop's and a phone's size (for review, not asserted). */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const [label, width, height] of [['desktop', 1366, 768], ['phone', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}
