import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.js';

/** Counts a download in the running total and in the day's count; atomic increments, so concurrent downloads are all counted. */
export async function recordDownload(db: Kysely<Database>, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documents').set((eb) => ({ download_count: eb('download_count', '+', 1) })).where('id', '=', id).execute();
    await trx
      .insertInto('document_download_days')
      .values({ day: new Date().toISOString().slice(0, 10), document_id: id, downloads: 1 })
      .onConflict((oc) => oc.columns(['day', 'document_id']).doUpdateSet({ downloads: sql<number>`document_download_days.downloads + 1` }))
      .execute();
  });
}

/** Downloads in a period (UTC days, both ends included) and the most downloaded documents, most first. */
export async function downloadFigures(db: Kysely<Database>, range: { from: string; to: string }, top = 10): Promise<{ total: number; documents: { title: string; downloads: number }[] }> {
  const inRange = db.selectFrom('document_download_days').where('day', '>=', range.from).where('day', '<=', range.to);
  const [total, documents] = await Promise.all([
    inRange.select((eb) => eb.fn.sum<number>('downloads').as('n')).executeTakeFirst(),
    inRange
      .innerJoin('documents', 'documents.id', 'document_download_days.document_id')
      .select(['documents.id', 'documents.title', (eb) => eb.fn.sum<number>('document_download_days.downloads').as('n')])
      .groupBy(['documents.id', 'documents.title'])
      .orderBy('n', 'desc')
      .orderBy('documents.title')
      .limit(top)
      .execute(),
  ]);
  return { total: Number(total?.n ?? 0), documents: documents.map((row) => ({ title: row.title, downloads: Number(row.n) })) };
}
