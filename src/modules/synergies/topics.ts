/**
 * Topics the members share, as stored at the last computation, and each topic's discussion.
 */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseJsonOr } from '../../lib/json.js';
import { ensureComputed } from './compute.js';

type Db = Kysely<Database>;

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
  return { slug: r.slug, label: r.label, termKey: r.term_key, score: r.score, projectIds: parseJsonOr<number[]>(r.project_ids, []), knownIds: parseJsonOr<string[]>(r.known_ids, []) };
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
