import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import type { FileStorage } from '../../lib/storage.js';
import { isValidZone } from '../../lib/time.js';
import { ensurePerson } from '../directory/service.js';
import { createEvent, findEventBySlug, findEventForEditing, updateEvent } from '../events/service.js';
import { createNews, findNewsById, newsSlugTaken, updateNews } from '../news/service.js';
import { extractPendingTexts, type PdfTextLimits } from '../library/service.js';
import { createPage, findPageById, setPageParent, updatePage, pageUrl } from '../pages/service.js';
import { saveImportedRedirect } from '../redirects/service.js';
import { type ConversionContext, type MediaRef, wordpressToMarkdown, wordpressToText } from './content.js';
import { eventInputOf, type VenueInfo } from './events.js';
import { type ImportKind, instantOf, kindOf, localPart, oldAddressesOf, originalUploadKey, resizedFilesOf, slugOf, stateOf, tagsOf, uploadKey } from './items.js';
import { type AttachmentInfo, isImage, locateUpload, relativeFileOf, storeAttachment } from './media.js';
import { readWxr, type WxrChannel, type WxrItem, WxrError } from './wxr.js';

export { WxrError } from './wxr.js';

/**
 * The WordPress import: two passes over the export. The first reads the whole file (a malformed or
 * foreign file stops here, before anything is written) and keeps what later items refer to:
 * attachments, venues, organisers, the page tree. The second writes, item by item, in
 * transactions of a few hundred items. Every item is remembered by its GUID with a hash of what
 * was imported, so running the import again updates what changed and skips the rest: an
 * interrupted run is finished by running it again.
 */

export interface ImportOptions {
  /** A copy of the site's wp-content/uploads. */
  uploadsDir?: string;
  dryRun?: boolean;
  /** The site's time zone, for dates WordPress stored without their GMT twin (drafts). */
  timezone?: string;
  dataDir: string;
  storage: FileStorage;
  /** Limits for reading imported PDFs' text (PDF_TEXT_* settings), read before the command ends. */
  pdfTextLimits?: PdfTextLimits;
  onProgress?: (progress: { phase: 'reading' | 'importing'; done: number; total: number }) => void;
}

export type Outcome = 'imported' | 'updated' | 'unchanged';

export interface ImportReport {
  site: string;
  dryRun: boolean;
  counts: Record<ImportKind, Record<Outcome, number>>;
  skipped: { reason: string; count: number; examples: string[] }[];
  missingFiles: string[];
  redirects: number;
}

/** What the first pass keeps: small, whatever the size of the export. */
interface Survey {
  channel: WxrChannel;
  items: number;
  attachments: Map<number, AttachmentInfo>;
  venues: Map<number, VenueInfo>;
  organisers: Map<number, string>;
  pageParents: Map<number, number>;
}

/** Bumped when the conversion changes, so the next run rewrites what it imported before. */
const CONVERSION_VERSION = 1;
const BATCH_SIZE = 200;

async function survey(file: string, onProgress: ImportOptions['onProgress']): Promise<Survey> {
  const result: Survey = { channel: { title: '', link: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '', authors: [] }, items: 0, attachments: new Map(), venues: new Map(), organisers: new Map(), pageParents: new Map() };
  for await (const entry of readWxr(file)) {
    if (entry.type === 'channel') {
      result.channel = entry.channel;
      continue;
    }
    const item = entry.item;
    result.items++;
    if (result.items % 1000 === 0) onProgress?.({ phase: 'reading', done: result.items, total: 0 });
    if (item.postType === 'attachment') {
      result.attachments.set(item.wpId, {
        wpId: item.wpId,
        guid: item.guid || item.attachmentUrl,
        title: item.title,
        url: item.attachmentUrl || item.guid,
        file: item.meta._wp_attached_file ?? '',
        resizedFiles: resizedFilesOf(item.meta._wp_attachment_metadata),
        parentId: item.parentId,
        alt: item.meta._wp_attachment_image_alt ?? '',
        caption: wordpressToText(item.excerpt, 500),
        description: wordpressToText(item.content, 1000),
        date: instantOf(item.postDate, item.postDateGmt, 'UTC'),
        link: item.link,
      });
    } else if (item.postType === 'tribe_venue') {
      result.venues.set(item.wpId, {
        name: item.title,
        address: [item.meta._VenueAddress, item.meta._VenueZip].filter(Boolean).join(', '),
        city: item.meta._VenueCity ?? '',
        country: item.meta._VenueCountry ?? '',
      });
    } else if (item.postType === 'tribe_organizer') {
      result.organisers.set(item.wpId, item.title);
    } else if (item.postType === 'page' && item.parentId) {
      result.pageParents.set(item.wpId, item.parentId);
    }
  }
  return result;
}

function emptyCounts(): ImportReport['counts'] {
  const kinds: ImportKind[] = ['news', 'page', 'event', 'image', 'document', 'person'];
  return Object.fromEntries(kinds.map((k) => [k, { imported: 0, updated: 0, unchanged: 0 }])) as ImportReport['counts'];
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify([CONVERSION_VERSION, value])).digest('hex');
}

interface ImportedRow {
  kind: string;
  targetId: number;
  targetUrl: string;
  contentHash: string;
}

async function findImported(db: Kysely<Database>, guid: string): Promise<ImportedRow | null> {
  const row = await db.selectFrom('wordpress_items').select(['kind', 'target_id', 'target_url', 'content_hash']).where('guid', '=', guid).executeTakeFirst();
  return row ? { kind: row.kind, targetId: row.target_id, targetUrl: row.target_url, contentHash: row.content_hash } : null;
}

async function recordImported(db: Kysely<Database>, guid: string, wpId: number, row: ImportedRow): Promise<void> {
  const values = { wp_id: wpId, kind: row.kind, target_id: row.targetId, target_url: row.targetUrl, content_hash: row.contentHash, imported_at: nowIso() };
  const updated = await db.updateTable('wordpress_items').set(values).where('guid', '=', guid).executeTakeFirst();
  if (!Number(updated.numUpdatedRows)) await db.insertInto('wordpress_items').values({ guid, ...values }).execute();
}

/** The GUID that identifies an item across runs; WordPress always writes one, a hand-made file may not. */
function guidOf(channel: WxrChannel, item: WxrItem): string {
  return item.guid || `${channel.baseSiteUrl || channel.link}/?p=${item.wpId}`;
}

/** Runs the import (or, with dryRun, says what it would do). Throws WxrError for a file that cannot be imported. */
export async function importWordpress(db: Kysely<Database>, file: string, options: ImportOptions): Promise<ImportReport> {
  const zone = options.timezone ?? 'Europe/Brussels';
  if (!isValidZone(zone)) throw new WxrError(`"${zone}" is not a time zone; use a name like Europe/Brussels.`);
  if (options.uploadsDir && !fs.statSync(options.uploadsDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new WxrError(`The uploads folder ${options.uploadsDir} does not exist.`);
  }
  const found = await survey(file, options.onProgress);
  const report: ImportReport = { site: found.channel.link || found.channel.baseSiteUrl, dryRun: Boolean(options.dryRun), counts: emptyCounts(), skipped: [], missingFiles: [], redirects: 0 };
  const dryRun = Boolean(options.dryRun);
  const skip = (reason: string, example: string) => {
    let entry = report.skipped.find((s) => s.reason === reason);
    if (!entry) report.skipped.push((entry = { reason, count: 0, examples: [] }));
    entry.count++;
    if (entry.examples.length < 5) entry.examples.push(example);
  };
  /**
   * Decides the outcome from what an earlier run stored and runs `write` only when something
   * changed (never in a dry run). Null when `write` declined the item.
   */
  const settle = async (trx: Kysely<Database>, guid: string, wpId: number, hash: string, write: (previous: ImportedRow | null) => Promise<Omit<ImportedRow, 'contentHash'> | null>) => {
    const previous = await findImported(trx, guid);
    if (previous && previous.contentHash === hash) return { row: previous, outcome: 'unchanged' as Outcome };
    const outcome: Outcome = previous ? 'updated' : 'imported';
    if (dryRun) return { row: previous, outcome };
    const written = await write(previous);
    if (!written) return null;
    const row = { ...written, contentHash: hash };
    await recordImported(trx, guid, wpId, row);
    return { row, outcome };
  };
  const redirect = async (trx: Kysely<Database>, from: string, to: string) => {
    if (dryRun) report.redirects++;
    else if (await saveImportedRedirect(trx, from, to)) report.redirects++;
  };

  // Authors → people (no accounts, no passwords).
  for (const author of found.channel.authors) {
    const name = author.displayName || author.login;
    if (!name) continue;
    const settled = await settle(db, `author:${author.login || name}`, author.id, hashOf(name), async () => ({ kind: 'person', targetId: await ensurePerson(db, { name }), targetUrl: '/people' }));
    if (settled) report.counts.person[settled.outcome]++;
  }

  // Attachments → images and library documents; their old addresses are mapped for the bodies.
  const mediaUrls = new Map<string, string>();
  const mediaById = new Map<number, MediaRef & { parentId: number; isImage: boolean }>();
  let done = 0;
  for (const attachment of found.attachments.values()) {
    options.onProgress?.({ phase: 'importing', done: ++done, total: found.items + found.attachments.size });
    const located = options.uploadsDir ? await locateUpload(options.uploadsDir, attachment) : { missing: relativeFileOf(attachment) ?? attachment.url };
    if ('refused' in located) {
      skip(`attachment refused: ${located.refused}`, attachment.url);
      continue;
    }
    if ('missing' in located) {
      report.missingFiles.push(located.missing);
      continue;
    }
    const data = await fs.promises.readFile(located.file);
    const hash = hashOf([createHash('sha256').update(data).digest('hex'), attachment.title, attachment.description, attachment.caption, attachment.date]);
    let skippedWith: string | null = null;
    const settled = await settle(db, attachment.guid, attachment.wpId, hash, async (previous) => {
      const stored = await storeAttachment(db, options, attachment, data, previous);
      if ('skip' in stored) {
        skippedWith = stored.skip;
        return null;
      }
      return { kind: stored.kind, targetId: stored.id, targetUrl: stored.url };
    });
    if (!settled) {
      skip(`attachment not imported: ${skippedWith}`, attachment.url);
      continue;
    }
    const kind = settled.row?.kind ?? ((await isImage(data)) ? 'image' : 'document');
    report.counts[kind === 'image' ? 'image' : 'document'][settled.outcome]++;
    const row = settled.row;
    // A dry run has nothing stored to point bodies at.
    if (!row) continue;
    const fileUrl = row.kind === 'document' ? `${row.targetUrl}/download` : row.targetUrl;
    const key = uploadKey(attachment.url) ?? relativeFileOf(attachment)?.toLowerCase();
    if (key) mediaUrls.set(key, fileUrl);
    mediaById.set(attachment.wpId, { url: fileUrl, alt: attachment.alt, caption: attachment.caption, parentId: attachment.parentId, isImage: row.kind === 'image' });
    if (!dryRun) {
      if (key) {
        await redirect(db, `/wp-content/uploads/${key}`, fileUrl);
        const folder = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
        for (const resized of attachment.resizedFiles) await redirect(db, `/wp-content/uploads/${folder}${resized}`, fileUrl);
      }
      const attachmentPage = attachment.link ? localPart(attachment.link) : null;
      if (attachmentPage) await redirect(db, attachmentPage, row.targetUrl);
      await redirect(db, `/?attachment_id=${attachment.wpId}`, row.targetUrl);
    }
  }

  const oldHosts = new Set([found.channel.link, found.channel.baseSiteUrl, found.channel.baseBlogUrl].flatMap((u) => hostOf(u) ?? []));
  const contextFor = (item: WxrItem): ConversionContext => ({
    rewriteUrl(url) {
      const host = hostOf(url);
      if (host && !oldHosts.has(host)) return null;
      const key = uploadKey(url);
      if (key) return mediaUrls.get(key) ?? mediaUrls.get(originalUploadKey(key)) ?? null;
      // A link to another page of the old site: its old address, which now redirects.
      return host ? localPart(url) : null;
    },
    mediaById: (id) => mediaById.get(id) ?? null,
    mediaOfPost: () => [...mediaById.values()].filter((m) => m.parentId === item.wpId && m.isImage),
  });

  // Posts, pages and events, in transactions of BATCH_SIZE items.
  const pageIds = new Map<number, number>();
  const pageRedirects: { item: WxrItem; pageId: number }[] = [];
  let batch: WxrItem[] = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    await withTransaction(db, async (trx) => {
      for (const item of items) await importItem(trx, item);
    });
  };
  const importItem = async (trx: Kysely<Database>, item: WxrItem) => {
    const decided = kindOf(item);
    if ('skip' in decided) return skip(decided.skip, item.title || `#${item.wpId}`);
    if (decided.kind === 'attachment') return;
    const state = stateOf(item);
    if (!state) return skip(`status "${item.status}" is not imported (only published, scheduled, pending, private and draft items are)`, item.title || `#${item.wpId}`);
    const guid = guidOf(found.channel, item);
    const bodyMd = wordpressToMarkdown(item.content, contextFor(item));
    const publishedAt = instantOf(item.postDate, item.postDateGmt, zone);
    if (decided.kind === 'news') {
      const thumbnail = mediaById.get(Number(item.meta._thumbnail_id));
      const input = {
        title: item.title || '(untitled)',
        summary: wordpressToText(item.excerpt || item.content),
        bodyMd,
        tags: tagsOf(item),
        status: state,
        publishedAt: state === 'published' ? publishedAt : null,
        pinned: item.isSticky,
        imagePath: thumbnail?.isImage ? thumbnail.url : null,
        imageAlt: thumbnail?.isImage ? thumbnail.alt || null : null,
      };
      const settled = await settle(trx, guid, item.wpId, hashOf(input), async (previous) => {
        if (previous && (await findNewsById(trx, previous.targetId))) {
          await updateNews(trx, previous.targetId, input);
          return previous;
        }
        const slug = await freeSlug(slugOf(item), (s) => newsSlugTaken(trx, s));
        const id = await createNews(trx, { ...input, slug });
        return { kind: 'news', targetId: id, targetUrl: `/news/${slug}` };
      });
      if (settled) report.counts.news[settled.outcome]++;
      if (settled?.row && state === 'published') for (const address of oldAddressesOf(item, 'news')) await redirect(trx, address, settled.row.targetUrl);
    } else if (decided.kind === 'event') {
      const input = eventInputOf(item, { bodyMd, state, zone, venues: found.venues, organisers: found.organisers });
      if ('skip' in input) return skip(input.skip, item.title);
      const settled = await settle(trx, guid, item.wpId, hashOf(input), async (previous) => {
        if (previous && (await findEventForEditing(trx, previous.targetId))) {
          await updateEvent(trx, previous.targetId, input);
          return previous;
        }
        const slug = await freeSlug(slugOf(item), async (s) => Boolean(await findEventBySlug(trx, s, { includeDrafts: true })));
        return { kind: 'event', targetId: await createEvent(trx, { ...input, slug }), targetUrl: `/events/${slug}` };
      });
      if (settled) report.counts.event[settled.outcome]++;
      if (settled?.row && state === 'published') for (const address of oldAddressesOf(item, 'event')) await redirect(trx, address, settled.row.targetUrl);
    } else {
      const input = { title: item.title || '(untitled)', bodyMd, status: state, slug: slugOf(item), navOrder: item.menuOrder };
      const settled = await settle(trx, guid, item.wpId, hashOf(input), async (previous) => {
        const existing = previous ? await findPageById(trx, previous.targetId) : null;
        if (existing) {
          await updatePage(trx, existing.id, { ...input, parentId: existing.parentId });
          return previous;
        }
        return { kind: 'page', targetId: await createPage(trx, input), targetUrl: '' };
      });
      if (settled) report.counts.page[settled.outcome]++;
      if (settled?.row) pageIds.set(item.wpId, settled.row.targetId);
      if (settled?.row && state === 'published') pageRedirects.push({ item, pageId: settled.row.targetId });
    }
  };
  for await (const entry of readWxr(file)) {
    if (entry.type !== 'item') continue;
    options.onProgress?.({ phase: 'importing', done: ++done, total: found.items + found.attachments.size });
    batch.push(entry.item);
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();

  if (!dryRun) {
    // The page tree, once every page exists: parents may come after their children in the file.
    for (const [wpId, parentWpId] of found.pageParents) {
      const id = pageIds.get(wpId);
      const parentId = pageIds.get(parentWpId);
      if (id && parentId) await setPageParent(db, id, parentId);
    }
    for (const { item, pageId } of pageRedirects) {
      const page = await findPageById(db, pageId);
      if (page) for (const address of oldAddressesOf(item, 'page')) await redirect(db, address, pageUrl(page.path));
    }
    await termRedirects(db, file, redirect);
    await extractPendingTexts(db, options.storage, options.pdfTextLimits, { warn: (details: object, message: string) => console.warn(message, JSON.stringify(details)) });
  }
  return report;
}

/** Categories and tags lead to the news tagged with them; the old feeds to the hub's. */
async function termRedirects(db: Kysely<Database>, file: string, redirect: (trx: Kysely<Database>, from: string, to: string) => Promise<void>) {
  const terms = new Map<string, string>();
  for await (const entry of readWxr(file)) {
    if (entry.type !== 'item' || entry.item.postType !== 'post') continue;
    for (const term of entry.item.terms) {
      if (term.domain === 'category') terms.set(`/category/${term.nicename}`, term.name);
      else if (term.domain === 'post_tag') terms.set(`/tag/${term.nicename}`, term.name);
    }
  }
  for (const [from, name] of terms) {
    await redirect(db, from, `/news?tag=${encodeURIComponent(name)}`);
    await redirect(db, `${from}/feed`, '/news.xml');
  }
  for (const feed of ['/feed', '/feed/rss2', '/feed/atom', '/rss', '/comments/feed']) await redirect(db, feed, '/news.xml');
}

function hostOf(address: string): string | null {
  try {
    return /^https?:\/\//i.test(address) ? new URL(address).host.toLowerCase() : null;
  } catch {
    return null;
  }
}

async function freeSlug(base: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(slug))) return slug;
  }
}
