import type { Kysely, Selectable } from 'kysely';
import { containsAny, nowIso } from '../../db/dialect.js';
import { fetchPage } from '../../db/paging.js';
import type { Database } from '../../db/types.js';
import type { RedirectsTable } from './tables.js';

export interface Redirect {
  id: number;
  fromPath: string;
  toPath: string;
  origin: 'manual' | 'wordpress';
  updatedAt: string;
}

function toRedirect(row: Selectable<RedirectsTable>): Redirect {
  return { id: row.id, fromPath: row.from_path, toPath: row.to_path, origin: row.origin as Redirect['origin'], updatedAt: row.updated_at };
}

/**
 * WordPress addresses that live in the query string of the site's root ("/?p=123",
 * "/?page_id=7", "/?cat=4"); any other query is ignored when matching an old address.
 */
const WORDPRESS_QUERY_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'feed'];

/**
 * The form an old address is stored and looked up in: decoded, lower-case, without a trailing
 * slash, without the query, except WordPress's own query links on the root ("/?p=123").
 * Returns null for anything that is not a local path.
 */
export function normaliseOldAddress(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address, 'http://old.invalid');
  } catch {
    return null;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = url.pathname;
  }
  pathname = pathname.toLowerCase().replace(/\/+$/, '') || '/';
  if (pathname === '/' || pathname === '/index.php') {
    for (const key of WORDPRESS_QUERY_KEYS) {
      const value = url.searchParams.get(key);
      if (value && /^[\w-]{1,200}$/.test(value)) return `/?${key}=${value.toLowerCase()}`;
    }
    return '/';
  }
  return pathname;
}

/** True for a local address a visitor may be sent to: one leading slash, no scheme, no host. */
export function isLocalTarget(path: string): boolean {
  return /^\/(?![/\\])[^\s<>"]*$/.test(path);
}

/** A hand-made redirect may also lead to another site, over http(s) only. */
export function isRedirectTarget(target: string): boolean {
  return isLocalTarget(target) || /^https?:\/\/[^\s<>"/]+(\/[^\s<>"]*)?$/i.test(target);
}

/** The new address of an old one, or null. */
export async function findRedirectTarget(db: Kysely<Database>, address: string): Promise<string | null> {
  const from = normaliseOldAddress(address);
  if (!from || from === '/') return null;
  const row = await db.selectFrom('redirects').select('to_path').where('from_path', '=', from).executeTakeFirst();
  return row?.to_path ?? null;
}

/**
 * Makes an old address answer with the new one. A redirect made by hand is never overwritten by
 * an import: the editor's choice wins. Returns false when the address was left as it was.
 */
export async function saveImportedRedirect(db: Kysely<Database>, fromAddress: string, toPath: string): Promise<boolean> {
  const from = normaliseOldAddress(fromAddress);
  if (!from || from === '/' || !isLocalTarget(toPath) || normaliseOldAddress(toPath) === from) return false;
  const now = nowIso();
  const existing = await db.selectFrom('redirects').select(['id', 'origin', 'to_path']).where('from_path', '=', from).executeTakeFirst();
  if (existing) {
    if (existing.origin !== 'wordpress' || existing.to_path === toPath) return false;
    await db.updateTable('redirects').set({ to_path: toPath, updated_at: now }).where('id', '=', existing.id).execute();
    return true;
  }
  await db.insertInto('redirects').values({ from_path: from, to_path: toPath, origin: 'wordpress', created_at: now, updated_at: now }).execute();
  return true;
}

/** Keeps the old address of a page that moved (new slug or parent) leading to its new one. */
export async function saveRedirectForMovedPage(db: Kysely<Database>, fromPath: string, toPath: string): Promise<void> {
  const from = normaliseOldAddress(fromPath);
  if (!from || from === '/') return;
  const existing = await redirectIdFor(db, from);
  if (existing) await updateRedirect(db, existing, { fromPath: from, toPath });
  else await createRedirect(db, { fromPath: from, toPath });
}

export const ADMIN_REDIRECTS_PAGE_SIZE = 50;

export async function listRedirects(db: Kysely<Database>, query: { q?: string; page: number }) {
  let base = db.selectFrom('redirects');
  if (query.q) base = base.where(containsAny(db, ['from_path', 'to_path'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_REDIRECTS_PAGE_SIZE, (q) => q.selectAll().orderBy('from_path'));
  return { redirects: rows.map(toRedirect), ...pager };
}

export async function findRedirect(db: Kysely<Database>, id: number): Promise<Redirect | null> {
  const row = await db.selectFrom('redirects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRedirect(row) : null;
}

/** The id of the redirect that already answers this (normalised) old address, if any. */
export async function redirectIdFor(db: Kysely<Database>, fromPath: string): Promise<number | null> {
  const row = await db.selectFrom('redirects').select('id').where('from_path', '=', fromPath).executeTakeFirst();
  return row?.id ?? null;
}

/** A redirect made by hand; `fromPath` must already be normalised (the form schema does it). */
export async function createRedirect(db: Kysely<Database>, input: { fromPath: string; toPath: string }): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('redirects')
    .values({ from_path: input.fromPath, to_path: input.toPath, origin: 'manual', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changing a redirect by hand makes it the editor's: later imports leave it alone. */
export async function updateRedirect(db: Kysely<Database>, id: number, input: { fromPath: string; toPath: string }): Promise<void> {
  await db.updateTable('redirects').set({ from_path: input.fromPath, to_path: input.toPath, origin: 'manual', updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function deleteRedirect(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('redirects').where('id', '=', id).execute();
}

export async function countRedirects(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('redirects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
