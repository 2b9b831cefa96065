import type { Kysely } from 'kysely';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import { clearIndex, indexDocument, type SearchDocumentInput, type SearchSource } from './service.js';

/**
 * Rebuilds the whole search index from every module's source (SEARCH_SOURCES, from the manifests): after a seed and
 * by `cluster-hub reindex`; otherwise modules keep it current with indexDocument() as content changes.
 */
export async function reindexAll(db: Kysely<Database>, sources: SearchSource[]): Promise<number> {
  const entries: SearchDocumentInput[] = [];
  for (const source of sources) entries.push(...(await source.entries(db)));
  await withTransaction(db, async (trx) => {
    await clearIndex(trx);
    for (const entry of entries) await indexDocument(trx, entry);
  });
  return entries.length;
}

/**
 * What `start` runs. Modules keep the index current as content changes, so it is built in full only
 * when it is empty: a new database, or one whose index a migration emptied to have it rebuilt.
 * Returns the number of entries indexed (0 when the index was left as it is).
 */
export async function ensureSearchIndex(db: Kysely<Database>, sources: SearchSource[]): Promise<number> {
  const indexed = await db.selectFrom('search_documents').select('id').limit(1).executeTakeFirst();
  return indexed ? 0 : reindexAll(db, sources);
}
