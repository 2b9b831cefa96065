import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseList } from '../../lib/json.js';
import { toSlug } from '../../lib/slug.js';
import { findProjectBySlug } from '../directory/service.js';
import { indexDocument } from '../search/service.js';
import { newsDocument } from '../search/sources.js';
import type { NewsListQuery } from './schema.js';
import type { NewsTable } from './tables.js';

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
    if (!project) return { posts: [] as NewsPost[], total: 0, page: query.page, pageCount: 0 };
    base = base.where('project_id', '=', project.id);
  }
  if (query.tag) base = base.where('tags', 'like', `%${JSON.stringify(query.tag).replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((query.page - 1) * pageSize).execute();
  return { posts: rows.map(toPost), total: Number(n), page: query.page, pageCount: Math.ceil(Number(n) / pageSize) };
}

export async function latestNews(db: Kysely<Database>, limit: number): Promise<NewsPost[]> {
  return (await visible(db).selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toPost);
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
      published_at: input.publishedAt ?? (input.status === 'draft' ? null : now),
      author_id: input.authorId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const post = await findNewsById(db, id);
  if (post?.status === 'published' && post.publishedAt && post.publishedAt <= nowIso()) await indexDocument(db, newsDocument(post));
  return id;
}

export async function countNews(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('news').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
