import { type SelectQueryBuilder, sql } from 'kysely';

/** One page of a list, with what a pager needs to draw itself. */
export interface Paged<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Counts what `filtered` matches, then fetches one page of it. `select` adds the columns and the
 * order; the count runs on the filtered query alone so it stays cheap.
 */
export async function fetchPage<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  page: number,
  pageSize: number,
  select: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
): Promise<Paged<Row>> {
  // Kysely cannot infer the selection on a query generic in its tables, hence the cast.
  const counted = (await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()) as { n: number | string };
  const total = Number(counted.n);
  const rows = await select(filtered)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows as Row[], total, page, pageCount: Math.ceil(total / pageSize) };
}

/** The pager of a list whose filter can match nothing, answered without asking the database. */
export function emptyPage(page: number): Omit<Paged<never>, 'rows'> {
  return { total: 0, page, pageCount: 0 };
}
