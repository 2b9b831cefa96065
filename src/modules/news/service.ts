import type { Kysely, Selectable } from 'kysely';
import { containsAny, nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseList } from '../../lib/json.js';
import { toSlug } from '../../lib/slug.js';
import { findProjectBySlug } from '../directory/service.js';
import { enqueueJob } from '../../lib/jobs.js';
import { indexDocument, removeDocument } from '../search/service.js';
import { newsDocument } from './search.js';
import type { NewsListQuery } from './schema.js';

// The query listNews takes and its JSON Schema: the public list and the API validate the same input.
export { type NewsListQuery, newsListQuery } from './schema.js';
import type { NewsTable } from './tables.js';
import { emptyPage, fetchPage } from '../../db/paging.js';

export interface NewsPost {
  id: number;
  slug: string;
  title: string;
  summary: string;
  bodyMd: string;
  projectId: number | null;
  eventId: number | null;
  imagePath: string | null;
  imageAlt: string | null;
  tags: string[];
  status: string;
  pinned: boolean;
  publishedAt: string | null;
  updatedAt: string;
  url: string;
}

function toPost(row: Selectable<NewsTable>): NewsPost {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    bodyMd: row.body_md,
    projectId: row.project_id,
    eventId: row.event_id,
    imagePath: row.image_path,
    imageAlt: row.image_alt,
    tags: parseList(row.tags),
    status: row.status,
    pinned: row.pinned === 1,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    url: `/news/${row.slug}`,
  };
}

export const NEWS_PAGE_SIZE = 10;

/** Published posts whose publication time has come, newest first. */
function visible(db: Kysely<Database>) {
  return db.selectFrom('news').where('status', '=', 'published').where('published_at', '<=', nowIso());
}

export async function listNews(db: Kysely<Database>, query: NewsListQuery, pageSize = NEWS_PAGE_SIZE) {
  let base = visible(db);
  if (query.project) {
    const project = await findProjectBySlug(db, query.project);
    if (!project) return { posts: [] as NewsPost[], ...emptyPage(query.page) };
    base = base.where('project_id', '=', project.id);
  }
  // Tags are a JSON array: matching the quoted tag matches whole tags only.
  if (query.tag) base = base.where(containsAny(db, ['tags'], JSON.stringify(query.tag)));
  const { rows, ...pager } = await fetchPage(base, query.page, pageSize, (q) => q.selectAll().orderBy('pinned', 'desc').orderBy('published_at', 'desc').orderBy('id', 'desc'));
  return { posts: rows.map(toPost), ...pager };
}

export async function latestNews(db: Kysely<Database>, limit: number): Promise<NewsPost[]> {
  return (await visible(db).selectAll().orderBy('pinned', 'desc').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toPost);
}

/** Posts published in [from, to), oldest first: what a newsletter issue or an alert covers. */
export async function newsPublishedBetween(db: Kysely<Database>, from: string, to: string, limit: number): Promise<NewsPost[]> {
  const rows = await visible(db).selectAll().where('published_at', '>=', from).where('published_at', '<', to).orderBy('published_at').orderBy('id').limit(limit).execute();
  return rows.map(toPost);
}

export async function newsOfProject(db: Kysely<Database>, projectId: number): Promise<NewsPost[]> {
  return (await visible(db).selectAll().where('project_id', '=', projectId).orderBy('published_at', 'desc').execute()).map(toPost);
}

export async function findPublishedNews(db: Kysely<Database>, slug: string): Promise<NewsPost | null> {
  const row = await visible(db).selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toPost(row) : null;
}

export async function findNewsById(db: Kysely<Database>, id: number): Promise<NewsPost | null> {
  const row = await db.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPost(row) : null;
}

/** True when any post, published or not, already uses the slug. */
export async function newsSlugTaken(db: Kysely<Database>, slug: string): Promise<boolean> {
  return Boolean(await db.selectFrom('news').select('id').where('slug', '=', slug).executeTakeFirst());
}

export interface NewsInput {
  title: string;
  slug?: string;
  summary?: string;
  bodyMd: string;
  projectId?: number | null;
  eventId?: number | null;
  imagePath?: string | null;
  imageAlt?: string | null;
  tags?: string[];
  status?: 'draft' | 'published';
  /** Listed before the other posts. */
  pinned?: boolean;
  /** ISO instant; in the future means scheduled. */
  publishedAt?: string | null;
  authorId?: number | null;
}

export async function createNews(db: Kysely<Database>, input: NewsInput): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('news')
    .values({
      slug: input.slug ?? toSlug(input.title),
      title: input.title,
      summary: input.summary ?? '',
      body_md: input.bodyMd,
      project_id: input.projectId ?? null,
      event_id: input.eventId ?? null,
      image_path: input.imagePath ?? null,
      image_alt: input.imageAlt ?? null,
      tags: JSON.stringify(input.tags ?? []),
      status: input.status ?? 'published',
      pinned: input.pinned ? 1 : 0,
      published_at: input.publishedAt ?? (input.status === 'draft' ? null : now),
      author_id: input.authorId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await syncSearchIndex(db, id);
  return id;
}

/** The job that puts a scheduled post in the search index when its publication time comes. */
export const INDEX_SCHEDULED_JOB = 'news.index-scheduled';

/**
 * Keeps the search index in step: a visible post is indexed, anything else taken out; a scheduled
 * post gets a job at its publication time, which calls this again.
 */
export async function syncSearchIndex(db: Kysely<Database>, id: number): Promise<void> {
  const post = await findNewsById(db, id);
  if (post?.status === 'published' && post.publishedAt && post.publishedAt <= nowIso()) return indexDocument(db, newsDocument(post));
  await removeDocument(db, 'news', id);
  if (post?.status === 'published' && post.publishedAt) {
    await enqueueJob(db, INDEX_SCHEDULED_JOB, { id }, { runAt: new Date(post.publishedAt), dedupeKey: `${INDEX_SCHEDULED_JOB}:${id}:${post.publishedAt}` });
  }
}

/** Posts published in a period (UTC instants, end excluded) per project, the hub's own under null; most first. */
export async function newsPerProject(db: Kysely<Database>, period: { start: string; end: string }): Promise<{ projectId: number | null; posts: number }[]> {
  const rows = await db
    .selectFrom('news')
    .select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .where('published_at', '>=', period.start)
    .where('published_at', '<', period.end)
    .groupBy('project_id')
    .orderBy('n', 'desc')
    .execute();
  return rows.map((row) => ({ projectId: row.project_id, posts: Number(row.n) }));
}

export async function countNews(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('news').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A slug not used by another post: the title's slug, then -2, -3… */
async function uniqueSlug(db: Kysely<Database>, title: string, exceptId?: number): Promise<string> {
  const base = toSlug(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    let query = db.selectFrom('news').select('id').where('slug', '=', slug);
    if (exceptId) query = query.where('id', '!=', exceptId);
    if (!(await query.executeTakeFirst())) return slug;
  }
}

/** Creates a post from the back office with a slug that never collides with an existing one. */
export async function createNewsFromEditor(db: Kysely<Database>, input: NewsInput): Promise<number> {
  return createNews(db, { ...input, slug: await uniqueSlug(db, input.title) });
}

/** Saves an edited post; the slug (its address) stays as first published. */
export async function updateNews(db: Kysely<Database>, id: number, input: Omit<NewsInput, 'slug' | 'authorId'>): Promise<void> {
  await db
    .updateTable('news')
    .set({
      title: input.title,
      summary: input.summary ?? '',
      body_md: input.bodyMd,
      project_id: input.projectId ?? null,
      ...(input.imagePath !== undefined ? { image_path: input.imagePath } : {}),
      image_alt: input.imageAlt ?? null,
      tags: JSON.stringify(input.tags ?? []),
      status: input.status ?? 'draft',
      ...(input.pinned !== undefined ? { pinned: input.pinned ? 1 : 0 } : {}),
      published_at: input.publishedAt ?? null,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  await syncSearchIndex(db, id);
}

/** Publishes now, or keeps a future publication time (scheduled). */
export async function publishNews(db: Kysely<Database>, id: number): Promise<void> {
  const post = await findNewsById(db, id);
  if (!post) return;
  const publishedAt = post.publishedAt && post.status === 'published' ? post.publishedAt : nowIso();
  await db.updateTable('news').set({ status: 'published', published_at: publishedAt, updated_at: nowIso() }).where('id', '=', id).execute();
  await syncSearchIndex(db, id);
}

/** Takes a post off the site; it stays as a draft. */
export async function unpublishNews(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('news').set({ status: 'draft', published_at: null, updated_at: nowIso() }).where('id', '=', id).execute();
  await syncSearchIndex(db, id);
}

export async function deleteNews(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('news').where('id', '=', id).execute();
  await syncSearchIndex(db, id);
}

export const ADMIN_NEWS_PAGE_SIZE = 25;

/**
 * Every post (drafts and scheduled included) for the back office. `projectIds` limits an
 * editor to their own projects; undefined means everything (admins).
 */
export async function listNewsForAdmin(db: Kysely<Database>, query: { q?: string; page: number; projectIds?: number[] }) {
  let base = db.selectFrom('news');
  if (query.projectIds) {
    if (!query.projectIds.length) return { posts: [] as NewsPost[], ...emptyPage(query.page) };
    base = base.where('project_id', 'in', query.projectIds);
  }
  if (query.q) base = base.where(containsAny(db, ['title'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_NEWS_PAGE_SIZE, (q) => q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc'));
  return { posts: rows.map(toPost), ...pager };
}

/** draft, published, or scheduled (published with a time still to come). */
export function newsState(post: Pick<NewsPost, 'status' | 'publishedAt'>): 'draft' | 'published' | 'scheduled' {
  if (post.status !== 'published') return 'draft';
  return post.publishedAt && post.publishedAt > nowIso() ? 'scheduled' : 'published';
}

/** Posts waiting for their publication time, soonest first, for the back-office home; `projectIds` as for listNewsForAdmin. */
export async function scheduledNews(db: Kysely<Database>, projectIds?: number[]): Promise<NewsPost[]> {
  if (projectIds && !projectIds.length) return [];
  let query = db.selectFrom('news').selectAll().where('status', '=', 'published').where('published_at', '>', nowIso());
  if (projectIds) query = query.where('project_id', 'in', projectIds);
  return (await query.orderBy('published_at').limit(10).execute()).map(toPost);
}

/** Every public news page and when it last changed, for /sitemap.xml. */
export async function sitemapEntries(db: Kysely<Database>): Promise<{ path: string; lastmod: string }[]> {
  const rows = await visible(db).select(['slug', 'updated_at']).orderBy('slug').execute();
  return rows.map((r) => ({ path: `/news/${r.slug}`, lastmod: r.updated_at }));
}
