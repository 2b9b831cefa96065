/**
 * The synergies module's CLI commands, wired into `src/main.ts`:
 *   import-cordis PATH               read a CORDIS download (folder, zip, CSV/JSON) and upsert its projects
 *   related --corpus PATH --ids A,B [--top K] [--json]   top-K related projects in a corpus on disk
 *   synergies                        recompute related projects and shared topics now
 */
import { parseArgs } from 'node:util';
import { counted } from '../../lib/plural.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { progressPrinter } from '../../lib/progress.js';
import { type ReadProgress, readCordis, summarise } from './cordis.js';
import { importCordis, recomputeSynergies, relatedInCorpus } from './service.js';

/** `import-cordis PATH`: exit code 0 when everything was read and stored, 2 when rows were skipped, 1 on failure. */
export async function importCordisCommand(db: Kysely<Database>, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { quiet: { type: 'boolean', default: false } } });
  const path = positionals[0];
  if (!path) {
    console.error('Usage: cluster-hub import-cordis PATH   (a folder, a .zip, or one CSV/JSON file of the CORDIS open data)');
    return 1;
  }
  const show = values.quiet ? () => {} : progressPrinter();
  let dataset;
  try {
    dataset = await readCordis(path, { onProgress: (p: ReadProgress) => show(`reading ${p.file}`, p.totalBytes ? p.bytes / p.totalBytes : 1, counted(p.rows, 'row')) });
  } catch (error) {
    console.error(`Cannot read ${path}: ${(error as Error).message}`);
    return 1;
  }
  for (const issue of dataset.issues) {
    console.error(`${issue.severity}: ${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}`);
  }
  const stored = await importCordis(db, dataset, { onProgress: (done, total) => show('storing projects', done / total, `${done}/${total}`) });
  for (const issue of stored.issues) console.error(`error: ${issue.file}: ${issue.message}`);
  console.log(`Read:\n${summarise(dataset)}`);
  console.log(`Stored: ${stored.created} new and ${stored.updated} updated known projects, ${counted(stored.organisations, 'organisation')}, ${stored.failed} failed.`);
  const summary = await recomputeSynergies(db);
  console.log(`Synergies recomputed over ${counted(summary.documents, 'project')} in ${summary.seconds} s.`);
  const skipped = dataset.issues.some((i) => i.severity === 'error') || stored.failed > 0;
  return skipped ? 2 : 0;
}

/** `related --corpus PATH --ids A,B --top K [--json]`: needs no database. */
export async function relatedCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { corpus: { type: 'string' }, ids: { type: 'string' }, top: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const top = Number(values.top);
  const ids = (values.ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!values.corpus || !ids.length || !Number.isInteger(top) || top < 1 || top > 1000) {
    console.error('Usage: cluster-hub related --corpus PATH --ids ID1,ID2 [--top K (1-1000)] [--json]');
    return 1;
  }
  let dataset;
  try {
    dataset = await readCordis(values.corpus);
  } catch (error) {
    console.error(`Cannot read ${values.corpus}: ${(error as Error).message}`);
    return 1;
  }
  const unknown = ids.filter((id) => !dataset.projects.has(id));
  for (const id of unknown) console.error(`warning: project ${id} is not in the corpus`);
  const result = relatedInCorpus(dataset, ids, top);
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    for (const entry of result) {
      const p = dataset.projects.get(entry.id);
      console.log(`${entry.id} ${p?.acronym ?? ''}`);
      for (const r of entry.related) console.log(`  ${r.score.toFixed(3)}  ${r.id} ${dataset.projects.get(r.id)?.acronym ?? ''}  (${r.terms.join(', ')})`);
    }
  }
  return unknown.length === ids.length ? 1 : 0;
}

/** `synergies`: recompute now and say how long it took. */
export async function recomputeCommand(db: Kysely<Database>): Promise<number> {
  const summary = await recomputeSynergies(db);
  console.log(`Synergies recomputed: ${counted(summary.documents, 'project')}, ${counted(summary.members, 'member')}, ${counted(summary.topics, 'shared topic')}, ${summary.seconds} s.`);
  return 0;
}
