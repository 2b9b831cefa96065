import { type Kysely, sql } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { eventEnds } from '../events/service.js';
import { forgetRecipients } from '../mail/service.js';

/**
 * Anonymises the registrations of every event whose retention period has run out: names,
 * e-mails and answers go, the mode, status, organisation and country stay for the aggregate figures.
 */
export async function purgeExpired(db: Kysely<Database>, now = new Date()): Promise<number> {
  const settings = await db.selectFrom('registration_settings').select(['event_id as id', 'retention_days']).execute();
  const ends = await eventEnds(db, settings.map((e) => e.id));
  let count = 0;
  for (const e of settings) {
    const endsAt = ends.get(e.id);
    if (!endsAt || new Date(endsAt).getTime() + e.retention_days * 86_400_000 > now.getTime()) continue;
    const people = await db.selectFrom('registrations').select('email').where('event_id', '=', e.id).where('anonymised_at', 'is', null).execute();
    await forgetRecipients(
      db,
      people.map((p) => p.email),
    );
    const result = await db
      .updateTable('registrations')
      .set((eb) => ({
        name: 'Anonymised',
        email: sql<string>`${sql.lit('anonymised-')} || ${eb.ref('id')}`,
        email_normalised: sql<string>`${sql.lit('anonymised-')} || ${eb.ref('id')}`,
        role: null,
        dietary: null,
        answers: '{}',
        anonymised_at: nowIso(),
        updated_at: nowIso(),
      }))
      .where('event_id', '=', e.id)
      .where('anonymised_at', 'is', null)
      .executeTakeFirst();
    count += Number(result.numUpdatedRows);
  }
  return count;
}
