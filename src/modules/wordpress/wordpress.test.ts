import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { expectRedirectsToLivePages, IMPORTED_TABLES, importedRowCounts, PDF_WORD, WORDPRESS_FIXTURE, writeWordpressUploads } from '../../../test/helpers/wordpress.js';
import { localStorage } from '../../lib/storage.js';
import { formatReport, importWordpressCommand } from './cli.js';
import { importWordpress, type ImportReport, WxrError } from './service.js';

function imageFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, 'files', 'images');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** The old addresses of the fixture, each of which must lead (301) to a page that answers 200. */
const OLD_ADDRESSES = [
  '/?p=101',
  '/2024/03/15/pilot-plant-starts-up/',
  '/2024/03/pilot-plant-starts-up/',
  '/pilot-plant-starts-up/',
  '/2024/05/02/recycling-workshop-photos/',
  '/about-us/',
  '/about-us/membership/',
  '/?page_id=12',
  '/event/lithium-days-2024/',
  '/?p=301',
  '/wp-content/uploads/2024/03/pilot-plant.jpg',
  '/wp-content/uploads/2024/03/pilot-results.pdf',
  '/2024/03/15/pilot-plant-starts-up/pilot-plant/',
  '/category/project-news/',
  '/tag/lithium/',
  '/feed/',
];

describeEachDatabase('WordPress import', (dialect) => {
  let t: TestApp;
  let uploads: string;
  let first: ImportReport;
  const run = (options: { dryRun?: boolean; uploadsDir?: string | null } = {}) =>
    importWordpress(t.app.db, WORDPRESS_FIXTURE, {
      uploadsDir: options.uploadsDir === null ? undefined : (options.uploadsDir ?? uploads),
      dryRun: options.dryRun,
      timezone: 'Europe/Brussels',
      dataDir: t.config.dataDir,
      storage: localStorage(path.join(t.config.dataDir, 'library')),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    uploads = await writeWordpressUploads(fs.mkdtempSync(path.join(os.tmpdir(), 'wp-uploads-')));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  });

  it('a dry run reads everything, says what it would do, and writes nothing', async () => {
    const report = await run({ dryRun: true });
    expect(await importedRowCounts(t.app.db)).toEqual(Object.fromEntries(IMPORTED_TABLES.map((table) => [table, 0])));
    expect(imageFiles(t.config.dataDir)).toEqual([]);
    expect(report.counts.news.imported).toBe(3);
    expect(report.counts.page.imported).toBe(2);
    expect(report.counts.event.imported).toBe(1);
    expect(report.counts.image.imported).toBe(2);
    expect(report.counts.document.imported).toBe(1);
    expect(formatReport(report)).toMatch(/^Dry run: nothing was written/);
  });

  it('imports every post, page, event, attachment and author, with the same counts as the export', async () => {
    first = await run();
    expect(first.counts.news).toEqual({ imported: 3, updated: 0, unchanged: 0 });
    expect(first.counts.page).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    expect(first.counts.event).toEqual({ imported: 1, updated: 0, unchanged: 0 });
    expect(first.counts.image).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    expect(first.counts.document).toEqual({ imported: 1, updated: 0, unchanged: 0 });
    expect(first.counts.person).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    expect(first.missingFiles).toEqual(['2023/11/poster.pdf']);
    const reasons = first.skipped.map((s) => s.reason).join('\n');
    expect(reasons).toMatch(/menus are set in the back office/);
    expect(reasons).toMatch(/venues are part of the events/);
    const counts = await importedRowCounts(t.app.db);
    expect(counts).toMatchObject({ news: 3, pages: 2, events: 1, documents: 1, people: 2 });
    expect(imageFiles(t.config.dataDir)).toHaveLength(2);
  });

  it('keeps dates in UTC from the site’s time zone, drafts as drafts, sticky posts first', async () => {
    const posts = await t.app.db.selectFrom('news').select(['slug', 'status', 'published_at', 'pinned', 'tags', 'image_path', 'image_alt']).orderBy('id').execute();
    expect(posts[0]).toMatchObject({ slug: 'pilot-plant-starts-up', status: 'published', published_at: '2024-03-15T09:00:00.000Z', pinned: 1, image_alt: 'The roasting kiln of the pilot plant' });
    expect(JSON.parse(posts[0].tags)).toEqual(['Project news', 'lithium']);
    expect(posts[0].image_path).toMatch(/^\/files\/images\/[0-9a-f]+\.webp$/);
    expect(posts[2]).toMatchObject({ slug: 'draft-call-for-papers', status: 'draft', published_at: null });
    expect((await t.app.inject('/news/draft-call-for-papers')).statusCode).toBe(404);
    const list = await t.app.inject('/news');
    expect(list.body.indexOf('Pilot plant for lithium hydroxide')).toBeLessThan(list.body.indexOf('Recycling workshop: photos'));
  });

  it('shows an imported post with its image and caption, sanitised, links rewritten to the hub', async () => {
    const page = await t.app.inject('/news/pilot-plant-starts-up');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<figure><img src="\/files\/images\/[0-9a-f]+\.webp" alt="The roasting kiln of the pilot plant" \/?><figcaption>The roasting kiln during its first run<\/figcaption><\/figure>/);
    expect(page.body).toMatch(/href="\/library\/\d+\/download">results of the first campaign<\/a>/);
    expect(page.body).toContain('href="/about-us/"');
    expect(page.body).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(page.body).not.toMatch(/alert\(|javascript:|onerror|<iframe|\[caption|\[embed/);
    const gallery = await t.app.inject('/news/recycling-workshop-photos');
    expect(gallery.body.match(/<figure><img src="\/files\/images\//g)).toHaveLength(2);
    expect(gallery.body).toContain('<h2>Next steps</h2>');
    expect(gallery.body).toContain('href="https://vimeo.com/76979871"');
    expect(gallery.body).not.toMatch(/wp:paragraph|contact-form-7|\[gallery/);
  });

  it('keeps the page tree, the event with its venue and zone, and makes the PDF findable by its text', async () => {
    expect((await t.app.inject('/pages/about-us')).body).toContain('href="/pages/about-us/membership"');
    const child = await t.app.inject('/pages/about-us/membership');
    expect(child.statusCode).toBe(200);
    expect(child.body).toContain('Any project funded under the programme can join.');
    const event = await t.app.db.selectFrom('events').selectAll().executeTakeFirstOrThrow();
    expect(event).toMatchObject({ slug: 'lithium-days-2024', starts_at: '2024-06-18T07:00:00.000Z', ends_at: '2024-06-19T15:30:00.000Z', timezone: 'Europe/Berlin', venue_name: 'Kulturhaus Freiberg', city: 'Freiberg', country: 'DE', organisers: 'Saxon Raw Materials Institute', status: 'published' });
    expect((await t.app.inject('/events/lithium-days-2024')).statusCode).toBe(200);
    const search = await t.app.inject(`/search?q=${PDF_WORD}`);
    expect(search.body).toContain('Results of the first campaign');
  });

  it('answers every old address of the fixture with 301 to a page that answers 200', async () => {
    await expectRedirectsToLivePages(t.app, OLD_ADDRESSES);
    expect((await t.app.inject('/never-existed/')).statusCode).toBe(404);
    expect((await t.app.inject('/?p=999999')).statusCode).toBe(200);
  });

  it('a second run changes nothing: every item unchanged, no new rows, no new files', async () => {
    const before = await importedRowCounts(t.app.db);
    const files = imageFiles(t.config.dataDir);
    const updatedAt = await t.app.db.selectFrom('news').select('updated_at').orderBy('id').execute();
    const again = await run();
    for (const kind of ['news', 'page', 'event', 'image', 'document', 'person'] as const) {
      expect(again.counts[kind].imported + again.counts[kind].updated, kind).toBe(0);
      expect(again.counts[kind].unchanged, kind).toBe(first.counts[kind].imported);
    }
    expect(again.redirects).toBe(0);
    expect(await importedRowCounts(t.app.db)).toEqual(before);
    expect(imageFiles(t.config.dataDir)).toEqual(files);
    expect(await t.app.db.selectFrom('news').select('updated_at').orderBy('id').execute()).toEqual(updatedAt);
  });

  it('leaves a redirect an editor changed by hand alone on the next run', async () => {
    await t.app.db.updateTable('redirects').set({ to_path: '/news', origin: 'manual' }).where('from_path', '=', '/pilot-plant-starts-up').execute();
    await t.app.db.deleteFrom('wordpress_items').where('kind', '=', 'news').execute();
    await t.app.db.deleteFrom('news').execute();
    const report = await run();
    expect(report.counts.news.imported).toBe(3);
    expect((await t.app.inject('/pilot-plant-starts-up/')).headers.location).toBe('/news');
  });
});

describe('WordPress import: bad input', () => {
  let t: TestApp;
  let dir: string;
  const importFile = (file: string, uploadsDir?: string) =>
    importWordpress(t.app.db, file, { uploadsDir, dataDir: t.config.dataDir, storage: localStorage(path.join(t.config.dataDir, 'library')) });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { seeded: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-bad-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectNothingStored = async () => {
    const counts = await importedRowCounts(t.app.db);
    expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).toBe(true);
  };

  it('refuses a truncated export with the line where it broke, and stores nothing from it', async () => {
    const whole = fs.readFileSync(WORDPRESS_FIXTURE, 'utf8');
    const truncated = write('truncated.xml', whole.slice(0, Math.floor(whole.length * 0.7)));
    await expect(importFile(truncated)).rejects.toThrow(/not well-formed XML \(it may be truncated or damaged\).*line \d+/);
    await expectNothingStored();
    const malformed = write('malformed.xml', whole.replace('</title>', '</titel>'));
    await expect(importFile(malformed)).rejects.toThrow(WxrError);
    await expectNothingStored();
  });

  it('says so when the file is an export of another kind', async () => {
    const atom = write('atom.xml', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title></feed>');
    await expect(importFile(atom)).rejects.toThrow('This is not a WordPress export: the file starts with <feed>');
    const rss = write('rss.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title><item><title>Post</title></item></channel></rss>');
    await expect(importFile(rss)).rejects.toThrow(/an RSS feed, not a WordPress export.*Tools → Export/);
    const html = write('page.html', '<!doctype html><html><body>Hello</body></html>');
    await expect(importFile(html)).rejects.toThrow(WxrError);
    const empty = write('empty.xml', '');
    await expect(importFile(empty)).rejects.toThrow(WxrError);
    await expect(importFile(path.join(dir, 'nope.xml'))).rejects.toThrow(/Cannot read/);
    await expectNothingStored();
  });

  it('refuses a DOCTYPE (entity expansion) outright', async () => {
    const bomb = write('bomb.xml', '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&b;</title></channel></rss>');
    await expect(importFile(bomb)).rejects.toThrow(/DOCTYPE/);
    await expectNothingStored();
  });

  it('keeps an attachment whose path climbs out of the uploads folder out, and strips hostile HTML', async () => {
    const uploads = fs.mkdtempSync(path.join(dir, 'uploads-'));
    fs.writeFileSync(path.join(dir, 'secret.pdf'), 'not for the hub');
    const whole = fs.readFileSync(WORDPRESS_FIXTURE, 'utf8');
    const hostile = write(
      'hostile.xml',
      whole
        .replace('<![CDATA[2023/11/poster.pdf]]>', '<![CDATA[../secret.pdf]]>')
        .replace('Not ready yet.', '<a href=" JaVaScRiPt:alert(1)">x</a><svg onload="alert(1)"></svg><img src="data:text/html,<script>alert(1)</script>">[caption]<img src="javascript:alert(1)">"><script>alert(1)</script>[/caption]'),
    );
    const report = await importFile(hostile, uploads);
    expect(report.skipped.find((s) => s.reason.includes('leads outside the uploads folder'))?.count).toBe(1);
    const bodies = await t.app.db.selectFrom('news').select('body_md').execute();
    for (const { body_md } of bodies) expect(body_md).not.toMatch(/javascript:|<script|onload|data:text/i);
    expect(await t.app.db.selectFrom('documents').select('title').execute()).toEqual([]);
  });

  it('the command prints a clear message and exits 1 for a broken file, and prints the plan of a dry run without writing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const broken = write('broken.xml', fs.readFileSync(WORDPRESS_FIXTURE, 'utf8').slice(0, 5000));
      expect(await importWordpressCommand(t.app.db, t.config.dataDir, [broken, '--quiet'])).toBe(1);
      expect(errors.mock.calls.flat().join('\n')).toMatch(/Cannot import .*broken\.xml: The file is not well-formed XML[\s\S]*Nothing was imported\./);
      expect(await importWordpressCommand(t.app.db, t.config.dataDir, ['--uploads'])).toBe(1);
      const before = await importedRowCounts(t.app.db);
      expect(await importWordpressCommand(t.app.db, t.config.dataDir, [WORDPRESS_FIXTURE, '--dry-run', '--quiet'])).toBe(2);
      const printed = logs.mock.calls.flat().join('\n');
      expect(printed).toMatch(/Dry run: nothing was written[\s\S]*news posts +\d+ new/);
      expect(printed).toContain('Files missing from --uploads');
      expect(await importedRowCounts(t.app.db)).toEqual(before);
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
  });

  it('says which uploads folder is missing and which time zone is unknown, before reading anything', async () => {
    await expect(importFile(WORDPRESS_FIXTURE, path.join(dir, 'no-such-folder'))).rejects.toThrow(/uploads folder .* does not exist/);
    await expect(importWordpress(t.app.db, WORDPRESS_FIXTURE, { timezone: 'Mars/Olympus', dataDir: t.config.dataDir, storage: localStorage(dir) })).rejects.toThrow(/not a time zone/);
  });
});
