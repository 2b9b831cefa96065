import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, postForm, signIn, type TestApp } from '../../../test/helpers/app.js';
import { findProjectBySlug } from '../directory/service.js';

const EV = 'urn:free4lib:bp:demo-ev-0001';
const STORAGE = 'urn:free4lib:bp:demo-ess-0001';

describeEachDatabase('battery passports', (dialect) => {
  let t: TestApp;
  let owner: { cookie: string; userId: number };
  let outsider: { cookie: string; userId: number };
  let reader: { cookie: string; userId: number };
  let ownerProject: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ownerProject = (await findProjectBySlug(t.app.db, 'free4lib'))!.id;
    const other = (await findProjectBySlug(t.app.db, 'lithos'))!.id;
    owner = await signIn(t.app, { role: 'editor', projectIds: [ownerProject] });
    outsider = await signIn(t.app, { role: 'editor', projectIds: [other] });
    reader = await signIn(t.app, { role: 'member', email: 'reader@example.org', name: 'Rhea Reader' });
  });
  afterAll(async () => t?.close());

  const count = async (table: 'passports' | 'passport_versions' | 'passport_access_requests') => Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const api = (id: string, cookie = '') => t.app.inject({ url: `/api/v1/passports/${id}`, headers: cookie ? { cookie } : {} });

  it('shows visitors the public data points and the timeline, withholding the rest with how to ask', async () => {
    const page = await t.app.inject(`/passports/${EV}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Demonstrator.');
    expect(page.body).toContain('61.4 kgCO2e/kWh');
    expect(page.body).not.toContain('Torx');
    expect(page.body).toContain('Restricted to persons with a legitimate interest');
    expect(page.body).toContain('Life of this battery');
    expect(page.body).toContain('Repurposed');
    expect(page.body).toContain(STORAGE);
    const json = (await api(EV)).json();
    expect(json.clearance).toBe('public');
    expect(json.passport.carbon.total).toEqual({ value: 61.4, unit: 'kgCO2e/kWh' });
    expect(json.passport.circularity.dismantling).toBeUndefined();
    expect(json.withheld.map((w: { field: string }) => w.field)).toContain('circularity.dismantling');
    expect(json.lifecycle.successors).toEqual([STORAGE]);
    const restricted = await t.app.inject(`/api/v1/passports/${EV}/data/circularity.dismantling`);
    expect(restricted.statusCode).toBe(403);
    expect(restricted.json().howToAsk).toContain('/access');
    const list = await t.app.inject('/passports');
    expect(list.body).toContain('Demonstrator second-life storage unit');
  });

  it('answers 400 to a malformed identifier and 404 to a forged one', async () => {
    expect((await t.app.inject('/passports/not-a-urn')).statusCode).toBe(400);
    expect((await api('urn:free4lib:bp:<script>')).statusCode).toBe(400);
    expect((await api('urn:free4lib:bp:forged-0001')).statusCode).toBe(404);
    expect((await t.app.inject(`/api/v1/passports/${EV}/data/no.such.field`)).statusCode).toBe(404);
  });

  it('renders a QR code that scans back to the public page', async () => {
    const svg = await t.app.inject(`/passports/${EV}/qr.svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    const { data, info } = await sharp(Buffer.from(svg.body), { density: 300 }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(`http://hub.test/passports/${EV}`);
  });

  it('lets the owning project create and edit by form, keeping each change as a version', async () => {
    const created = await postForm(t.app, '/admin/passports', { model: 'Form pack', category: 'lmt', project: String(ownerProject), identifier: 'urn:free4lib:bp:form-0001' }, { cookie: owner.cookie });
    expect(created.statusCode).toBe(303);
    const saved = await postForm(
      t.app,
      '/admin/passports/urn:free4lib:bp:form-0001/edit/carbon',
      { 'carbon.total': '55.5', 'carbon.performanceClass': 'A', 'access.carbon.total': 'interest' },
      { cookie: owner.cookie },
    );
    expect(saved.statusCode).toBe(303);
    const json = (await api('urn:free4lib:bp:form-0001')).json();
    expect(json.version).toBe(2);
    expect(json.passport.carbon).toEqual({ performanceClass: 'A' });
    expect(json.withheld).toEqual([expect.objectContaining({ field: 'carbon.total', access: 'interest' })]);
    const versions = await t.app.inject({ url: '/admin/passports/urn:free4lib:bp:form-0001/versions/2', headers: { cookie: owner.cookie } });
    expect(versions.body).toContain('Carbon footprint');
    expect(versions.body).toContain('55.5 kgCO2e/kWh');
    // Another project's editor may not touch it.
    const foreign = await postForm(t.app, '/admin/passports/urn:free4lib:bp:form-0001/edit/carbon', { 'carbon.total': '1' }, { cookie: outsider.cookie });
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const before = [await count('passports'), await count('passport_versions')];
    const id = 'urn:free4lib:bp:form-0001';
    const over = await postForm(t.app, `/admin/passports/${id}/edit/circularity`, { 'circularity.recycled.cobalt.preConsumer': '140' }, { cookie: owner.cookie });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('must be a share from 0 to 100 %.');
    const notNumber = await postForm(t.app, `/admin/passports/${id}/edit/general`, { model: 'Form pack', category: 'lmt', 'general.mass': 'heavy' }, { cookie: owner.cookie });
    expect(notNumber.statusCode).toBe(422);
    expect(notNumber.body).toContain('Enter a number in kg');
    const cites = await postForm(t.app, `/admin/passports/${id}/edit/circularity`, { 'circularity.recycledSource': STORAGE }, { cookie: owner.cookie });
    expect(cites.statusCode).toBe(422);
    expect(cites.body).toContain('This passport was not recycled');
    const wrongUnit = await postForm(
      t.app,
      '/admin/passports/import',
      { project: String(ownerProject), json: JSON.stringify({ format: 'cluster-hub-battery-passport/1', identifier: 'urn:free4lib:bp:imp-bad', model: 'X', category: 'ev', general: { mass: { value: 3, unit: 'lb' } } }) },
      { cookie: owner.cookie },
    );
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.body).toContain('general.mass: must be given in kg.');
    const taken = await postForm(t.app, '/admin/passports', { model: 'Dup', category: 'ev', project: String(ownerProject), identifier: EV }, { cookie: owner.cookie });
    expect(taken.statusCode).toBe(422);
    const otherProject = await postForm(t.app, '/admin/passports', { model: 'Stolen', category: 'ev', project: String(ownerProject) }, { cookie: outsider.cookie });
    expect(otherProject.statusCode).toBe(403);
    expect([await count('passports'), await count('passport_versions')]).toEqual(before);
  });

  it('grants legitimate-interest access only by the owning project, for a period, and audits every read', async () => {
    const asked = await postForm(t.app, `/passports/${EV}/access`, { reason: 'We repair packs of this model and need the dismantling steps.' }, { cookie: reader.cookie });
    expect(asked.statusCode).toBe(303);
    const tooShort = await postForm(t.app, `/passports/${EV}/access`, { reason: 'pls' }, { cookie: reader.cookie });
    expect(tooShort.statusCode).toBe(422);
    const request = await t.app.db.selectFrom('passport_access_requests').select('id').where('user_id', '=', reader.userId).executeTakeFirstOrThrow();
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    // Another project's editor cannot decide on FREE4LIB's passport.
    expect((await postForm(t.app, `/admin/passports/requests/${request.id}`, { decision: 'approve', until }, { cookie: outsider.cookie })).statusCode).toBe(403);
    expect((await api(EV, reader.cookie)).json().clearance).toBe('public');
    expect((await postForm(t.app, `/admin/passports/requests/${request.id}`, { decision: 'approve', until: '2001-01-01' }, { cookie: owner.cookie })).statusCode).toBe(400);
    expect((await postForm(t.app, `/admin/passports/requests/${request.id}`, { decision: 'approve', until }, { cookie: owner.cookie })).statusCode).toBe(303);
    const json = (await api(EV, reader.cookie)).json();
    expect(json.clearance).toBe('interest');
    expect(json.passport.circularity.dismantling).toContain('Torx');
    expect(json.withheld.map((w: { field: string }) => w.field)).toEqual(['diligence.supplierSites']);
    const field = await t.app.inject({ url: `/api/v1/passports/${EV}/data/diligence.supplierSites`, headers: { cookie: reader.cookie } });
    expect(field.statusCode).toBe(403);
    const reads = await t.app.db.selectFrom('audit_log').select(['action', 'detail']).where('user_id', '=', reader.userId).where('action', '=', 'passport.read').execute();
    expect(reads).toHaveLength(1);
    expect(reads[0].detail).toContain('circularity.dismantling');
  });

  it('lets an authority read everything once an admin lists them', async () => {
    const admin = await signIn(t.app, { role: 'admin' });
    const official = await signIn(t.app, { role: 'member', email: 'inspector@example.org' });
    expect((await postForm(t.app, '/admin/passports/authorities', { email: 'inspector@example.org', body: 'Market surveillance (test)' }, { cookie: owner.cookie })).statusCode).toBe(403);
    expect((await postForm(t.app, '/admin/passports/authorities', { email: 'inspector@example.org', body: 'Market surveillance (test)' }, { cookie: admin.cookie })).statusCode).toBe(303);
    const json = (await api(EV, official.cookie)).json();
    expect(json.clearance).toBe('authority');
    expect(json.withheld).toEqual([]);
  });

  it('runs the life cycle: recycling closes, a new battery cites it, edits of a closed passport are refused', async () => {
    const id = 'urn:free4lib:bp:form-0001';
    const recycled = await postForm(t.app, `/admin/passports/${id}/recycle`, { recycledOn: '2026-11-30', recycler: 'Test recycler', 'recovered.cobalt': '4.5', 'recovered.lithium': '1.2' }, { cookie: owner.cookie });
    expect(recycled.statusCode).toBe(303);
    const page = await t.app.inject(`/passports/${id}`);
    expect(page.body).toContain('Recycled: passport closed');
    expect(page.body).toContain('Cobalt 4.5 kg');
    const versions = await count('passport_versions');
    const closed = await postForm(t.app, `/admin/passports/${id}/edit/carbon`, { 'carbon.total': '50' }, { cookie: owner.cookie });
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('its battery was recycled');
    expect(await count('passport_versions')).toBe(versions);
    await postForm(t.app, '/admin/passports', { model: 'New pack', category: 'ev', project: String(ownerProject), identifier: 'urn:free4lib:bp:new-0001' }, { cookie: owner.cookie });
    const cites = await postForm(t.app, '/admin/passports/urn:free4lib:bp:new-0001/edit/circularity', { 'circularity.recycledSource': id, 'circularity.recycled.cobalt.postConsumer': '16' }, { cookie: owner.cookie });
    expect(cites.statusCode).toBe(303);
    expect((await api(id)).json().lifecycle.citedBy).toEqual(['urn:free4lib:bp:new-0001']);
  });

  it('starts a second life linked to the original, which then takes no more changes', async () => {
    const started = await postForm(t.app, '/admin/passports/urn:free4lib:bp:new-0001/second-life', { identifier: 'urn:free4lib:bp:new-0001-ess', model: 'Storage from new pack', category: 'industrial' }, { cookie: owner.cookie });
    expect(started.statusCode).toBe(303);
    const json = (await api('urn:free4lib:bp:new-0001-ess')).json();
    expect(json.lifecycle.origin).toBe('urn:free4lib:bp:new-0001');
    expect(json.passport.circularity.recycled.cobalt.postConsumer).toEqual({ value: 16, unit: '%' });
    expect((await api('urn:free4lib:bp:new-0001')).json().status).toBe('repurposed');
    expect((await postForm(t.app, '/admin/passports/urn:free4lib:bp:new-0001/readings', { date: '2026-12-01', value: '90' }, { cookie: owner.cookie })).statusCode).toBe(409);
  });

  it('exports and imports in its own format and with Battery Pass names', async () => {
    for (const format of ['own', 'batterypass']) {
      const exported = await t.app.inject({ url: `/admin/passports/${EV}/export.json?format=${format}`, headers: { cookie: owner.cookie } });
      expect(exported.statusCode).toBe(200);
      const body = exported.json();
      const copyId = `urn:free4lib:bp:copy-${format}`;
      if (format === 'own') body.identifier = copyId;
      else body.batteryPassportIdentifier = copyId;
      const imported = await postForm(t.app, '/admin/passports/import', { project: String(ownerProject), json: JSON.stringify(body) }, { cookie: owner.cookie });
      expect(imported.statusCode).toBe(303);
      const again = await t.app.inject({ url: `/admin/passports/${copyId}/export.json?format=${format}`, headers: { cookie: owner.cookie } });
      const copy = again.json();
      if (format === 'own') copy.identifier = EV;
      else copy.batteryPassportIdentifier = EV;
      expect(copy).toEqual(exported.json());
    }
  });
});
