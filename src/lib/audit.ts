import type { Kysely } from 'kysely';
import { nowIso } from '../db/dialect.js';
import type { Database } from '../db/types.js';
import type { Actor } from './policy.js';

// Every back office records its changes here; the accounts module owns the table and shows the log.

/** Records who changed what, for the back office's audit log. */
export async function audit(
  db: Kysely<Database>,
  entry: { actor: Pick<Actor, 'id'> | null; action: string; subjectType: string; subjectId?: string | number | null; detail?: string },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.actor?.id ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      detail: entry.detail ?? '',
      created_at: nowIso(),
    })
    .execute();
}
