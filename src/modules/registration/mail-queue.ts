import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { enqueueJob } from '../../lib/jobs.js';
import { JOBS, type MailKind } from './model.js';

/** Schedules a registration mail; the job renders it later so the request only writes rows. */
export async function queueRegistrationMail(db: Kysely<Database>, id: number, kind: MailKind, dedupeKey?: string): Promise<void> {
  await enqueueJob(db, JOBS.mail, { id, kind }, dedupeKey ? { dedupeKey } : {});
}
