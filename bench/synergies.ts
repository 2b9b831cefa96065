/**
 * Synergy engine benchmark. Imports the CORDIS subset into a fresh SQLite database, reads it back, builds every
 * project's text (deliverable titles and descriptions, report titles, euroSciVoc labels; never the call topic, its
 * title or the legal basis), computes every project's top 10 with the engine, and, in the same run, with a plain
 * TF-IDF cosine baseline on the same text. `seconds` runs from reading the files to every project's top 10.
 *
 * Quality, exactly:
 * - corpus and candidate pool: every project with any text (a deliverable, a report or a euroSciVoc label; 14,199 of
 *   15,341). A project with no text has no top 10 and is neither evaluated nor a candidate.
 * - evaluated: corpus projects whose call topic is specific (`isSpecificTopic`: no ERC/MSCA/EIC/WIDERA/CSA/COFUND
 *   code segment, no "(CSA)"/"CSA"/"co-fund" in the topic title) and shared by at least 3 corpus projects.
 * - precision@5 of a project: (top-5 results with the same call topic) / 5; fewer than 5 results count as misses.
 *   The bench reports the mean over evaluated projects.
 * - ties: equal scores are ordered by a hash of the project id (never by id or file order: grant numbers are handed
 *   out call by call, which would leak the topic).
 * Besides the headline, `precision_at_5_with_programme` measures the same engine with the programme part (legal basis,
 * "HORIZON.2.5.7") added as a feature: metadata the importer holds, not the project's text, so it is kept apart from the
 * text-only `precision_at_5` the issue defines. Stderr gives the split (projects with deliverable/report text vs labels
 * only) and the issue's "plain TF-IDF cosine on deliverable text" reading (only projects with deliverables, their titles
 * and descriptions).
 *   npm run bench -- synergies [--data PATH]
 * SYNERGIES_VARIANT='{"labelWeight":1}' overrides engine options for experiments; SYNERGIES_PROGRAMME_WEIGHT the weight of
 * the programme variant's legal-basis features (default 8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { readCordis } from '../src/modules/synergies/cordis.js';
import { boilerplateTitles, deliverableDocument, evaluationSet, plainDocument, precisionAtK, projectDocument } from '../src/modules/synergies/corpus.js';
import { BASELINE_OPTIONS, type EngineDocument, type EngineOptions, SynergyIndex } from '../src/modules/synergies/engine.js';
import { importCordis, loadCordisProjects } from '../src/modules/synergies/service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const dataArg = argv.indexOf('--data');
const dataPath = path.resolve(dataArg >= 0 && argv[dataArg + 1] ? argv[dataArg + 1] : path.join(here, '../../shared/data/cordis-he'));
/** Weight of the legal-basis label features in the programme variant (1 / 3 / 5 / 8 measured 0.170 / 0.226 / 0.242 / 0.252). */
const PROGRAMME_WEIGHT = Number(process.env.SYNERGIES_PROGRAMME_WEIGHT ?? 8);
const variant: Partial<EngineOptions> = process.env.SYNERGIES_VARIANT ? JSON.parse(process.env.SYNERGIES_VARIANT) : {};
if (!fs.existsSync(dataPath)) {
  console.error(`bench synergies: no CORDIS data at ${dataPath} (pass --data PATH)`);
  process.exit(1);
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 50);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const log = (line: string) => console.error(`bench synergies: ${line}`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synergies-'));
const handle = openDatabase({ dataDir });
try {
  await migrateToLatest(handle.db);
  const t0 = performance.now();
  const dataset = await readCordis(dataPath);
  const errors = dataset.issues.filter((i) => i.severity === 'error').length;
  log(`read ${dataset.projects.size} projects (${errors} rows skipped) in ${r3((performance.now() - t0) / 1000)} s`);
  const stored = await importCordis(handle.db, dataset);
  const tImport = performance.now();
  log(`imported into a fresh SQLite database: ${stored.created} projects, ${stored.failed} failed, ${r3((tImport - t0) / 1000)} s so far`);

  const projects = await loadCordisProjects(handle.db);
  const boilerplate = boilerplateTitles(projects.values(), 20);
  const docs: EngineDocument[] = [];
  for (const p of projects.values()) {
    const doc = projectDocument(p, boilerplate);
    if (doc.fields.length) docs.push(doc);
  }
  const index = SynergyIndex.build(docs, variant);
  const tBuild = performance.now();
  const top = new Map<string, string[]>();
  for (const doc of docs) top.set(doc.id, index.related(doc.id, 10, { termCount: 0 }).map((r) => r.id));
  const tTop = performance.now();
  sampleRss();
  log(`engine: built over ${docs.length} projects with text in ${r3((tBuild - tImport) / 1000)} s, top 10 of every project in ${r3((tTop - tBuild) / 1000)} s`);

  const corpus = docs.map((d) => projects.get(d.id)!);
  const evaluation = evaluationSet(corpus);
  const topicOf = (id: string) => projects.get(id)?.topics[0]?.code;
  const precision = precisionAtK(evaluation, topicOf, (id) => top.get(id) ?? []);

  const tBase0 = performance.now();
  const baseline = SynergyIndex.build(corpus.map(plainDocument), BASELINE_OPTIONS);
  const baselineTop = new Map<string, string[]>();
  // only the evaluated projects: the baseline's long posting lists make every project's top 10 slow, and unneeded
  for (const id of evaluation.keys()) baselineTop.set(id, baseline.related(id, 10, { termCount: 0 }).map((r) => r.id));
  const baselinePrecision = precisionAtK(evaluation, topicOf, (id) => baselineTop.get(id) ?? []);
  sampleRss();
  log(`baseline (plain TF-IDF cosine, same text): top 10 of the evaluated projects in ${r3((performance.now() - tBase0) / 1000)} s`);

  // the same measure on the projects that have deliverable or report text (not labels alone), for context
  const rich = new Map([...evaluation].filter(([id]) => (projects.get(id)!.deliverables.length || projects.get(id)!.reports.length) > 0));
  const labelsOnly = new Map([...evaluation].filter(([id]) => !rich.has(id)));
  log(
    `evaluated ${evaluation.size} projects with a specific call topic shared by >= 3 corpus projects; ` +
      `precision@5 engine ${r3(precision)} vs baseline ${r3(baselinePrecision)}; on the ${rich.size} with deliverable/report text: ` +
      `${r3(precisionAtK(rich, topicOf, (id) => top.get(id) ?? []))} vs ${r3(precisionAtK(rich, topicOf, (id) => baselineTop.get(id) ?? []))}; ` +
      `on the ${labelsOnly.size} with euroSciVoc labels only: ${r3(precisionAtK(labelsOnly, topicOf, (id) => top.get(id) ?? []))} vs ` +
      r3(precisionAtK(labelsOnly, topicOf, (id) => baselineTop.get(id) ?? [])),
  );
  const withProgramme = SynergyIndex.build(
    corpus.map((p) => projectDocument(p, boilerplate, { programmeWeight: PROGRAMME_WEIGHT })),
    variant,
  );
  const programmePrecision = precisionAtK(evaluation, topicOf, (id) => withProgramme.related(id, 5, { termCount: 0 }).map((r) => r.id));
  log(`with the programme part (legal basis) as a feature of weight ${PROGRAMME_WEIGHT}: precision@5 ${r3(programmePrecision)}`);
  const withDeliverables = [...projects.values()].filter((p) => p.deliverables.length > 0);
  const deliverableEvaluation = evaluationSet(withDeliverables);
  const deliverableBaseline = SynergyIndex.build(withDeliverables.map(deliverableDocument), BASELINE_OPTIONS);
  log(
    `plain TF-IDF cosine on deliverable text alone (the issue's 0.098): ${withDeliverables.length} projects, ` +
      `${deliverableEvaluation.size} evaluated, precision@5 ` +
      r3(precisionAtK(deliverableEvaluation, topicOf, (id) => deliverableBaseline.related(id, 5, { termCount: 0 }).map((r) => r.id))),
  );
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      bench: 'synergies',
      projects: docs.length,
      seconds: r3((tTop - t0) / 1000),
      rss_mb: Math.round(peakRss / 1e6),
      precision_at_5: r3(precision),
      baseline_precision_at_5: r3(baselinePrecision),
      precision_at_5_with_programme: r3(programmePrecision),
    }),
  );
} finally {
  clearInterval(sampler);
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
