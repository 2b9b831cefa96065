import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { toSlug } from '../../lib/slug.js';
import type { PagesTable } from './tables.js';

export const NAV_PLACEMENTS = ['none', 'main', 'footer'] as const;
export type NavPlacement = (typeof NAV_PLACEMENTS)[number];

export interface StaticPage {
  id: number;
  slug: string;
  path: string;
  parentId: number | null;
  title: string;
  bodyMd: string;
  status: 'draft' | 'published';
  navPlacement: NavPlacement;
  navOrder: number;
  updatedAt: string;
  url: string;
}

function toPage(row: Selectable<PagesTable>): StaticPage {
  return {
    id: row.id,
    slug: row.slug,
    path: row.path,
    parentId: row.parent_id,
    title: row.title,
    bodyMd: row.body_md,
    status: row.status as StaticPage['status'],
    navPlacement: row.nav_placement as NavPlacement,
    navOrder: row.nav_order,
    updatedAt: row.updated_at,
    url: pageUrl(row.path),
  };
}

/**
 * Pages the hub's own navigation and footer have always linked to at the root of the site: these
 * are served there rather than below /pages/, so that the old links keep working without a hop.
 */
export const ROOT_PAGE_PATHS = ['about'] as const;

/** The public address of a page path. */
export function pageUrl(path: string): string {
  return (ROOT_PAGE_PATHS as readonly string[]).includes(path) ? `/${path}` : `/pages/${path}`;
}

export interface PageInput {
  title: string;
  /** Defaults to the title's slug. */
  slug?: string;
  parentId?: number | null;
  bodyMd: string;
  status: 'draft' | 'published';
  navPlacement?: NavPlacement;
  navOrder?: number;
}

export async function findPublishedPage(db: Kysely<Database>, path: string): Promise<StaticPage | null> {
  const row = await db.selectFrom('pages').selectAll().where('path', '=', path).where('status', '=', 'published').executeTakeFirst();
  return row ? toPage(row) : null;
}

/** True when a page, draft or published, has this address. */
export async function pagePathTaken(db: Kysely<Database>, path: string): Promise<boolean> {
  return Boolean(await db.selectFrom('pages').select('id').where('path', '=', path).executeTakeFirst());
}

export async function findPageById(db: Kysely<Database>, id: number): Promise<StaticPage | null> {
  const row = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPage(row) : null;
}

/** Every page, drafts included, in the order of their addresses (a parent before its children). */
export async function listPagesForAdmin(db: Kysely<Database>): Promise<StaticPage[]> {
  return (await db.selectFrom('pages').selectAll().orderBy('path').execute()).map(toPage);
}

/** The published pages directly under a page, for its "In this section" list. */
export async function publishedChildren(db: Kysely<Database>, parentId: number): Promise<StaticPage[]> {
  const rows = await db.selectFrom('pages').selectAll().where('parent_id', '=', parentId).where('status', '=', 'published').orderBy('nav_order').orderBy('title').execute();
  return rows.map(toPage);
}

export interface SiteLink {
  href: string;
  label: string;
}

/** Published pages placed in the main navigation and in the footer, in their order. */
export async function navigationLinks(db: Kysely<Database>): Promise<{ main: SiteLink[]; footer: SiteLink[] }> {
  const rows = await db
    .selectFrom('pages')
    .select(['path', 'title', 'nav_placement'])
    .where('status', '=', 'published')
    .where('nav_placement', 'in', ['main', 'footer'])
    .orderBy('nav_order')
    .orderBy('title')
    .execute();
  const link = (r: (typeof rows)[number]) => ({ href: pageUrl(r.path), label: r.title });
  return { main: rows.filter((r) => r.nav_placement === 'main').map(link), footer: rows.filter((r) => r.nav_placement === 'footer').map(link) };
}

/** A path not used by another page: the wanted one, then -2, -3… on its last segment. */
async function freePath(db: Kysely<Database>, parentPath: string | null, slug: string, exceptId?: number): Promise<{ slug: string; path: string }> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? slug : `${slug}-${n}`;
    const path = parentPath ? `${parentPath}/${candidate}` : candidate;
    let query = db.selectFrom('pages').select('id').where('path', '=', path);
    if (exceptId) query = query.where('id', '!=', exceptId);
    if (!(await query.executeTakeFirst())) return { slug: candidate, path };
  }
}

async function parentPathOf(db: Kysely<Database>, parentId: number | null | undefined): Promise<string | null> {
  if (!parentId) return null;
  const parent = await db.selectFrom('pages').select('path').where('id', '=', parentId).executeTakeFirst();
  return parent?.path ?? null;
}

/** Creates a page at a free address below its parent. */
export async function createPage(db: Kysely<Database>, input: PageInput): Promise<number> {
  const parentPath = await parentPathOf(db, input.parentId);
  const { slug, path } = await freePath(db, parentPath, toSlug(input.slug || input.title));
  const now = nowIso();
  const { id } = await db
    .insertInto('pages')
    .values({
      slug,
      path,
      parent_id: parentPath === null ? null : (input.parentId ?? null),
      title: input.title,
      body_md: input.bodyMd,
      status: input.status,
      nav_placement: input.navPlacement ?? 'none',
      nav_order: input.navOrder ?? 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Ids of a page and everything below it: a page cannot be moved under one of these. */
export async function pageAndDescendantIds(db: Kysely<Database>, id: number): Promise<number[]> {
  const all = await db.selectFrom('pages').select(['id', 'parent_id']).execute();
  const found = [id];
  for (let i = 0; i < found.length; i++) for (const row of all) if (row.parent_id === found[i] && !found.includes(row.id)) found.push(row.id);
  return found;
}

/** Gives a page and, below it, all its descendants the addresses their parents now have. */
async function rebuildPaths(db: Kysely<Database>, id: number): Promise<void> {
  const page = await db.selectFrom('pages').select(['slug', 'parent_id']).where('id', '=', id).executeTakeFirst();
  if (!page) return;
  const { slug, path } = await freePath(db, await parentPathOf(db, page.parent_id), page.slug, id);
  await db.updateTable('pages').set({ slug, path }).where('id', '=', id).execute();
  const children = await db.selectFrom('pages').select('id').where('parent_id', '=', id).execute();
  for (const child of children) await rebuildPaths(db, child.id);
}

/**
 * Saves a page. A new slug or parent moves the page and its children to new addresses; the
 * caller decides whether the old ones redirect.
 */
export async function updatePage(db: Kysely<Database>, id: number, input: PageInput): Promise<void> {
  const current = await findPageById(db, id);
  if (!current) return;
  const parentId = input.parentId && !(await pageAndDescendantIds(db, id)).includes(input.parentId) ? input.parentId : null;
  const slug = toSlug(input.slug || current.slug);
  await db
    .updateTable('pages')
    .set({
      slug,
      parent_id: parentId,
      title: input.title,
      body_md: input.bodyMd,
      status: input.status,
      nav_placement: input.navPlacement ?? current.navPlacement,
      nav_order: input.navOrder ?? current.navOrder,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  if (slug !== current.slug || parentId !== current.parentId) await rebuildPaths(db, id);
}

/** Puts a page under another (the import builds the tree once every page exists); a loop is refused. */
export async function setPageParent(db: Kysely<Database>, id: number, parentId: number | null): Promise<void> {
  const current = await findPageById(db, id);
  if (!current || current.parentId === parentId) return;
  if (parentId && (await pageAndDescendantIds(db, id)).includes(parentId)) return;
  await db.updateTable('pages').set({ parent_id: parentId, updated_at: nowIso() }).where('id', '=', id).execute();
  await rebuildPaths(db, id);
}

/** Deletes a page; its children move up to the top level. */
export async function deletePage(db: Kysely<Database>, id: number): Promise<void> {
  const children = await db.selectFrom('pages').select('id').where('parent_id', '=', id).execute();
  await db.updateTable('pages').set({ parent_id: null }).where('parent_id', '=', id).execute();
  await db.deleteFrom('pages').where('id', '=', id).execute();
  for (const child of children) await rebuildPaths(db, child.id);
}

export async function countPages(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('pages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
