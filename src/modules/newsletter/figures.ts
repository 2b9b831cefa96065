import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.js';

/**
 * Confirmed subscribers at each of the given instants (UTC ISO), in one pass over the table: confirmed by then and
 * not unsubscribed by then. Never lists an address.
 */
export async function subscribersAt(db: Kysely<Database>, instants: string[]): Promise<number[]> {
  if (!instants.length) return [];
  const columns = instants.map(
    (at, i) => sql`sum(case when confirmed_at <= ${at} and (unsubscribed_at is null or unsubscribed_at > ${at}) then 1 else 0 end) as ${sql.ref(`at${i}`)}`,
  );
  const { rows } = await sql<Record<string, number | string | null>>`select ${sql.join(columns)} from newsletter_subscribers where confirmed_at is not null`.execute(db);
  return instants.map((_at, i) => Number(rows[0]?.[`at${i}`] ?? 0));
}
