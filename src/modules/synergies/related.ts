/**
 * Related projects as the pages show them: a member's list, the member × member matrix and the known projects that
 * could join the cluster.
 */
import type { Kysely } from 'kysely';
import { inBatches } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseList } from '../../lib/json.js';
import { findProjectsByIds, listProjects, type Project } from '../directory/service.js';
import { ensureComputed } from './compute.js';
import { listTopics, type Topic } from './topics.js';

type Db = Kysely<Database>;

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
