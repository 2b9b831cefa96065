/**
 * Synergy engine benchmark: reads the CORDIS subset, builds every project's text (deliverables, report titles,
 * euroSciVoc labels; never the call topic), computes every project's top 10 with the engine and with a plain TF-IDF
 * cosine baseline, and measures precision@5 against the call topic. Last stdout line: one JSON object.
 *   npm run bench -- synergies [--data PATH]
 */
import { resolve } from 'node:path';
import { readCordis } from '../src/modules/synergies/cordis.js';
import { corpusDocuments, evaluationSet, plainDocument, precisionAtK } from '../src/modules/synergies/corpus.js';
import { BASELINE_OPTIONS, SynergyIndex, type EngineOptions } from '../src/modules/synergies/engine.js';

const args = process.argv.slice(2);
const dataArg = args.indexOf('--data');
const dataPath = resolve(dataArg >= 0 ? args[dataArg + 1] : new URL('../../shared/data/cordis-he', import.meta.url).pathname);
const variant: Partial<EngineOptions> = process.env.SYNERGIES_VARIANT ? JSON.parse(process.env.SYNERGIES_VARIANT) : {};

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sampleRss, 50);

const t0 = performance.now();
const dataset = await readCordis(dataPath);
const tRead = performance.now();
const docs = corpusDocuments(dataset);
const index = SynergyIndex.build(docs, variant);
const tBuild = performance.now();
const top = new Map<string, string[]>();
for (const doc of docs) top.set(doc.id, index.related(doc.id, 10, { termCount: 0 }).map((r) => r.id));
const tTop = performance.now();
sampleRss();

const corpusProjects = docs.map((d) => dataset.projects.get(d.id)!);
const evaluation = evaluationSet(corpusProjects);
const topicOf = (id: string) => dataset.projects.get(id)?.topics[0]?.code;
const precision = precisionAtK(evaluation, topicOf, (id) => top.get(id) ?? []);

const baseline = SynergyIndex.build(corpusProjects.map(plainDocument), BASELINE_OPTIONS);
const baselineTop = new Map<string, string[]>();
for (const id of evaluation.keys()) baselineTop.set(id, baseline.related(id, 10, { termCount: 0 }).map((r) => r.id));
const tBase = performance.now();
const baselinePrecision = precisionAtK(evaluation, topicOf, (id) => baselineTop.get(id) ?? []);
sampleRss();
clearInterval(timer);

const r3 = (x: number) => Math.round(x * 1000) / 1000;
console.error(
  `read ${r3((tRead - t0) / 1000)} s, build ${r3((tBuild - tRead) / 1000)} s, top-10 for ${docs.length} projects ${r3((tTop - tBuild) / 1000)} s, ` +
    `baseline ${r3((tBase - tTop) / 1000)} s; evaluated ${evaluation.size} projects with a specific shared call topic`,
);
console.log(
  JSON.stringify({
    bench: 'synergies',
    projects: docs.length,
    seconds: r3((tTop - t0) / 1000),
    rss_mb: Math.round(peakRss / 1e6),
    precision_at_5: r3(precision),
    baseline_precision_at_5: r3(baselinePrecision),
  }),
);
