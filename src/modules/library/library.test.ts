import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { jpegWithGps, makePdf, multipart, type MultipartFile } from '../../../test/helpers/library-files.js';
import { createProject, findProjectBySlug } from '../directory/service.js';
import { createEvent, findEventBySlug, flattenProgramme, getProgramme } from '../events/service.js';
import { cleanFileName, isStorageKey, localStorage } from '../../lib/storage.js';
import { addPhoto, createGallery } from './galleries.js';

const SLUG = 'exceed-capacity-building-seminar-2024';

describe('file names and storage keys', () => {
  it('cleans names and refuses keys that could leave the store', () => {
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\x\\Slides <final>.exe', 'pdf')).toBe('Slides -final.pdf');
    expect(cleanFileName('...', 'png')).toBe('file.png');
    expect(isStorageKey('../x')).toBe(false);
    expect(isStorageKey('a'.repeat(64) + '.pdf')).toBe(true);
  });
});

describeEachDatabase('library', (dialect) => {
  let t: TestApp;
  let editor: { cookie: string };
  let outsider: { cookie: string };
  let admin: { cookie: string };
  let eventId: number;
  let sessionId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { MAX_UPLOAD_MB: '1' } });
    const exceed = (await findProjectBySlug(t.app.db, 'exceed'))!;
    const other = await createProject(t.app.db, { acronym: 'OTHER', title: 'Another project' });
    const event = (await findEventBySlug(t.app.db, SLUG))!;
    eventId = event.id;
    sessionId = flattenProgramme(await getProgramme(t.app.db, event.id))[0].id;
    editor = await signIn(t.app, { role: 'editor', projectIds: [exceed.id] });
    outsider = await signIn(t.app, { role: 'editor', projectIds: [other] });
    admin = await signIn(t.app, { role: 'admin' });
  });
  afterAll(async () => t?.close());

  async function upload(as: { cookie: string }, url: string, fields: Record<string, string>, files: MultipartFile[]) {
    const { cookie, token } = await csrfFor(t.app, as.cookie);
    const body = multipart({ _csrf: token, ...fields }, files);
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
  }

  const slides = makePdf(['Raw materials for batteries', 'Second page on cobalt', 'Third page about spodumene flotation circuits']);

  it('tells an empty library from a filter that matches nothing', async () => {
    const library = await t.app.inject('/library');
    expect(library.body).toContain('No documents yet.');
    expect(library.body).not.toContain('match these filters');
    expect((await t.app.inject('/library?type=spreadsheet')).body).toContain('No documents match these filters.');
    expect((await t.app.inject('/galleries')).body).toContain('No photo galleries yet.');
  });

  it('lets an editor upload slides to a session; the PDF text is searchable and the file downloads safely', async () => {
    const response = await upload(editor, '/admin/library', { title: 'Geochemistry slides', authors: 'Valérie Cappuyns', date: '2024-02-19', licence: 'CC BY 4.0', attach: `item:${sessionId}` }, [
      { name: 'file', fileName: '../Geochemistry <slides>.pdf', data: slides, contentType: 'application/pdf' },
    ]);
    expect(response.statusCode).toBe(303);
    const url = response.headers.location as string;
    expect(url).toMatch(/^\/library\/\d+$/);
    expect((await t.app.inject(url)).body).toContain('text being read for search');
    await t.runJobs();

    const found = await t.app.inject('/api/v1/search?q=spodumene');
    expect(found.statusCode).toBe(200);
    const hit = found.json().results.find((r: { url: string }) => r.url === url);
    expect(hit).toBeTruthy();
    expect(hit.type).toBe('document');

    const download = await t.app.inject(`${url}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Geochemistry -slides.pdf"/);
    expect(download.rawPayload.equals(slides)).toBe(true);
    const key = (await t.app.db.selectFrom('document_versions').select('storage_key').orderBy('id', 'desc').executeTakeFirstOrThrow()).storage_key;
    for (const url of [`/files/${key.slice(0, 2)}/${key}`, `/files/library/${key.slice(0, 2)}/${key}`, `/files/../library/${key.slice(0, 2)}/${key}`]) expect((await t.app.inject(url)).statusCode).toBe(404);

    const page = await t.app.inject(url);
    expect(page.body).toContain('Downloads</dt><dd>1</dd>');
    expect(page.body).toContain('text indexed for search');
    const eventPage = await t.app.inject(`/events/${SLUG}`);
    expect(eventPage.body).toContain('Presentations from');
    expect(eventPage.body).toContain('Geochemistry slides');
    const library = await t.app.inject('/library?type=pdf&year=2024');
    expect(library.body).toContain('Geochemistry slides');
    expect((await t.app.inject('/library?type=slides')).body).not.toContain('Geochemistry slides');
  });

  it('keeps every version: a new upload becomes current, the old one stays listed and downloadable', async () => {
    const created = await upload(editor, '/admin/library', { title: 'Seminar report', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'report.pdf', data: makePdf(['first draft mentions pegmatite']) }]);
    const url = created.headers.location as string;
    const id = url.split('/').pop();
    const second = await upload(editor, `/admin/library/${id}/versions`, {}, [{ name: 'file', fileName: 'report-v2.pdf', data: makePdf(['final text mentions lepidolite']) }]);
    expect(second.statusCode).toBe(303);
    await t.runJobs();
    const page = await t.app.inject(url);
    expect(page.body).toContain('report-v2.pdf');
    expect(page.body).toContain('2 (current)');
    expect(page.body).toContain('report.pdf');
    expect((await t.app.inject(`${url}/versions/1/download`)).statusCode).toBe(200);
    expect((await t.app.inject(`${url}/versions/3/download`)).statusCode).toBe(404);
    const search = (q: string) => t.app.inject(`/api/v1/search?q=${q}&type=document`).then((r) => r.json().results.map((h: { url: string }) => h.url));
    expect(await search('lepidolite')).toContain(url);
    expect(await search('pegmatite')).not.toContain(url);
  });

  it('refuses disguised files, judged by content not name, and stores nothing', async () => {
    const before = await t.app.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const html = await upload(editor, '/admin/library', { title: 'Evil', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'slides.pdf', data: Buffer.from('<html><script>alert(1)</script></html>') }]);
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('is not a PDF');
    const exe = await upload(editor, '/admin/library', { title: 'Evil', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'slides.pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) }]);
    expect(exe.statusCode).toBe(422);
    const after = await t.app.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('stores a corrupt PDF but marks its text as not extracted', async () => {
    const response = await upload(editor, '/admin/library', { title: 'Broken file', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'broken.pdf', data: Buffer.from('%PDF-1.7\n1 0 obj << garbage') }]);
    expect(response.statusCode).toBe(303);
    await t.runJobs();
    expect((await t.app.inject(response.headers.location as string)).body).toContain('text not extracted');
    const edit = await t.app.inject({ url: `/admin${response.headers.location}`, headers: { cookie: editor.cookie } });
    expect(edit.body).toContain('Text not extracted.');
  });

  it('refuses files over the size limit with 413', async () => {
    const response = await upload(editor, '/admin/library', { title: 'Huge', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'huge.pdf', data: Buffer.concat([slides, Buffer.alloc(1_200_000)]) }]);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('larger than 1 MB');
  });

  it('lets only editors of the organising projects (and admins) upload', async () => {
    const forbidden = await upload(outsider, '/admin/library', { title: 'Not mine', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'a.pdf', data: slides }]);
    expect(forbidden.statusCode).toBe(403);
    const hub = await upload(editor, '/admin/library', { title: 'Hub doc', attach: 'hub' }, [{ name: 'file', fileName: 'a.pdf', data: slides }]);
    expect(hub.statusCode).toBe(403);
    const byAdmin = await upload(admin, '/admin/library', { title: 'Hub link', attach: 'hub', url: 'https://example.org/report.pdf' }, []);
    expect(byAdmin.statusCode).toBe(303);
    const anonymous = await t.app.inject('/admin/library/new');
    expect(anonymous.statusCode).toBe(302);
    const missingTitle = await upload(editor, '/admin/library', { title: '', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'a.pdf', data: slides }]);
    expect(missingTitle.statusCode).toBe(422);
    expect(missingTitle.body).toContain('Enter a title.');
    // The back-office list shows each person what they may edit, searchable.
    const list = (as: { cookie: string }, query = "") => t.app.inject({ url: `/admin/library${query}`, headers: { cookie: as.cookie } });
    expect((await list(admin, '?q=hub+link')).body).toContain('Hub link');
    expect((await list(admin, '?q=nothing-like-this')).body).not.toContain('Hub link');
    expect((await list(editor)).body).not.toContain('Hub link');
    expect((await list(admin, '?page=0')).statusCode).toBe(400);
  });

  it('hides documents and photos of unpublished events from the public', async () => {
    const draftId = await createEvent(t.app.db, { title: 'Draft workshop', type: 'workshop', format: 'online', startsAt: '2030-01-01T09:00:00Z', endsAt: '2030-01-01T12:00:00Z', status: 'draft' });
    const created = await upload(admin, '/admin/library', { title: 'Secret agenda', attach: `event:${draftId}` }, [{ name: 'file', fileName: 'agenda.pdf', data: makePdf(['confidential zinnwaldite plans']) }]);
    const url = created.headers.location as string;
    expect((await t.app.inject(url)).statusCode).toBe(404);
    expect((await t.app.inject(`${url}/download`)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `${url}/download`, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject('/api/v1/search?q=zinnwaldite')).json().total).toBe(0);
    expect((await t.app.inject('/library')).body).not.toContain('Secret agenda');
  });

  it('makes gallery photos without their EXIF location and requires alt text', async () => {
    const { cookie, token } = await csrfFor(t.app, editor.cookie);
    const created = await t.app.inject({ method: 'POST', url: '/admin/galleries', payload: form({ _csrf: token, event: String(eventId), title: 'Snapshots from the seminar' }), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(created.statusCode, created.body).toBe(303);
    const admin = created.headers.location as string;
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeTruthy();
    const noAlt = await upload(editor, `${admin}/photos`, { alt: '' }, [{ name: 'photo', fileName: 'p.jpg', data: photo }]);
    expect(noAlt.statusCode).toBe(422);
    expect(noAlt.body).toContain('alt text');
    const added = await upload(editor, `${admin}/photos`, { alt: 'Participants in the lecture hall', caption: 'Day one' }, [{ name: 'photo', fileName: 'p.jpg', data: photo }]);
    expect(added.statusCode).toBe(303);
    const galleryId = admin.split('/').pop();
    const gallery = await t.app.inject(`/galleries/${galleryId}`);
    expect(gallery.body).toContain('alt="Participants in the lecture hall"');
    const photoUrl = gallery.body.match(/href="(\/galleries\/\d+\/photos\/\d+)"/)![1];
    const lightbox = await t.app.inject(photoUrl);
    expect(lightbox.body).toContain('Back to all photos');
    const src = lightbox.body.match(/src="(\/media\/photos\/\d+\/web\.jpg)"/)![1];
    for (const path of [src, src.replace('web.jpg', 'thumb.jpg')]) {
      const image = await t.app.inject(path);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(image.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1600);
    }
    expect((await t.app.inject(`/events/${SLUG}`)).body).toContain('Snapshots from the seminar');
  });

  async function newGallery(title: string): Promise<string> {
    const { cookie, token } = await csrfFor(t.app, editor.cookie);
    const created = await t.app.inject({ method: 'POST', url: '/admin/galleries', payload: form({ _csrf: token, event: String(eventId), title }), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(created.statusCode, created.body).toBe(303);
    return created.headers.location as string;
  }

  it('stores 40 small photos sent at once, each with its web size and thumbnail', async () => {
    const admin = await newGallery('Forty small photos');
    // At most 480 px: the web size and the thumbnail are the same bytes, stored under one key twice at once.
    const photos = await Promise.all(
      Array.from({ length: 40 }, (_, i) => sharp({ create: { width: 240 + i * 6, height: 180 + i * 3, channels: 3, background: { r: i * 6, g: 90, b: 240 - i * 5 } } }).jpeg().toBuffer()),
    );
    const responses = await Promise.all(photos.map((data, i) => upload(editor, `${admin}/photos`, { alt: `Small photo ${i}` }, [{ name: 'photo', fileName: `small-${i}.jpg`, data }])));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(40).fill(303));
    const page = await t.app.inject(`/galleries/${admin.split('/').pop()}`);
    const thumbs = [...page.body.matchAll(/src="(\/media\/photos\/\d+\/thumb\.jpg)"/g)].map((m) => m[1]);
    expect(thumbs).toHaveLength(40);
    for (const src of [...thumbs, ...thumbs.map((s) => s.replace('thumb', 'web'))]) expect((await t.app.inject(src)).statusCode, src).toBe(200);
  });

  it('lists the galleries of published events with a cover and a photo count, and puts them in the sitemap', async () => {
    const emptyAdmin = await newGallery('A gallery still empty');
    const draftId = await createEvent(t.app.db, { title: 'Draft field trip', type: 'workshop', format: 'online', startsAt: '2030-02-01T09:00:00Z', endsAt: '2030-02-01T12:00:00Z', status: 'draft' });
    const draftGallery = await createGallery(t.app.db, { eventId: draftId, title: 'Photos of a draft event', userId: null });
    await addPhoto(t.app.db, localStorage(path.join(t.config.dataDir, 'library')), draftGallery, { data: await jpegWithGps(), alt: 'Hidden photo' });
    const index = await t.app.inject('/galleries');
    expect(index.statusCode).toBe(200);
    const forty = await t.app.db.selectFrom('galleries').select('id').where('title', '=', 'Forty small photos').executeTakeFirstOrThrow();
    const seminar = await t.app.db.selectFrom('galleries').select('id').where('title', '=', 'Snapshots from the seminar').executeTakeFirstOrThrow();
    expect(index.body).toContain(`<a href="/galleries/${forty.id}">Forty small photos</a>`);
    expect(index.body).toContain('40 photos');
    expect(index.body).toMatch(new RegExp(`href="/galleries/${seminar.id}">Snapshots from the seminar</a></h2><p class="small">1 photo ·`));
    expect(index.body).toMatch(/<img src="\/media\/photos\/\d+\/thumb\.jpg" alt(="")? width="\d+" height="\d+"/);
    expect(index.body).not.toContain('A gallery still empty');
    expect(index.body).not.toContain('Photos of a draft event');
    expect(index.body).toContain(`href="/events/${SLUG}"`);
    expect((await t.app.inject('/library')).body).toContain('href="/galleries"');
    expect((await t.app.inject(`/events/${SLUG}`)).body).toContain('<a href="/galleries">All photo galleries</a>');
    const sitemap = (await t.app.inject('/sitemap.xml')).body;
    expect(sitemap).toContain(`${t.config.baseUrl}/galleries</loc>`);
    expect(sitemap).toContain(`${t.config.baseUrl}/galleries/${forty.id}</loc>`);
    expect(sitemap).not.toContain(`/galleries/${emptyAdmin.split('/').pop()}</loc>`);
    expect(sitemap).not.toContain(`/galleries/${draftGallery}</loc>`);
  });

  it('answers 404 with the error page when a stored file is missing (a restore without the files)', async () => {
    const created = await upload(editor, '/admin/library', { title: 'Lost file', attach: `event:${eventId}` }, [{ name: 'file', fileName: 'lost.pdf', data: makePdf(['a file that goes missing']) }]);
    const url = created.headers.location as string;
    const admin = await newGallery('Lost photos');
    await upload(editor, `${admin}/photos`, { alt: 'A photo that goes missing' }, [{ name: 'photo', fileName: 'lost.jpg', data: await jpegWithGps() }]);
    const photo = await t.app.db.selectFrom('gallery_photos').select(['id', 'web_key']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const { storage_key } = await t.app.db.selectFrom('document_versions').select('storage_key').orderBy('id', 'desc').executeTakeFirstOrThrow();
    for (const key of [storage_key, photo.web_key]) fs.rmSync(path.join(t.config.dataDir, 'library', key.slice(0, 2), key));
    await t.runJobs();
    for (const missing of [`${url}/download`, `${url}/versions/1/download`, `/media/photos/${photo.id}/web.jpg`]) {
      const response = await t.app.inject({ url: missing, headers: { accept: 'text/html' } });
      expect(response.statusCode, missing).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('is missing');
    }
    expect((await t.app.inject(url)).body).toContain('Downloads</dt><dd>0</dd>');
    expect((await t.app.inject(url)).body).toContain('text not extracted');
  });

  it('lists a project’s documents on its page', async () => {
    const exceed = (await findProjectBySlug(t.app.db, 'exceed'))!;
    await upload(editor, '/admin/library', { title: 'EXCEED public deliverable', attach: `project:${exceed.id}` }, [{ name: 'file', fileName: 'd.pdf', data: slides }]);
    expect((await t.app.inject('/projects/exceed')).body).toContain('EXCEED public deliverable');
  });

  it('refuses bad form values with 422 and a message, whatever the encoding', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ title: 'x', attach: 'item:999999' }, 'Choose where the document belongs'],
      [{ title: 'x', attach: '../../etc' }, 'Choose where the document belongs'],
      [{ title: 'x', attach: `event:${eventId}`, date: '2024-02-30' }, 'YYYY-MM-DD'],
      [{ title: 'x', attach: `event:${eventId}`, url: 'javascript:alert(1)' }, 'https://'],
      [{ title: 'x'.repeat(300), attach: `event:${eventId}` }, 'at most 200'],
    ];
    for (const [fields, message] of cases) {
      const response = await upload(editor, '/admin/library', fields, [{ name: 'file', fileName: 'a.pdf', data: slides }]);
      expect(response.statusCode, JSON.stringify(fields).slice(0, 60)).toBe(422);
      expect(response.body).toContain(message);
    }
    const { cookie, token } = await csrfFor(t.app, editor.cookie);
    const urlencoded = await t.app.inject({ method: 'POST', url: '/admin/library', payload: form({ _csrf: token, title: 'No file', attach: `event:${eventId}` }), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(urlencoded.statusCode).toBe(422);
    const garbage = await t.app.inject({ method: 'POST', url: '/admin/library', payload: 'garbage', headers: { cookie, 'content-type': 'multipart/form-data; boundary=zzz' } });
    expect(garbage.statusCode).toBeGreaterThanOrEqual(400);
    expect(garbage.statusCode).toBeLessThan(500);
  });

  it('answers hostile parameters with 4xx, never 5xx', async () => {
    for (const url of ['/library?year=abc', '/library?type=%3Cscript%3E', '/library/abc', '/library/99999999', '/library/1/versions/0/download', '/media/photos/1/../../x', '/galleries/0', '/library?page=-1']) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });
});
