import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import type { FileStorage } from '../../lib/storage.js';
import { makePhotoSizes } from './files.js';
import { findPublishedEventsByIds } from '../events/service.js';
import type { GalleryPhotosTable } from './tables.js';
import { preparedQuery } from '../../db/prepared.js';

export interface Gallery {
  id: number;
  eventId: number;
  title: string;
  description: string;
  url: string;
  photoCount: number;
  cover: Photo | null;
}

export interface Photo {
  id: number;
  galleryId: number;
  position: number;
  alt: string;
  caption: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  /** Page of the photo in the lightbox (works as a plain link). */
  url: string;
  webSrc: string;
  thumbSrc: string;
}

function toPhoto(row: Selectable<GalleryPhotosTable>): Photo {
  return {
    id: row.id,
    galleryId: row.gallery_id,
    position: row.position,
    alt: row.alt,
    caption: row.caption,
    width: row.width,
    height: row.height,
    thumbWidth: row.thumb_width,
    thumbHeight: row.thumb_height,
    url: `/galleries/${row.gallery_id}/photos/${row.id}`,
    webSrc: `/media/photos/${row.id}/web.jpg`,
    thumbSrc: `/media/photos/${row.id}/thumb.jpg`,
  };
}

export async function createGallery(db: Kysely<Database>, input: { eventId: number; title: string; description?: string; userId: number | null }): Promise<number> {
  const { id } = await db
    .insertInto('galleries')
    .values({ event_id: input.eventId, title: input.title, description: input.description ?? '', created_by: input.userId, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Adds a photo: only the web and thumbnail renditions are kept (the original, with its EXIF
 * location, is never stored). Alt text is required by the caller's form.
 */
export async function addPhoto(db: Kysely<Database>, storage: FileStorage, galleryId: number, input: { data: Buffer; alt: string; caption?: string }): Promise<number> {
  const sizes = await makePhotoSizes(input.data);
  const [webKey, thumbKey] = await Promise.all([storage.put(sizes.web.data, 'jpg'), storage.put(sizes.thumb.data, 'jpg')]);
  const last = await db.selectFrom('gallery_photos').select((eb) => eb.fn.max('position').as('p')).where('gallery_id', '=', galleryId).executeTakeFirst();
  const { id } = await db
    .insertInto('gallery_photos')
    .values({
      gallery_id: galleryId,
      position: Number(last?.p ?? -1) + 1,
      alt: input.alt,
      caption: input.caption ?? '',
      web_key: webKey,
      thumb_key: thumbKey,
      width: sizes.web.width,
      height: sizes.web.height,
      thumb_width: sizes.thumb.width,
      thumb_height: sizes.thumb.height,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function photosOf(db: Kysely<Database>, galleryId: number): Promise<Photo[]> {
  const rows = await db.selectFrom('gallery_photos').selectAll().where('gallery_id', '=', galleryId).orderBy('position').orderBy('id').execute();
  return rows.map(toPhoto);
}

export async function findGallery(db: Kysely<Database>, id: number): Promise<Gallery | null> {
  const row = await db.selectFrom('galleries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const photos = await photosOf(db, id);
  return { id: row.id, eventId: row.event_id, title: row.title, description: row.description, url: `/galleries/${row.id}`, photoCount: photos.length, cover: photos[0] ?? null };
}

// Read on every view of an event page: built once (see preparedQuery).
const eventGalleriesQuery = preparedQuery((db, eventId: number) => db.selectFrom('galleries').select('id').where('event_id', '=', eventId).orderBy('id'));

export async function galleriesOfEvent(db: Kysely<Database>, eventId: number): Promise<Gallery[]> {
  const rows = await eventGalleriesQuery(db, eventId);
  const galleries = await Promise.all(rows.map((r) => findGallery(db, r.id)));
  return galleries.filter((g): g is Gallery => g !== null);
}

/** A gallery in the public index, with the event it comes from. */
export interface GalleryListing extends Gallery {
  event: { title: string; url: string; startsAt: string; timezone: string };
}

/**
 * Every gallery of a published event that has at least one photo (an empty gallery has nothing to show yet),
 * newest event first. Counts and covers come from two queries, whatever the number of galleries.
 */
export async function listPublishedGalleries(db: Kysely<Database>): Promise<GalleryListing[]> {
  const galleries = await db
    .selectFrom('galleries')
    .select(['galleries.id', 'galleries.event_id', 'galleries.title', 'galleries.description'])
    .select((eb) => eb.selectFrom('gallery_photos').whereRef('gallery_photos.gallery_id', '=', 'galleries.id').select((c) => c.fn.countAll().as('n')).as('photo_count'))
    .orderBy('galleries.id')
    .execute();
  const events = await findPublishedEventsByIds(db, [...new Set(galleries.map((g) => g.event_id))]);
  const rows = galleries
    .flatMap((g) => {
      const event = events.get(g.event_id);
      return event ? [{ ...g, event }] : [];
    })
    .sort((a, b) => b.event.startsAt.localeCompare(a.event.startsAt) || a.id - b.id);
  const shown = rows.filter((r) => Number(r.photo_count) > 0);
  if (!shown.length) return [];
  const covers = await db
    .selectFrom('gallery_photos')
    .selectAll()
    .where('gallery_photos.gallery_id', 'in', shown.map((r) => r.id))
    .where('gallery_photos.id', '=', (eb) =>
      eb.selectFrom('gallery_photos as first').select('first.id').whereRef('first.gallery_id', '=', 'gallery_photos.gallery_id').orderBy('first.position').orderBy('first.id').limit(1),
    )
    .execute();
  const coverOf = new Map(covers.map((row) => [row.gallery_id, toPhoto(row)]));
  return shown.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    title: r.title,
    description: r.description,
    url: `/galleries/${r.id}`,
    photoCount: Number(r.photo_count),
    cover: coverOf.get(r.id) ?? null,
    event: { title: r.event.title, url: `/events/${r.event.slug}`, startsAt: r.event.startsAt, timezone: r.event.timezone },
  }));
}

/** The gallery pages for the sitemap. */
export async function gallerySitemapEntries(db: Kysely<Database>): Promise<{ path: string }[]> {
  return (await listPublishedGalleries(db)).map((g) => ({ path: g.url }));
}

/** A stored rendition of a photo with the event it belongs to (for the visibility check). */
export async function findPhotoFile(db: Kysely<Database>, photoId: number, size: 'web' | 'thumb'): Promise<{ key: string; eventId: number } | null> {
  const row = await db
    .selectFrom('gallery_photos')
    .innerJoin('galleries', 'galleries.id', 'gallery_photos.gallery_id')
    .select(['gallery_photos.web_key', 'gallery_photos.thumb_key', 'galleries.event_id'])
    .where('gallery_photos.id', '=', photoId)
    .executeTakeFirst();
  return row ? { key: size === 'web' ? row.web_key : row.thumb_key, eventId: row.event_id } : null;
}
