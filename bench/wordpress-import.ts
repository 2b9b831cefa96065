/**
 * WordPress import benchmark: writes a generated WXR export of N posts (default 20,000: paragraphs, block
 * comments, a category and a tag each, a link to another post), imports it into a fresh SQLite database with
 * the progress bar on stderr, then imports it again (every item unchanged). Reports the file size, both
 * runs' seconds and items per second, and the process's peak resident memory (the reader streams the file;
 * memory must not grow with the export).
 *   npm run bench -- wordpress-import [--posts 20000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { progressPrinter } from '../src/lib/progress.js';
import { localStorage } from '../src/lib/storage.js';
import { importWordpress } from '../src/modules/wordpress/service.js';
import { writeLargeExport } from '../test/helpers/wordpress.js';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '20000' } } });
const posts = Number(values.posts);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wordpress-'));
const file = path.join(dir, 'export.xml');
await writeLargeExport(file, posts);
const fileBytes = fs.statSync(file).size;
const database = openDatabase({ dataDir: dir });
await migrateToLatest(database.db);
const show = progressPrinter();
let peakSampled = 0;
const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, process.memoryUsage().rss)), 100);
const timed = async () => {
  const started = performance.now();
  const report = await importWordpress(database.db, file, {
    dataDir: dir,
    storage: localStorage(path.join(dir, 'library')),
    onProgress: (p) => p.phase === 'importing' && p.done % 500 === 0 && show('importing', p.done / p.total, `${p.done}/${p.total}`),
  });
  return { seconds: (performance.now() - started) / 1000, report };
};
const first = await timed();
const second = await timed();
clearInterval(sampler);
const news = await database.db.selectFrom('news').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'wordpress-import',
    posts,
    file_mb: Math.round(fileBytes / 1e5) / 10,
    imported: first.report.counts.news.imported,
    news_rows: Number(news.n),
    first_s: Math.round(first.seconds * 10) / 10,
    first_items_per_s: Math.round(posts / first.seconds),
    second_s: Math.round(second.seconds * 10) / 10,
    second_unchanged: second.report.counts.news.unchanged,
    peak_rss_mb: Math.round(Math.max(peakSampled, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
  }),
);
