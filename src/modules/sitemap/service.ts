import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { sitemapEntries as projectPages } from '../directory/service.js';
import { sitemapEntries as eventPages } from '../events/service.js';
import { gallerySitemapEntries as galleryPages } from '../library/service.js';
import { sitemapEntries as newsPages } from '../news/service.js';
import { listTopics } from '../synergies/service.js';

/** Pages that exist once; their content changes with the lists they show, so they carry no last-modified date. */
export const FIXED_PAGES = ['/', '/about', '/news', '/events', '/projects', '/library', '/galleries', '/synergies', '/map', '/join', '/live', '/search'];

export interface SitemapEntry {
  path: string;
  lastmod?: string;
}

/** Every public page a search engine should know: the fixed ones, then each news post, event, project, topic and photo gallery. */
export async function sitemap(db: Kysely<Database>): Promise<SitemapEntry[]> {
  const [news, events, projects, topics, galleries] = await Promise.all([newsPages(db), eventPages(db), projectPages(db), listTopics(db), galleryPages(db)]);
  return [...FIXED_PAGES.map((path) => ({ path })), ...news, ...events, ...projects, ...topics.map((t) => ({ path: `/topics/${t.slug}` })), ...galleries];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The sitemaps.org XML for these entries, with absolute addresses. */
export function sitemapXml(baseUrl: string, entries: SitemapEntry[]): string {
  const urls = entries.map((e) => `  <url><loc>${escapeXml(baseUrl + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.slice(0, 10)}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
