import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, signIn, type TestApp } from '../../../test/helpers/app.js';
import { createProject } from '../directory/service.js';
import { findNewsById } from './service.js';

/** A multipart body as a browser sends it. */
export function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  if (file) data.append(file.name, new Blob([new Uint8Array(file.data)], { type: file.type }), file.filename);
  return data;
}

describeEachDatabase('news back office', (dialect) => {
  let t: TestApp;
  let projectId: number;
  let editor: string;
  let png: Buffer;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    projectId = await createProject(t.app.db, { acronym: 'OWN', title: 'Own project' });
    editor = (await signIn(t.app, { role: 'editor', projectIds: [projectId] })).cookie;
    png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#0b5d6b' } }).png().toBuffer();
  });
  afterAll(async () => t?.close());

  const send = async (url: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) => {
    const csrf = await csrfFor(t.app, editor);
    return t.app.inject({ method: 'POST', url, headers: { cookie: csrf.cookie }, payload: multipart({ ...fields, _csrf: csrf.token }, file) });
  };
  const valid = () => ({ title: 'Pilot plant opens', summary: 'Short.', bodyMd: 'Some **bold** <script>alert(1)</script> text.', projectId: String(projectId), status: 'published', imageAlt: 'The plant' });

  it('creates a published post with a resized image, shown on /news with sanitised HTML', async () => {
    const response = await send('/admin/news', valid(), { name: 'image', filename: 'plant.png', type: 'image/png', data: png });
    expect(response.statusCode).toBe(303);
    const id = Number(/\/admin\/news\/(\d+)/.exec(response.headers.location as string)![1]);
    const post = (await findNewsById(t.app.db, id))!;
    expect(post.imagePath).toMatch(/^\/files\/images\/[0-9a-f]+\.webp$/);
    const meta = await sharp(path.join(t.config.dataDir, post.imagePath!.replace('/files/', 'files/'))).metadata();
    expect(meta.width).toBe(1600);
    expect((await t.app.inject(post.imagePath!)).statusCode).toBe(200);
    const page = await t.app.inject(`/news/${post.slug}`);
    expect(page.body).toContain('<strong>bold</strong>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain(`<img class="boxed-photo large" src="${post.imagePath}" alt="The plant" width="1600" height="900"`);
    expect((await t.app.inject('/news')).body).toContain(`<img class="boxed-photo" src="${post.imagePath}" alt="The plant" width="640" height="360" loading="lazy"`);
  });

  it('re-renders with the input kept and a message beside each field (422), storing nothing', async () => {
    const before = await t.app.db.selectFrom('news').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await send('/admin/news', { title: '', bodyMd: '', projectId: String(projectId), status: 'published', summary: 'Kept <b>summary</b>' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('field-title-error');
    expect(response.body).toContain('Kept &lt;b>summary&lt;/b>');
    const after = await t.app.db.selectFrom('news').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a disguised or oversized image with 422 and stores no file', async () => {
    const files = () => (fs.existsSync(path.join(t.config.dataDir, 'files/images')) ? fs.readdirSync(path.join(t.config.dataDir, 'files/images')).length : 0);
    const count = files();
    const disguised = await send('/admin/news', valid(), { name: 'image', filename: 'photo.png', type: 'image/png', data: Buffer.from('<svg onload="alert(1)"></svg>') });
    expect(disguised.statusCode).toBe(422);
    expect(disguised.body).toContain('not a JPEG, PNG, WebP or GIF');
    const damaged = await send('/admin/news', valid(), { name: 'image', filename: 'x.png', type: 'image/png', data: Buffer.concat([png.subarray(0, 64), Buffer.alloc(200)]) });
    expect(damaged.statusCode).toBe(422);
    const huge = await send('/admin/news', valid(), { name: 'image', filename: 'big.png', type: 'image/png', data: Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]) });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('larger than 5 MB');
    expect(files()).toBe(count);
  });

  it('refuses NUL characters in multipart fields with 400 instead of failing on PostgreSQL', async () => {
    const response = await send('/admin/news', { ...valid(), title: 'Nul\u0000 title', imageAlt: '' });
    expect(response.statusCode).toBe(400);
  });

  it('schedules a post in the future: hidden from /news until then', async () => {
    const response = await send('/admin/news', { ...valid(), title: 'Scheduled post', imageAlt: '', publishAt: '2099-01-01T09:00' });
    expect(response.statusCode).toBe(303);
    const list = await t.app.inject('/news');
    expect(list.body).not.toContain('Scheduled post');
    const admin = await t.app.inject({ url: '/admin/news', headers: { cookie: editor } });
    expect(admin.body).toContain('scheduled');
    const id = /\/admin\/news\/(\d+)/.exec(response.headers.location as string)![1];
    const preview = await t.app.inject({ url: `/admin/news/${id}/preview`, headers: { cookie: editor } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Preview: this is how the post will look');
    expect((await t.app.inject(`/admin/news/${id}/preview`)).statusCode).toBe(302);
  });
});
