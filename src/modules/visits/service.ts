/**
 * Page views per page and day (and per month beside them): written in batches by the visits plugin, read as totals
 * by the report. Nothing here knows who read a page.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.js';
import { type DayRange, splitByMonths } from './months.js';

export type { DayRange } from './months.js';

type Db = Kysely<Database>;

export interface DailyViews {
  day: string;
  path: string;
  views: number;
}

/** Rows per INSERT: well under either engine's limit on bound parameters. */
const BATCH = 300;

/** Adds daily counts to the stored ones, days and months alike (several instances each add their own). */
export async function addPageViews(db: Db, rows: DailyViews[]): Promise<void> {
  const months = new Map<string, { month: string; path: string; views: number }>();
  for (const row of rows) {
    const key = `${row.day.slice(0, 7)} ${row.path}`;
    const month = months.get(key) ?? { month: row.day.slice(0, 7), path: row.path, views: 0 };
    month.views += row.views;
    months.set(key, month);
  }
  const monthRows = [...months.values()];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('page_views')
        .values(rows.slice(i, i + BATCH))
        .onConflict((oc) => oc.columns(['day', 'path']).doUpdateSet({ views: sql<number>`page_views.views + excluded.views` }))
        .execute();
    }
    for (let i = 0; i < monthRows.length; i += BATCH) {
      await trx
        .insertInto('page_view_months')
        .values(monthRows.slice(i, i + BATCH))
        .onConflict((oc) => oc.columns(['month', 'path']).doUpdateSet({ views: sql<number>`page_view_months.views + excluded.views` }))
        .execute();
    }
  });
}

/** The (path, views) rows of a period: whole months from the monthly totals, the loose days from the daily counts. */
function viewsIn(db: Db, range: DayRange) {
  const { months, days } = splitByMonths(range);
  const parts = days.map((d) => sql`select path, views from page_views where day >= ${d.from} and day <= ${d.to}`);
  if (months) parts.push(sql`select path, views from page_view_months where month >= ${months.from} and month <= ${months.to}`);
  return sql.join(parts, sql` union all `);
}

/** The most read pages of a period, most read first. */
export async function mostReadPages(db: Db, range: DayRange, limit = 10): Promise<{ path: string; views: number }[]> {
  const { rows } = await sql<{ path: string; views: number | string }>`
    select path, sum(views) as views from (${viewsIn(db, range)}) as v group by path order by sum(views) desc, path limit ${limit}`.execute(db);
  return rows.map((row) => ({ path: row.path, views: Number(row.views) }));
}

/** Page views of a period, all pages together. */
export async function totalPageViews(db: Db, range: DayRange): Promise<number> {
  const { rows } = await sql<{ views: number | string | null }>`select sum(views) as views from (${viewsIn(db, range)}) as v`.execute(db);
  return Number(rows[0]?.views ?? 0);
}
