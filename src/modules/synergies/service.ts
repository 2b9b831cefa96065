/**
 * Synergies service: stores CORDIS "known projects", computes related projects and shared topics with the engine,
 * keeps the results, and answers the pages. It reaches the hub's own projects only through the directory service.
 */
import type { Kysely, Transaction } from 'kysely';
import { inBatches, nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseList } from '../../lib/json.js';
import { toSlug } from '../../lib/slug.js';
import { findProjectsByIds, listPartners, listProjects, type Partner, type Project } from '../directory/service.js';
import type { CordisDataset, CordisProject, ImportIssue } from './cordis.js';
import { boilerplateTitles, projectDocument } from './corpus.js';
import { type EngineDocument, type EngineOptions, SynergyIndex } from './engine.js';

type Db = Kysely<Database>;

// ---------------------------------------------------------------- import

export interface ImportSummary {
  created: number;
  updated: number;
  failed: number;
  organisations: number;
  issues: ImportIssue[];
}

/**
 * Upserts every project of a parsed CORDIS download, one transaction per project (its deliverables, reports and
 * organisations are replaced with the file's): running it twice changes nothing, and a failing project is reported
 * and left as it was while the rest goes on.
 */
export async function importCordis(
  db: Db,
  dataset: CordisDataset,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, failed: 0, organisations: 0, issues: [] };
  const existing = new Set((await db.selectFrom('cordis_projects').select('id').execute()).map((r) => r.id));
  const organisationsByProject = new Map<string, CordisDataset['organisations']>();
  for (const o of dataset.organisations) {
    const list = organisationsByProject.get(o.projectId) ?? [];
    list.push(o);
    organisationsByProject.set(o.projectId, list);
  }
  const now = nowIso();
  const total = dataset.projects.size;
  let done = 0;
  const all = [...dataset.projects.values()];
  const orgsOf = (id: string) => organisationsByProject.get(id) ?? [];
  const count = (project: CordisProject) => {
    if (existing.has(project.id)) summary.updated++;
    else summary.created++;
    summary.organisations += orgsOf(project.id).length;
  };
  for (let start = 0; start < all.length; start += BATCH) {
    const batch = all.slice(start, start + BATCH);
    try {
      // fast path: the whole batch in one transaction with multi-row statements
      await db.transaction().execute((trx) => upsertBatch(trx, batch, orgsOf, now, existing));
      batch.forEach(count);
    } catch {
      // a row in the batch failed and nothing of it was written: store its projects one transaction each,
      // so the failing project is reported and the others land
      for (const project of batch) {
        try {
          await db.transaction().execute((trx) => upsertBatch(trx, [project], orgsOf, now, existing));
          count(project);
        } catch (error) {
          summary.failed++;
          summary.issues.push({ file: 'database', line: 0, severity: 'error', message: `project ${project.id} not stored: ${(error as Error).message}` });
        }
      }
    }
    done += batch.length;
    if (options.onProgress) options.onProgress(done, total);
  }
  await db
    .insertInto('synergy_state')
    .values({ key: 'stale', value: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: now }))
    .execute();
  return summary;
}

const CHUNK = 100;
const BATCH = 200;

const PROJECT_COLUMNS = [
  'acronym', 'title', 'objective', 'status', 'start_date', 'end_date', 'framework_programme', 'funding_scheme', 'total_cost',
  'ec_max_contribution', 'call_topic', 'call_topic_title', 'legal_basis', 'scivoc', 'imported_at',
] as const;

function projectRow(p: CordisProject, now: string) {
  const topic = p.topics[0];
  return {
    id: p.id,
    acronym: p.acronym,
    title: p.title,
    objective: p.objective,
    status: p.status,
    start_date: p.startDate,
    end_date: p.endDate,
    framework_programme: p.frameworkProgramme,
    funding_scheme: p.fundingScheme,
    total_cost: p.totalCost,
    ec_max_contribution: p.ecMaxContribution,
    call_topic: topic?.code ?? null,
    call_topic_title: topic?.title || null,
    legal_basis: JSON.stringify(p.legalBasis.map((l) => ({ code: l.code, title: l.title }))),
    scivoc: JSON.stringify(p.sciVoc),
    imported_at: now,
  };
}

/** Upserts projects with their deliverables, reports and organisations (replaced by the file's) inside `trx`. */
async function upsertBatch(
  trx: Transaction<Database>,
  projects: CordisProject[],
  organisationsOf: (id: string) => CordisDataset['organisations'],
  now: string,
  existing: Set<string>,
): Promise<void> {
  await inBatches(projects.map((p) => projectRow(p, now)), CHUNK, (rows) =>
    trx
      .insertInto('cordis_projects')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(PROJECT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute(),
  );
  const old = projects.filter((p) => existing.has(p.id)).map((p) => p.id);
  if (old.length) {
    await trx.deleteFrom('cordis_deliverables').where('project_id', 'in', old).execute();
    await trx.deleteFrom('cordis_reports').where('project_id', 'in', old).execute();
    await trx.deleteFrom('cordis_organisations').where('project_id', 'in', old).execute();
  }
  const deliverables = projects.flatMap((p) => p.deliverables.map((d) => ({ id: d.id, project_id: p.id, title: d.title, type: d.type, description: d.description, url: d.url })));
  await inBatches(deliverables, CHUNK, (rows) =>
    trx
      .insertInto('cordis_deliverables')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ project_id: eb.ref('excluded.project_id'), title: eb.ref('excluded.title'), description: eb.ref('excluded.description') })))
      .execute(),
  );
  const reports = projects.flatMap((p) => p.reports.map((r) => ({ id: r.id, project_id: p.id, title: r.title })));
  await inBatches(reports, CHUNK, (rows) =>
    trx
      .insertInto('cordis_reports')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ project_id: eb.ref('excluded.project_id'), title: eb.ref('excluded.title') })))
      .execute(),
  );
  const organisations = projects.flatMap((p) =>
    organisationsOf(p.id).map((o) => ({
      project_id: p.id,
      organisation_id: o.organisationId,
      role: o.role ?? 'participant',
      name: o.name,
      short_name: o.shortName,
      activity_type: o.activityType,
      sme: o.sme === null ? null : o.sme ? 1 : 0,
      city: o.city,
      country: o.country,
      lat: o.lat,
      lon: o.lon,
      url: o.url,
      ec_contribution: o.ecContribution,
    })),
  );
  await inBatches(organisations, CHUNK, (rows) => trx.insertInto('cordis_organisations').values(rows).execute());
}

/** Reads the stored known projects back into the parser's shape (for the engine). */
export async function loadCordisProjects(db: Db): Promise<Map<string, CordisProject>> {
  const projects = new Map<string, CordisProject>();
  for (const r of await db.selectFrom('cordis_projects').selectAll().execute()) {
    projects.set(r.id, {
      id: r.id,
      acronym: r.acronym,
      title: r.title,
      objective: r.objective,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      frameworkProgramme: r.framework_programme,
      fundingScheme: r.funding_scheme,
      totalCost: r.total_cost,
      ecMaxContribution: r.ec_max_contribution,
      topics: r.call_topic ? [{ code: r.call_topic, title: r.call_topic_title ?? '' }] : [],
      legalBasis: safeJson<{ code: string; title: string }[]>(r.legal_basis, []).map((l) => ({ ...l, uniqueProgrammePart: true })),
      sciVoc: safeJson(r.scivoc, []),
      deliverables: [],
      reports: [],
    });
  }
  for (const d of await db.selectFrom('cordis_deliverables').selectAll().execute()) {
    projects.get(d.project_id)?.deliverables.push({ id: d.id, title: d.title, type: d.type, description: d.description, url: d.url });
  }
  for (const r of await db.selectFrom('cordis_reports').selectAll().execute()) {
    projects.get(r.project_id)?.reports.push({ id: r.id, title: r.title });
  }
  return projects;
}

export async function countKnownProjects(db: Db): Promise<number> {
  const row = await db.selectFrom('cordis_projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function safeJson<T>(text: string | null, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------- computing

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

// ---------------------------------------------------------------- reading

export interface RelatedEntry {
  kind: 'member' | 'known';
  key: string;
  acronym: string;
  title: string;
  url: string;
  score: number;
  terms: string[];
}

async function describeTargets(db: Db, targets: string[]): Promise<Map<string, Omit<RelatedEntry, 'score' | 'terms'>>> {
  const out = new Map<string, Omit<RelatedEntry, 'score' | 'terms'>>();
  const memberIds = targets.filter((t) => t.startsWith('p:')).map((t) => Number(t.slice(2)));
  const cordisIds = targets.filter((t) => t.startsWith('c:')).map((t) => t.slice(2));
  for (const p of await findProjectsByIds(db, memberIds)) {
    out.set(`p:${p.id}`, { kind: p.isMember ? 'member' : 'known', key: `p:${p.id}`, acronym: p.acronym, title: p.title, url: p.url });
  }
  await inBatches(cordisIds, 500, async (batch) => {
    const rows = await db.selectFrom('cordis_projects').select(['id', 'acronym', 'title']).where('id', 'in', batch).execute();
    for (const r of rows) {
      out.set(`c:${r.id}`, {
        kind: 'known',
        key: `c:${r.id}`,
        acronym: r.acronym ?? `Project ${r.id}`,
        title: r.title ?? '',
        url: `https://cordis.europa.eu/project/id/${encodeURIComponent(r.id)}`,
      });
    }
  });
  return out;
}

/** A member project's related projects (members and known projects), each with the terms they share. */
export async function relatedProjects(db: Db, projectId: number, limit = 10): Promise<RelatedEntry[]> {
  await ensureComputed(db);
  const rows = await db.selectFrom('synergy_related').selectAll().where('project_id', '=', projectId).orderBy('rank').limit(limit).execute();
  const described = await describeTargets(db, rows.map((r) => r.target));
  return rows.flatMap((r) => {
    const d = described.get(r.target);
    return d ? [{ ...d, score: r.score, terms: parseList(r.terms) }] : [];
  });
}

export interface Topic {
  slug: string;
  label: string;
  termKey: string;
  score: number;
  projectIds: number[];
  /** CORDIS ids of known projects on the topic. */
  knownIds: string[];
}

function toTopic(r: { slug: string; label: string; term_key: string; score: number; project_ids: string; known_ids: string }): Topic {
  return { slug: r.slug, label: r.label, termKey: r.term_key, score: r.score, projectIds: safeJson<number[]>(r.project_ids, []), knownIds: safeJson<string[]>(r.known_ids, []) };
}

export async function listTopics(db: Db): Promise<Topic[]> {
  await ensureComputed(db);
  return (await db.selectFrom('synergy_topics').selectAll().orderBy('rank').execute()).map(toTopic);
}

export async function findTopic(db: Db, slug: string): Promise<Topic | null> {
  await ensureComputed(db);
  const row = await db.selectFrom('synergy_topics').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toTopic(row) : null;
}

export interface SynergyMatrix {
  members: Project[];
  topics: Topic[];
  /** Shared topics of each pair of members, keyed "a:b" with a < b; those fewest other members share come first. */
  shared: Map<string, Topic[]>;
  /** Similarity of each pair, keyed the same way. */
  similarity: Map<string, number>;
}

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The member × member view: which topics each pair shares and how related they are. */
export async function synergyMatrix(db: Db): Promise<SynergyMatrix> {
  await ensureComputed(db);
  const [members, topics, related] = await Promise.all([
    listProjects(db, { members: true }),
    listTopics(db),
    db.selectFrom('synergy_related').select(['project_id', 'target', 'score']).where('target', 'like', 'p:%').execute(),
  ]);
  const shared = new Map<string, Topic[]>();
  for (const t of topics) {
    for (let i = 0; i < t.projectIds.length; i++) {
      for (let j = i + 1; j < t.projectIds.length; j++) {
        const key = pairKey(t.projectIds[i], t.projectIds[j]);
        shared.set(key, [...(shared.get(key) ?? []), t]);
      }
    }
  }
  // What sets a pair apart leads its cell: a topic nearly every member shares says little about these two.
  for (const list of shared.values()) list.sort((a, b) => a.projectIds.length - b.projectIds.length);
  const similarity = new Map<string, number>();
  for (const r of related) {
    const key = pairKey(r.project_id, Number(r.target.slice(2)));
    similarity.set(key, Math.max(similarity.get(key) ?? 0, r.score));
  }
  return { members, topics, shared, similarity };
}

export interface JoinCandidate {
  key: string;
  acronym: string;
  title: string;
  url: string;
  score: number;
  relatedTo: string[];
  terms: string[];
}

/** Known projects most related to the members as a whole: candidates to invite into the cluster. */
export async function projectsThatCouldJoin(db: Db, limit = 20): Promise<JoinCandidate[]> {
  await ensureComputed(db);
  const [members, rows] = await Promise.all([
    listProjects(db, { members: true }),
    db.selectFrom('synergy_related').selectAll().where('target', 'like', 'c:%').execute(),
  ]);
  const acronyms = new Map(members.map((m) => [m.id, m.acronym]));
  const byTarget = new Map<string, { score: number; relatedTo: string[]; terms: Map<string, number> }>();
  type Entry = { score: number; relatedTo: string[]; terms: Map<string, number> };
  for (const r of rows) {
    const entry: Entry = byTarget.get(r.target) ?? { score: 0, relatedTo: [], terms: new Map<string, number>() };
    entry.score += r.score;
    entry.relatedTo.push(acronyms.get(r.project_id) ?? String(r.project_id));
    for (const t of parseList(r.terms)) entry.terms.set(t, (entry.terms.get(t) ?? 0) + 1);
    byTarget.set(r.target, entry);
  }
  const best = [...byTarget].sort((a, b) => b[1].score - a[1].score).slice(0, limit);
  const described = await describeTargets(db, best.map(([t]) => t));
  return best.flatMap(([target, e]) => {
    const d = described.get(target);
    if (!d) return [];
    const terms = [...e.terms].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t]) => t);
    return [{ key: target, acronym: d.acronym, title: d.title, url: d.url, score: Math.round(e.score * 1000) / 1000, relatedTo: e.relatedTo.sort(), terms }];
  });
}

/** Known projects carrying a topic's term, strongest first (as stored at the last computation). */
export async function knownProjectsOnTopic(db: Db, topic: Topic, limit = 10): Promise<RelatedEntry[]> {
  const keys = topic.knownIds.slice(0, limit).map((id) => `c:${id}`);
  const described = await describeTargets(db, keys);
  return keys.flatMap((k) => {
    const d = described.get(k);
    return d ? [{ ...d, score: 0, terms: [topic.label] }] : [];
  });
}

// ---------------------------------------------------------------- discussion

export interface TopicPost {
  id: number;
  parentId: number | null;
  authorName: string;
  body: string;
  createdAt: string;
  replies: TopicPost[];
}

/** A topic's discussion: top-level posts oldest first, each with its replies. */
export async function topicThread(db: Db, slug: string): Promise<TopicPost[]> {
  const rows = await db.selectFrom('topic_posts').selectAll().where('topic_slug', '=', slug).orderBy('created_at').orderBy('id').execute();
  const posts = new Map<number, TopicPost>();
  for (const r of rows) posts.set(r.id, { id: r.id, parentId: r.parent_id, authorName: r.author_name, body: r.body, createdAt: r.created_at, replies: [] });
  const top: TopicPost[] = [];
  for (const p of posts.values()) {
    const parent = p.parentId !== null ? posts.get(p.parentId) : undefined;
    if (parent) parent.replies.push(p);
    else top.push(p);
  }
  return top;
}

/** Adds a post (or a reply to a top-level post of the same topic); answers false when the parent does not fit. */
export async function addTopicPost(db: Db, input: { slug: string; parentId: number | null; userId: number; authorName: string; body: string }): Promise<number | null> {
  if (input.parentId !== null) {
    const parent = await db.selectFrom('topic_posts').select(['id', 'topic_slug', 'parent_id']).where('id', '=', input.parentId).executeTakeFirst();
    if (!parent || parent.topic_slug !== input.slug || parent.parent_id !== null) return null;
  }
  const { id } = await db
    .insertInto('topic_posts')
    .values({ topic_slug: input.slug, parent_id: input.parentId, user_id: input.userId, author_name: input.authorName, body: input.body, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

// ---------------------------------------------------------------- map

export const VALUE_CHAIN_STAGES = ['exploration-mining', 'processing-refining', 'materials', 'cells', 'recycling', 'second-life'] as const;
export type ValueChainStage = (typeof VALUE_CHAIN_STAGES)[number];
export const STAGE_LABELS: Record<ValueChainStage, string> = {
  'exploration-mining': 'Exploration and mining',
  'processing-refining': 'Processing and refining',
  materials: 'Materials',
  cells: 'Cells',
  recycling: 'Recycling',
  'second-life': 'Second life',
};

const STAGE_PATTERNS: [ValueChainStage, RegExp][] = [
  ['exploration-mining', /\b(mining|mine|exploration|ores?|blasting|geometallurg|brines?|geotherm|deposit|pre-concentration|beneficiation)/i],
  ['processing-refining', /\b(refin|hydrometallurg|pyrometallurg|leach|solvometallurg|extraction|precipitation|processing|electrodeposition|battery-grade)/i],
  ['materials', /\b(cathode|anode|precursor|CAM\b|active material|electrode|synthesis)/i],
  ['cells', /\b(cells?\b|cell manufacturing|gigafactor)/i],
  ['recycling', /\b(recycl|dismantl|black mass|end-of-life|re-synthesis|regenerat)/i],
  ['second-life', /\b(second[- ]life|repurpos|reuse)/i],
];

/** The value-chain stages a project works on, read from its title, tags and technologies. */
export function projectStages(project: Pick<Project, 'title' | 'tags' | 'metals' | 'resources' | 'technologies' | 'summary'>): ValueChainStage[] {
  const text = [project.title, project.summary, ...project.tags, ...project.resources, ...project.technologies].join(' . ');
  return STAGE_PATTERNS.filter(([, re]) => re.test(text)).map(([stage]) => stage);
}

export interface MapFilters {
  project?: string;
  country?: string;
  type?: string;
  stage?: ValueChainStage;
}

export interface MapPoint {
  organisation: string;
  city: string | null;
  country: string | null;
  activityType: string | null;
  lat: number;
  lon: number;
  projects: { acronym: string; slug: string; role: string }[];
  stages: ValueChainStage[];
}

export interface MapData {
  points: MapPoint[];
  /** Organisations per country (ISO 3166-1 alpha-2) among the filtered points. */
  countries: Map<string, number>;
  projects: Project[];
  allCountries: string[];
  allTypes: string[];
  unlocated: number;
}

/** Organisations of member projects, filtered, with their location: the data of /map. */
export async function mapData(db: Db, filters: MapFilters): Promise<MapData> {
  const projects = await listProjects(db, { members: true });
  const partners: Partner[] = await listPartners(db, projects.map((p) => p.id));
  const byId = new Map(projects.map((p) => [p.id, p]));
  const stagesOf = new Map(projects.map((p) => [p.id, projectStages(p)]));
  const byOrganisation = new Map<number, { partner: Partner; links: { project: Project; role: string }[] }>();
  for (const partner of partners) {
    const project = byId.get(partner.projectId);
    if (!project) continue;
    const entry = byOrganisation.get(partner.id) ?? { partner, links: [] };
    entry.links.push({ project, role: partner.role });
    byOrganisation.set(partner.id, entry);
  }
  const all = [...byOrganisation.values()];
  const allCountries = [...new Set(all.map((e) => e.partner.country).filter((c): c is string => !!c))].sort();
  const allTypes = [...new Set(all.map((e) => e.partner.activityType).filter((c): c is string => !!c))].sort();
  const points: MapPoint[] = [];
  let unlocated = 0;
  for (const { partner, links } of all) {
    const stageList = (s: Project): ValueChainStage[] =>
      partner.valueChainStage && (VALUE_CHAIN_STAGES as readonly string[]).includes(partner.valueChainStage) ? [partner.valueChainStage as ValueChainStage] : (stagesOf.get(s.id) ?? []);
    const kept = links.filter((l) => (!filters.project || l.project.slug === filters.project) && (!filters.stage || stageList(l.project).includes(filters.stage)));
    if (!kept.length) continue;
    if (filters.country && partner.country !== filters.country) continue;
    if (filters.type && partner.activityType !== filters.type) continue;
    if (partner.lat === null || partner.lon === null) {
      unlocated++;
      continue;
    }
    points.push({
      organisation: partner.name,
      city: partner.city,
      country: partner.country,
      activityType: partner.activityType,
      lat: partner.lat,
      lon: partner.lon,
      projects: kept.map((l) => ({ acronym: l.project.acronym, slug: l.project.slug, role: l.role })),
      stages: [...new Set(kept.flatMap((l) => stageList(l.project)))],
    });
  }
  const countries = new Map<string, number>();
  for (const p of points) if (p.country) countries.set(p.country, (countries.get(p.country) ?? 0) + 1);
  return { points, countries, projects, allCountries, allTypes, unlocated };
}
