import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Database } from '../../src/db/types.js';
import { makePdf } from './library-files.js';

/** The tables a WordPress import writes to. */
export const IMPORTED_TABLES = ['news', 'pages', 'events', 'documents', 'document_versions', 'people', 'redirects', 'wordpress_items', 'search_documents'] as const;

/** How many rows each table the import writes to holds: a second run must leave these as they are. */
export async function importedRowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of IMPORTED_TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

export const WORDPRESS_FIXTURE = path.resolve('test/fixtures/wordpress/export.xml');

/** A word that is only inside the fixture's PDF, to find it by search. */
export const PDF_WORD = 'spodumene';

/**
 * Writes the uploads folder the fixture's attachments name (two JPEGs and a PDF with text); the
 * fourth attachment's file is left out on purpose, to be reported missing.
 */
export async function writeWordpressUploads(dir: string): Promise<string> {
  const write = async (relative: string, data: Buffer) => {
    await fs.promises.mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await fs.promises.writeFile(path.join(dir, relative), data);
  };
  await write('2024/03/pilot-plant.jpg', await sharp({ create: { width: 800, height: 533, channels: 3, background: { r: 150, g: 70, b: 30 } } }).jpeg().toBuffer());
  await write('2024/05/group.jpg', await sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 30, g: 90, b: 140 } } }).jpeg().toBuffer());
  await write('2024/03/pilot-results.pdf', makePdf([`Calcination of ${PDF_WORD} concentrate at 1050 C`, 'Leaching yield 92 percent']));
  return dir;
}

/** One generated post of a large export, with the fields WordPress writes. */
function generatedPost(n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((n % 12) + 1).padStart(2, '0');
  return `<item><title><![CDATA[Generated post ${n}]]></title><link>https://big.example/2020/${month}/${day}/post-${n}/</link><dc:creator><![CDATA[editor]]></dc:creator><guid isPermaLink="false">https://big.example/?p=${n}</guid><content:encoded><![CDATA[<!-- wp:paragraph --><p>Paragraph ${n} about lithium, cobalt and nickel refining in Europe, with a <a href="https://big.example/2020/01/01/post-1/">link</a>.</p><!-- /wp:paragraph -->\n\nSecond paragraph of post ${n}.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${n}</wp:post_id><wp:post_date><![CDATA[2020-${month}-${day} 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2020-${month}-${day} 09:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[post-${n}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>0</wp:is_sticky><category domain="category" nicename="news"><![CDATA[News]]></category><category domain="post_tag" nicename="tag-${n % 50}"><![CDATA[tag ${n % 50}]]></category></item>\n`;
}

/** Writes a WXR file of `count` posts, streamed so the generator itself stays small. */
export async function writeLargeExport(file: string, count: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Big site</title><link>https://big.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://big.example</wp:base_site_url><wp:base_blog_url>https://big.example</wp:base_blog_url>\n<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_display_name><![CDATA[Site Editor]]></wp:author_display_name></wp:author>\n`);
  for (let n = 1; n <= count; n++) await write(generatedPost(n));
  await write('</channel>\n</rss>\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Every old address answers 301 with a local address that answers 200. */
export async function expectRedirectsToLivePages(app: FastifyInstance, addresses: readonly string[]): Promise<void> {
  for (const address of addresses) {
    const response = await app.inject(address);
    expect(response.statusCode, address).toBe(301);
    const target = response.headers.location as string;
    expect(target, address).toMatch(/^\//);
    expect((await app.inject(target)).statusCode, `${address} → ${target}`).toBe(200);
  }
}
