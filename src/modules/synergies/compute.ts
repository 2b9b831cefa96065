/**
 * Runs the engine over member and known projects and stores each member's related projects and the topics members
 * share; the pages read only the stored results.
 */
import type { Kysely } from 'kysely';
import { inBatches, nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { toSlug } from '../../lib/slug.js';
import { listProjects, type Project } from '../directory/service.js';
import type { CordisDataset, CordisProject } from './cordis.js';
import { boilerplateTitles, projectDocument } from './corpus.js';
import { type EngineDocument, type EngineOptions, SynergyIndex } from './engine.js';
import { CHUNK, loadCordisProjects } from './import.js';

type Db = Kysely<Database>;

const RELATED_STORED = 20;
const TOPICS_STORED = 40;
const KNOWN_PER_TOPIC = 10;

interface EngineState {
  index: SynergyIndex;
  members: Project[];
  cordis: Map<string, CordisProject>;
}
const engines = new WeakMap<Db, EngineState>();
const running = new WeakMap<Db, Promise<RecomputeSummary>>();

/** Chemical symbols used as metal tags, spelled out so they meet the words of other projects' texts. */
const ELEMENTS: Record<string, string> = {
  Li: 'lithium', Ni: 'nickel', Co: 'cobalt', Mn: 'manganese', Cu: 'copper', Al: 'aluminium', Fe: 'iron', Zn: 'zinc',
  Nb: 'niobium', Ta: 'tantalum', W: 'tungsten', Be: 'beryllium', Ge: 'germanium', Ga: 'gallium', In: 'indium',
  Sn: 'tin', Mg: 'magnesium', Ti: 'titanium', V: 'vanadium', Cr: 'chromium', Sb: 'antimony', Bi: 'bismuth',
  REE: 'rare earth elements', PGM: 'platinum group metals', C: 'graphite', P: 'phosphorus', Si: 'silicon', Na: 'sodium',
};

/** A member project's text: its own words and, when its grant id is known, what CORDIS holds about it. */
export function memberDocument(project: Project, cordis: CordisProject | undefined, boilerplate: Set<string>): EngineDocument {
  const base = cordis ? projectDocument(cordis, boilerplate) : { id: '', fields: [] };
  const fields = [
    { text: project.title, weight: 2 },
    { text: project.summary },
    { text: project.descriptionMd },
    ...[...project.tags, ...project.metals.map((m) => ELEMENTS[m] ?? m), ...project.resources, ...project.technologies].map((text) => ({ text })),
    ...base.fields,
  ].filter((f) => f.text && f.text.trim());
  return { id: `p:${project.id}`, fields };
}

export interface RecomputeSummary {
  documents: number;
  members: number;
  topics: number;
  seconds: number;
}

/**
 * Rebuilds the engine over members and known projects and stores every member's related projects and the topics
 * members share. One run at a time per database; callers waiting on a running one get its result.
 */
export function recomputeSynergies(db: Db, options: Partial<EngineOptions> = {}): Promise<RecomputeSummary> {
  const current = running.get(db);
  if (current) return current;
  const job = (async () => {
    const started = performance.now();
    const [members, cordis] = await Promise.all([listProjects(db, { members: true }), loadCordisProjects(db)]);
    const boilerplate = boilerplateTitles(cordis.values(), 20);
    const memberGrants = new Set(members.map((m) => m.grantId).filter(Boolean));
    const docs: EngineDocument[] = members.map((m) => memberDocument(m, m.grantId ? cordis.get(m.grantId) : undefined, boilerplate));
    for (const p of cordis.values()) {
      if (memberGrants.has(p.id)) continue;
      const doc = projectDocument(p, boilerplate);
      if (doc.fields.length) docs.push({ ...doc, id: `c:${p.id}` });
    }
    const index = SynergyIndex.build(docs, options);
    engines.set(db, { index, members, cordis });
    const topics = await storeResults(db, index, members);
    return { documents: docs.length, members: members.length, topics, seconds: Math.round(performance.now() - started) / 1000 };
  })();
  running.set(db, job);
  return job.finally(() => running.delete(db));
}

/**
 * The incremental path: call after a member project's text changed (the directory module's edit form). Updates that
 * project's vector in the cached engine and re-stores the members' results; builds the engine first when needed.
 */
export async function refreshProject(db: Db, projectId: number): Promise<void> {
  const state = engines.get(db);
  if (!state) {
    await recomputeSynergies(db);
    return;
  }
  const members = await listProjects(db, { members: true });
  const project = members.find((m) => m.id === projectId);
  if (!project) {
    state.index.remove(`p:${projectId}`);
  } else {
    state.index.upsert(memberDocument(project, project.grantId ? state.cordis.get(project.grantId) : undefined, new Set()));
  }
  state.members = members;
  await storeResults(db, state.index, members);
}

/** Computes once when nothing was computed yet or an import made the results stale. */
export async function ensureComputed(db: Db): Promise<void> {
  const rows = await db.selectFrom('synergy_state').select(['key', 'value']).execute();
  const state = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  if (!state.computed_at || (state.stale && state.stale > state.computed_at)) await recomputeSynergies(db);
}

async function storeResults(db: Db, index: SynergyIndex, members: Project[]): Promise<number> {
  const memberKeys = members.map((m) => `p:${m.id}`);
  const related = members.map((m) => {
    const key = `p:${m.id}`;
    const list = index.related(key, RELATED_STORED);
    // every other member too (after the top list), so the member matrix and network know each pair
    const listed = new Set(list.map((r) => r.id));
    for (const other of memberKeys) {
      if (other === key || listed.has(other)) continue;
      const score = index.similarity(key, other);
      if (score > 0) list.push({ id: other, score, terms: index.sharedTerms(key, other, 5).map((t) => t.term) });
    }
    return { project: m, list };
  });
  const shared = index.sharedTopics(memberKeys, TOPICS_STORED);
  const slugs = new Set<string>();
  const topicRows = shared.map((t, rank) => {
    let slug = toSlug(t.term);
    for (let n = 2; slugs.has(slug); n++) slug = `${toSlug(t.term)}-${n}`;
    slugs.add(slug);
    return {
      slug,
      label: t.term,
      term_key: t.key,
      score: t.score,
      project_ids: JSON.stringify(t.ids.map((id) => Number(id.slice(2)))),
      known_ids: JSON.stringify(index.documentsWithTerm(t.key).filter((k) => k.startsWith('c:')).slice(0, KNOWN_PER_TOPIC).map((k) => k.slice(2))),
      rank,
    };
  });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('synergy_related').execute();
    for (const { project, list } of related) {
      if (!list.length) continue;
      await trx
        .insertInto('synergy_related')
        .values(list.map((r, rank) => ({ project_id: project.id, target: r.id, rank, score: r.score, terms: JSON.stringify(r.terms) })))
        .execute();
    }
    await trx.deleteFrom('synergy_topics').execute();
    await inBatches(topicRows, CHUNK, (rows) => trx.insertInto('synergy_topics').values(rows).execute());
    const now = nowIso();
    await trx
      .insertInto('synergy_state')
      .values({ key: 'computed_at', value: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: now }))
      .execute();
  });
  return topicRows.length;
}

/** Top-K related projects in a corpus read from disk (the `related` CLI command): no database involved. */
export function relatedInCorpus(dataset: CordisDataset, ids: string[], k: number): { id: string; related: { id: string; score: number; terms: string[] }[] }[] {
  const boilerplate = boilerplateTitles(dataset.projects.values(), 20);
  const docs: EngineDocument[] = [];
  for (const p of dataset.projects.values()) {
    const doc = projectDocument(p, boilerplate);
    if (doc.fields.length) docs.push(doc);
  }
  const index = SynergyIndex.build(docs);
  return ids.map((id) => ({ id, related: index.related(id, k) }));
}
