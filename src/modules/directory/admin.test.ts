import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { createProject, findProjectById, listPartners } from './service.js';

describeEachDatabase('directory back office', (dialect) => {
  let t: TestApp;
  let own: number;
  let other: number;
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    own = await createProject(t.app.db, { acronym: 'OWN', title: 'Own project' });
    other = await createProject(t.app.db, { acronym: 'OTHER', title: 'Other project' });
    editor = (await signIn(t.app, { role: 'editor', projectIds: [own] })).cookie;
    admin = (await signIn(t.app, { role: 'admin' })).cookie;
  });
  afterAll(async () => t?.close());

  const post = async (cookie: string, url: string, values: Record<string, string>) => {
    const csrf = await csrfFor(t.app, cookie);
    return t.app.inject({ method: 'POST', url, headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ ...values, _csrf: csrf.token }) });
  };

  it('lets an editor change their own profile but not the membership flags, nor another project', async () => {
    const saved = await post(editor, `/admin/projects/${own}`, { acronym: 'OWN', title: 'Own project, renamed', metals: 'lithium, cobalt, lithium', website: 'https://own.example', joinedYear: '2001' });
    expect(saved.statusCode).toBe(303);
    const project = (await findProjectById(t.app.db, own))!;
    expect(project.title).toBe('Own project, renamed');
    expect(project.metals).toEqual(['lithium', 'cobalt']);
    expect(project.isMember).toBe(true);
    expect(project.joinedYear).toBeNull();
    expect((await t.app.inject({ url: `/admin/projects/${other}`, headers: { cookie: editor } })).statusCode).toBe(403);
    const list = await t.app.inject({ url: '/admin/projects', headers: { cookie: editor } });
    expect(list.body).toContain('OWN');
    expect(list.body).not.toContain('>OTHER<');
  });

  it('validates the profile form (422, input kept)', async () => {
    const response = await post(editor, `/admin/projects/${own}`, { acronym: '', title: 'Kept title', website: 'javascript:alert(1)', startDate: '2024-13-45' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('field-acronym-error');
    expect(response.body).toContain('field-website-error');
    expect(response.body).toContain('field-startDate-error');
    expect(response.body).toContain('value="Kept title"');
  });

  it('adds and removes partners, and uploads a logo checked by content', async () => {
    expect((await post(editor, `/admin/projects/${own}/partners`, { name: 'Geological Survey', shortName: 'GS', country: 'PT', role: 'participant' })).statusCode).toBe(303);
    const [partner] = await listPartners(t.app.db, [own]);
    expect(partner.name).toBe('Geological Survey');
    expect((await post(editor, `/admin/projects/${own}/partners/${partner.id}/delete`, {})).statusCode).toBe(303);
    expect(await listPartners(t.app.db, [own])).toHaveLength(0);

    const csrf = await csrfFor(t.app, editor);
    const upload = async (data: Buffer) => {
      const body = new FormData();
      body.append('_csrf', csrf.token);
      body.append('logo', new Blob([new Uint8Array(data)], { type: 'image/png' }), 'logo.png');
      return t.app.inject({ method: 'POST', url: `/admin/projects/${own}/logo`, headers: { cookie: csrf.cookie }, payload: body });
    };
    expect((await upload(Buffer.from('GIF89a but not really'))).statusCode).toBe(422);
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } }).png().toBuffer();
    expect((await upload(png)).statusCode).toBe(303);
    const project = (await findProjectById(t.app.db, own))!;
    expect(project.logoPath).toMatch(/^\/files\/images\//);
    // Shown in the card and on the page, with alt text and a size that reserves its box before it loads.
    const card = `<img class="boxed-logo" src="${project.logoPath}" alt="${project.acronym} logo" width="160" height="80"`;
    expect((await t.app.inject('/projects')).body).toContain(card);
    expect((await t.app.inject(project.url)).body).toContain(`<img class="boxed-logo large" src="${project.logoPath}" alt="${project.acronym} logo" width="240" height="120"`);
  });

  it('lets admins manage people and organisations, and nobody else', async () => {
    expect((await t.app.inject({ url: '/admin/people', headers: { cookie: editor } })).statusCode).toBe(403);
    const bad = await post(admin, '/admin/organisations', { name: '', lat: '123' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('field-lat-error');
    const notACode = await post(admin, '/admin/organisations', { name: 'Lithium Institute', country: 'Germany' });
    expect(notACode.statusCode).toBe(422);
    expect(notACode.body).toContain('Choose a country from the list.');
    expect((await post(admin, '/admin/organisations', { name: 'Lithium Institute', country: 'DE', activityType: 'REC', lat: '50.1', lon: '8.6' })).statusCode).toBe(303);
    // The EU's code for Greece, as CORDIS and EU forms write it, is stored as the ISO one.
    expect((await post(admin, '/admin/organisations', { name: 'Athens Mining Laboratory', country: 'EL' })).statusCode).toBe(303);
    const athens = await t.app.db.selectFrom('organisations').select('country').where('name', '=', 'Athens Mining Laboratory').executeTakeFirstOrThrow();
    expect(athens.country).toBe('GR');
    const orgs = await t.app.inject({ url: '/admin/organisations?q=lithium', headers: { cookie: admin } });
    expect(orgs.body).toContain('Lithium Institute');
    const upper = await t.app.inject({ url: '/admin/organisations?q=LITHIUM', headers: { cookie: admin } });
    expect(upper.body).toContain('Lithium Institute');
    const wildcard = await t.app.inject({ url: '/admin/organisations?q=%25_', headers: { cookie: admin } });
    expect(wildcard.body).toContain('0 organisations');
    expect((await post(admin, '/admin/people', { name: 'Ana Lima', affiliation: 'LNEG', projectId: String(own) })).statusCode).toBe(303);
    const people = await t.app.inject({ url: '/admin/people?q=Ana', headers: { cookie: admin } });
    const id = /\/admin\/people\/(\d+)/.exec(people.body)![1];
    expect((await post(admin, `/admin/people/${id}`, { name: 'Ana Lima', affiliation: 'LNEG, Portugal' })).statusCode).toBe(303);
    expect((await post(admin, `/admin/people/${id}/delete`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ url: `/admin/people/${id}`, headers: { cookie: admin } })).statusCode).toBe(404);
  });
});
