import { DateTime } from 'luxon';
import { toSlug } from '../../lib/slug.js';
import type { WxrItem } from './wxr.js';

/**
 * What a WordPress item means for the hub, decided without touching the database: its kind, its
 * state, its dates in UTC, its tags, and the old addresses that must lead to it.
 */

export type ImportKind = 'news' | 'page' | 'event' | 'image' | 'document' | 'person';

/** Post types the import turns into something; the rest are skipped with this reason. */
const SKIPPED_TYPES: Record<string, string> = {
  revision: 'revisions are earlier copies of a post',
  nav_menu_item: 'menus are set in the back office (main navigation and footer of pages)',
  custom_css: 'the old theme’s styles do not apply',
  customize_changeset: 'theme settings do not apply',
  oembed_cache: 'cached embeds are rebuilt from the post',
  wp_block: 'reusable blocks are already inside the posts that use them',
  wp_template: 'theme templates do not apply',
  wp_template_part: 'theme templates do not apply',
  wp_global_styles: 'theme styles do not apply',
  wp_navigation: 'menus are set in the back office (main navigation and footer of pages)',
  tribe_venue: 'venues are part of the events that use them',
  tribe_organizer: 'organisers are part of the events that use them',
};

/** The hub kind of an item's post type, or the reason it is skipped. */
export function kindOf(item: WxrItem): { kind: 'news' | 'page' | 'event' | 'attachment' } | { skip: string } {
  switch (item.postType) {
    case 'post':
      return { kind: 'news' };
    case 'page':
      return { kind: 'page' };
    case 'tribe_events':
      return { kind: 'event' };
    case 'attachment':
      return { kind: 'attachment' };
  }
  return { skip: SKIPPED_TYPES[item.postType] ?? `unknown post type "${item.postType || '(none)'}"` };
}

/** publish and future are public (future at its time); draft, pending and private stay drafts. */
export function stateOf(item: WxrItem): 'published' | 'draft' | null {
  if (item.status === 'publish' || item.status === 'future') return 'published';
  if (item.status === 'draft' || item.status === 'pending' || item.status === 'private') return 'draft';
  return null;
}

const NO_DATE = /^0000-00-00/;

/**
 * A WordPress date as a UTC instant: the GMT column when WordPress filled it (it leaves it zero for
 * drafts), otherwise the local date read in the site's time zone.
 */
export function instantOf(localDate: string, gmtDate: string, zone: string): string | null {
  if (gmtDate && !NO_DATE.test(gmtDate)) {
    const utc = DateTime.fromSQL(gmtDate, { zone: 'utc' });
    if (utc.isValid) return utc.toJSDate().toISOString();
  }
  if (localDate && !NO_DATE.test(localDate)) {
    const local = DateTime.fromSQL(localDate, { zone });
    if (local.isValid) return local.toJSDate().toISOString();
  }
  return null;
}

/** The item's slug: WordPress stores non-ASCII slugs percent-encoded. */
export function slugOf(item: WxrItem): string {
  let name = item.postName;
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep the raw name: toSlug makes it safe.
  }
  return toSlug(name || item.title || `item-${item.wpId}`);
}

const UNCATEGORISED = new Set(['uncategorized', 'uncategorised']);

/** Category and tag names, as the hub's tags (WordPress's "Uncategorized" is not a topic). */
export function tagsOf(item: WxrItem): string[] {
  const names = item.terms
    .filter((t) => (t.domain === 'category' || t.domain === 'post_tag' || t.domain === 'tribe_events_cat') && !UNCATEGORISED.has(t.nicename))
    .map((t) => t.name.slice(0, 60));
  return [...new Set(names)].slice(0, 20);
}

/** The path and query of an address (the old site's host is dropped), or null when it is not http(s). */
export function localPart(address: string): string | null {
  try {
    const url = new URL(address, 'http://old.invalid');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

/**
 * The old addresses of a post, page or event: its permalink, WordPress's query links
 * (/?p=ID, /?page_id=ID), and for posts the date-based and plain forms a site may have used
 * over the years (/YYYY/MM/DD/slug/, /YYYY/MM/slug/, /slug/).
 */
export function oldAddressesOf(item: WxrItem, kind: 'news' | 'page' | 'event'): string[] {
  const addresses = new Set<string>();
  const permalink = item.link ? localPart(item.link) : null;
  if (permalink) addresses.add(permalink);
  if (item.wpId) addresses.add(`/?p=${item.wpId}`);
  if (kind === 'page' && item.wpId) addresses.add(`/?page_id=${item.wpId}`);
  if (kind === 'news' && item.postName) {
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(item.postDate);
    if (date) {
      addresses.add(`/${date[1]}/${date[2]}/${date[3]}/${item.postName}/`);
      addresses.add(`/${date[1]}/${date[2]}/${item.postName}/`);
    }
    addresses.add(`/${item.postName}/`);
  }
  if (kind === 'event' && item.postName) addresses.add(`/event/${item.postName}/`);
  return [...addresses];
}

/** The part of an upload's address below wp-content/uploads ("2024/03/photo.jpg"), lower-case. */
export function uploadKey(address: string): string | null {
  const match = /\/wp-content\/uploads\/(.+)$/i.exec(localPart(address)?.split('?')[0] ?? '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return match[1].toLowerCase();
  }
}

/**
 * The file names of the resized copies WordPress made of an image ("photo-300x200.jpg"), read from
 * its PHP-serialised _wp_attachment_metadata: each size has a "file" without a folder (the
 * original's own "file" has one). Old pages and other sites link to these copies.
 */
export function resizedFilesOf(serialisedMetadata: string | undefined): string[] {
  const names = [...(serialisedMetadata ?? '').matchAll(/s:4:"file";s:\d+:"([^"/\\]+)"/g)].map((m) => m[1]);
  return [...new Set(names)];
}

/** WordPress's resized copies ("photo-300x200.jpg") lead to the original ("photo.jpg"). */
export function originalUploadKey(key: string): string {
  return key.replace(/-\d+x\d+(\.[a-z0-9]+)$/, '$1').replace(/-scaled(\.[a-z0-9]+)$/, '$1');
}
