import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { REGISTRATION_DEMO_SLUG, seedRegistrationDemo } from './demo.js';

describeEachDatabase('registration demo', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('adds one upcoming event whose places are taken, with a waiting list, once', async () => {
    expect(await seedRegistrationDemo(t.app.db)).toBeTypeOf('number');
    expect(await seedRegistrationDemo(t.app.db)).toBeNull();
    const page = await t.app.inject(`/events/${REGISTRATION_DEMO_SLUG}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Demonstration');
    expect(page.body).toContain('Brussels, Belgium');
    expect(page.body).not.toContain('meet.example.org');
    const rows = await t.app.db.selectFrom('registrations').select(['status', 'mode']).execute();
    expect(rows.filter((r) => r.status === 'confirmed' && r.mode === 'in-person')).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'confirmed' && r.mode === 'online')).toHaveLength(14);
    const form = await t.app.inject(`/events/${REGISTRATION_DEMO_SLUG}/register`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="consent"');
  });
});
