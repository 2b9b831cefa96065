import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { expectRedirectsToLivePages, importedRowCounts } from '../../../test/helpers/wordpress.js';
import { localStorage } from '../../lib/storage.js';
import { importWordpress, type ImportReport } from './service.js';

/**
 * The export of a real WordPress 6.1 (Debian's package) that scripts/wordpress-fixture.sh filled
 * through WordPress's own functions and exported with its own export code. What the test expects
 * is read from the file with plain patterns, not with the importer's parser.
 */
const FIXTURE_DIR = path.resolve('test/fixtures/wordpress-real');
const EXPORT = path.join(FIXTURE_DIR, 'export.xml');
const UPLOADS = path.join(FIXTURE_DIR, 'uploads');

interface ExportedItem {
  id: number;
  type: string;
  status: string;
  parent: number;
  link: string;
  attachmentUrl: string | null;
}

function field(block: string, name: string): string {
  const match = new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</wp:${name}>`).exec(block);
  return match ? match[1] : '';
}

function exportedItems(xml: string): ExportedItem[] {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, block]) => ({
    id: Number(field(block, 'post_id')),
    type: field(block, 'post_type'),
    status: field(block, 'status'),
    parent: Number(field(block, 'post_parent')),
    link: /<link>([^<]*)<\/link>/.exec(block)![1],
    attachmentUrl: field(block, 'attachment_url') || null,
  }));
}

const local = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

const xml = fs.readFileSync(EXPORT, 'utf8');
const items = exportedItems(xml);
const ofType = (type: string) => items.filter((i) => i.type === type);
const published = (i: ExportedItem) => i.status === 'publish';
const isPublishedId = (id: number) => items.some((i) => i.id === id && published(i));

/** Every address of the old site that should now lead somewhere: permalinks, ?p= links, uploads, archives. */
function oldAddresses(): string[] {
  const addresses: string[] = [];
  for (const item of items) {
    if (['post', 'page', 'tribe_events'].includes(item.type) && published(item)) {
      addresses.push(local(item.link), item.type === 'page' ? `/?page_id=${item.id}` : `/?p=${item.id}`);
    }
    if (item.type === 'attachment' && item.attachmentUrl) {
      addresses.push(local(item.attachmentUrl), `/?attachment_id=${item.id}`);
      if (isPublishedId(item.parent)) addresses.push(local(item.link));
    }
  }
  // WordPress's resized copies of images, which old posts link to.
  for (const size of xml.matchAll(/s:4:"file";s:\d+:"([^"]+-\d+x\d+\.jpg)"/g)) {
    const original = items.find((i) => i.attachmentUrl && path.basename(i.attachmentUrl).replace(/\.jpg$/, '') === size[1].replace(/-\d+x\d+\.jpg$/, ''));
    addresses.push(local(original!.attachmentUrl!.replace(/[^/]+$/, size[1])));
  }
  for (const [, nicename] of xml.matchAll(/<wp:category>[\s\S]*?<wp:category_nicename><!\[CDATA\[([^\]]+)\]\]>/g)) {
    if (nicename !== 'uncategorized') addresses.push(`/category/${nicename}/`);
  }
  for (const [, slug] of xml.matchAll(/<wp:tag>[\s\S]*?<wp:tag_slug><!\[CDATA\[([^\]]+)\]\]>/g)) addresses.push(`/tag/${slug}/`);
  return addresses;
}

describeEachDatabase('WordPress import of an export written by WordPress itself', (dialect) => {
  let t: TestApp;
  let first: ImportReport;
  const run = () =>
    importWordpress(t.app.db, EXPORT, {
      uploadsDir: UPLOADS,
      timezone: 'Europe/Brussels',
      dataDir: t.config.dataDir,
      storage: localStorage(path.join(t.config.dataDir, 'library')),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
  });
  afterAll(async () => t?.close());

  it('imports as many posts, pages, events, images, documents and authors as the export holds', async () => {
    first = await run();
    const attachments = ofType('attachment');
    const expected = {
      news: ofType('post').length,
      page: ofType('page').length,
      event: ofType('tribe_events').length,
      image: attachments.filter((a) => /\.jpe?g$/.test(a.attachmentUrl!)).length,
      document: attachments.filter((a) => /\.pdf$/.test(a.attachmentUrl!)).length,
      person: [...xml.matchAll(/<wp:author>/g)].length,
    };
    // Guard the fixture itself: what scripts/wordpress-fixture.php made, a draft included.
    expect(expected).toEqual({ news: 5, page: 7, event: 2, image: 4, document: 1, person: 2 });
    for (const [kind, count] of Object.entries(expected)) expect(first.counts[kind as keyof typeof expected], kind).toEqual({ imported: count, updated: 0, unchanged: 0 });
    expect(first.missingFiles).toEqual([]);
    expect(first.skipped.map((s) => s.reason).join('\n')).toMatch(/venues are part of the events/);
    expect(await importedRowCounts(t.app.db)).toMatchObject({ news: expected.news, pages: expected.page, events: expected.event, documents: expected.document, people: expected.person });
  });

  it('keeps the page tree, the event in its zone at its venue, the gallery and the caption', async () => {
    const grandchild = await t.app.inject('/pages/about-the-cluster/steering-group/past-chairs');
    expect(grandchild.statusCode).toBe(200);
    expect(grandchild.body).toContain('href="/pages/about-the-cluster/steering-group"');
    const meeting = await t.app.db.selectFrom('events').selectAll().where('slug', '=', 'annual-meeting-2024').executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({ starts_at: '2024-11-19T08:30:00.000Z', ends_at: '2024-11-19T16:00:00.000Z', timezone: 'Europe/Brussels', city: 'Brussels' });
    const webinar = await t.app.db.selectFrom('events').selectAll().where('slug', '=', 'webinar-geothermal-lithium').executeTakeFirstOrThrow();
    expect(webinar).toMatchObject({ starts_at: '2025-02-11T13:00:00.000Z', timezone: 'Europe/Berlin' });
    const gallery = await t.app.inject('/news/recycling-workshop-leuven');
    expect(gallery.body.match(/<figure><img src="\/files\/images\//g)).toHaveLength(3);
    expect(gallery.body).not.toMatch(/\[gallery|\[embed/);
    const captioned = await t.app.inject('/news/first-spodumene-concentrate');
    expect(captioned.body).toMatch(/<figcaption>The second line during its first week\.<\/figcaption>/);
    expect(captioned.body).not.toContain('[caption');
    expect((await t.app.inject('/news/ideas-for-the-autumn-newsletter')).statusCode).toBe(404);
  });

  it('answers every old address with 301 to a page that answers 200', async () => {
    const addresses = oldAddresses();
    expect(addresses.length).toBeGreaterThan(40);
    await expectRedirectsToLivePages(t.app, addresses);
  });

  it('a second run changes nothing', async () => {
    const before = await importedRowCounts(t.app.db);
    const again = await run();
    for (const [kind, counts] of Object.entries(first.counts)) {
      expect(again.counts[kind as keyof typeof first.counts], kind).toEqual({ imported: 0, updated: 0, unchanged: counts.imported });
    }
    expect(again.redirects).toBe(0);
    expect(await importedRowCounts(t.app.db)).toEqual(before);
  });
});
