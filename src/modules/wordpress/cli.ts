/**
 * `import-wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--timezone ZONE] [--quiet]`, wired into
 * `src/main.ts`: moves a WordPress site's content into the hub (see service.ts for how).
 */
import path from 'node:path';
import { counted } from '../../lib/plural.js';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { progressPrinter } from '../../lib/progress.js';
import { localStorage } from '../../lib/storage.js';
import type { PdfTextLimits } from '../library/service.js';
import { type ImportReport, importWordpress, WxrError } from './service.js';

export const IMPORT_WORDPRESS_USAGE = 'Usage: cluster-hub import-wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--timezone ZONE]';

const KIND_LABELS: Record<keyof ImportReport['counts'], string> = {
  news: 'news posts',
  page: 'pages',
  event: 'events',
  image: 'images',
  document: 'library documents',
  person: 'people (authors)',
};

/** The end-of-run report a person reads: what was imported, updated, left alone, skipped and missing. */
export function formatReport(report: ImportReport): string {
  const lines = [report.dryRun ? `Dry run: nothing was written. Importing ${report.site} would give:` : `Imported from ${report.site}:`];
  const verb = report.dryRun ? { imported: 'new', updated: 'to update', unchanged: 'unchanged' } : { imported: 'new', updated: 'updated', unchanged: 'unchanged' };
  for (const [kind, counts] of Object.entries(report.counts) as [keyof ImportReport['counts'], ImportReport['counts']['news']][]) {
    if (counts.imported + counts.updated + counts.unchanged === 0) continue;
    lines.push(`  ${KIND_LABELS[kind].padEnd(20)} ${counts.imported} ${verb.imported}, ${counts.updated} ${verb.updated}, ${counts.unchanged} ${verb.unchanged}`);
  }
  lines.push(`  ${'redirects'.padEnd(20)} ${report.redirects} ${report.dryRun ? 'old addresses to redirect' : 'old addresses now redirect (new or changed)'}`);
  if (report.skipped.length) {
    lines.push('Skipped:');
    for (const s of report.skipped) lines.push(`  ${s.count} × ${s.reason} (e.g. ${s.examples.slice(0, 3).join('; ')})`);
  }
  if (report.missingFiles.length) {
    lines.push(`Files missing from --uploads (${report.missingFiles.length}): the items were imported without them; copy the files and run the import again.`);
    for (const file of report.missingFiles.slice(0, 20)) lines.push(`  ${file}`);
    if (report.missingFiles.length > 20) lines.push(`  … and ${report.missingFiles.length - 20} more`);
  }
  return lines.join('\n');
}

/** Exit code 0 when everything was imported, 2 when items were skipped or files missing, 1 when nothing could be. */
export async function importWordpressCommand(db: Kysely<Database>, dataDir: string, args: string[], pdfTextLimits?: PdfTextLimits): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { uploads: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, timezone: { type: 'string' }, quiet: { type: 'boolean', default: false } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${IMPORT_WORDPRESS_USAGE}`);
    return 1;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) {
    console.error(IMPORT_WORDPRESS_USAGE);
    return 1;
  }
  const show = parsed.values.quiet ? () => {} : progressPrinter();
  try {
    const report = await importWordpress(db, file, {
      uploadsDir: parsed.values.uploads,
      dryRun: parsed.values['dry-run'],
      timezone: parsed.values.timezone,
      dataDir,
      storage: localStorage(path.join(dataDir, 'library')),
      pdfTextLimits,
      onProgress: (p) => (p.phase === 'reading' ? show('reading the export', 0, counted(p.done, 'item')) : show('importing', p.total ? p.done / p.total : 1, `${p.done}/${p.total}`)),
    });
    console.log(formatReport(report));
    return report.skipped.length || report.missingFiles.length ? 2 : 0;
  } catch (error) {
    if (error instanceof WxrError) {
      console.error(`Cannot import ${file}: ${error.message}\nNothing was imported.`);
      return 1;
    }
    throw error;
  }
}
