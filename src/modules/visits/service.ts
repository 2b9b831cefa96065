/**
 * Page views per page and day: written in batches by the visits plugin, read as totals by the report. Nothing here
 * knows who read a page.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.js';

type Db = Kysely<Database>;

export interface DailyViews {
  day: string;
  path: string;
  views: number;
}

/** Rows per INSERT: well under either engine's limit on bound parameters. */
const BATCH = 300;

/** Adds daily counts to the stored ones (several instances each add their own). */
export async function addPageViews(db: Db, rows: DailyViews[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('page_views')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['day', 'path']).doUpdateSet({ views: sql<number>`page_views.views + excluded.views` }))
      .execute();
  }
}

/** Days are YYYY-MM-DD, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** The most read pages of a period, most read first. */
export async function mostReadPages(db: Db, range: DayRange, limit = 10): Promise<{ path: string; views: number }[]> {
  const rows = await db
    .selectFrom('page_views')
    .select(['path', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('path')
    .orderBy('views', 'desc')
    .orderBy('path')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ path: row.path, views: Number(row.views) }));
}

/** Page views of a period, all pages together. */
export async function totalPageViews(db: Db, range: DayRange): Promise<number> {
  const row = await db
    .selectFrom('page_views')
    .select((eb) => eb.fn.sum<number>('views').as('views'))
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .executeTakeFirst();
  return Number(row?.views ?? 0);
}
