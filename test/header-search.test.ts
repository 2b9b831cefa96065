import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

describe('the header search box', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { seeded: false });
  });
  afterAll(async () => t?.close());

  it('keeps the query on the results page, escaped, and stays empty elsewhere', async () => {
    const results = await t.app.inject('/search?q=lithium%20%22brine%22');
    expect(results.body).toContain('id="site-search" type="search" name="q" value="lithium &quot;brine&quot;"');
    const home = await t.app.inject('/?q=lithium');
    expect(home.body).not.toContain('value="lithium"');
  });
});
