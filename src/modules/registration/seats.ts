/** Seat pools and the waiting list: every seat is taken or given back with one conditional update. */

import { type Kysely, sql } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { enqueueJob } from '../../lib/jobs.js';
import { JOBS, type Mode } from './model.js';
import { queueRegistrationMail } from './mail-queue.js';

/** Takes one seat if the pool has one: a single conditional update, never read-then-write. */
export async function takeSeat(trx: Kysely<Database>, eventId: number, mode: Mode): Promise<boolean> {
  const result = await sql`
    update registration_pools set taken = taken + 1
    where event_id = ${eventId} and mode = ${mode} and (capacity is null or taken < capacity)`.execute(trx);
  return Number(result.numAffectedRows) > 0;
}

async function releaseSeat(trx: Kysely<Database>, eventId: number, mode: Mode): Promise<void> {
  await trx
    .updateTable('registration_pools')
    .set((eb) => ({ taken: eb('taken', '-', 1) }))
    .where('event_id', '=', eventId)
    .where('mode', '=', mode)
    .where('taken', '>', 0)
    .execute();
}

async function offerHoursOf(trx: Kysely<Database>, eventId: number): Promise<number> {
  const row = await trx.selectFrom('registration_settings').select('offer_hours').where('event_id', '=', eventId).executeTakeFirst();
  return row?.offer_hours ?? 48;
}

/**
 * Offers a free seat of the pool to the first person waiting, in strict arrival order.
 * The seat is taken first (locking the pool row on PostgreSQL), so two transactions freeing
 * seats at once can never offer the same person or the same seat. Returns false when there
 * is no seat or nobody waiting.
 */
export async function offerNext(trx: Kysely<Database>, eventId: number, mode: Mode, offerHours?: number): Promise<boolean> {
  const firstWaiting = () =>
    trx
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', eventId)
      .where('mode', '=', mode)
      .where('status', '=', 'waitlisted')
      .orderBy('queued_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  if (!(await firstWaiting())) return false;
  if (!(await takeSeat(trx, eventId, mode))) return false;
  // Read again under the pool lock: the person first in line may have changed since the look above.
  const first = await firstWaiting();
  if (!first) {
    await releaseSeat(trx, eventId, mode);
    return false;
  }
  const hours = offerHours ?? (await offerHoursOf(trx, eventId));
  const expires = new Date(Date.now() + hours * 3_600_000).toISOString();
  await trx
    .updateTable('registrations')
    .set({ status: 'offered', holds_seat: 1, offer_expires_at: expires, updated_at: nowIso() })
    .where('id', '=', first.id)
    .execute();
  await queueRegistrationMail(trx, first.id, 'offer');
  await enqueueJob(trx, JOBS.offerExpiry, { id: first.id }, { runAt: new Date(expires), dedupeKey: `${JOBS.offerExpiry}:${first.id}:${expires}` });
  return true;
}

/** Gives a held seat back and hands it to the next person waiting, if any. */
export async function freeSeat(trx: Kysely<Database>, eventId: number, mode: Mode): Promise<void> {
  await releaseSeat(trx, eventId, mode);
  await offerNext(trx, eventId, mode);
}
