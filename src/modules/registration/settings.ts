import type { Kysely } from 'kysely';
import { nowIso, transactionWithRetry } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { enqueueJob } from '../../lib/jobs.js';
import type { HubEvent } from '../events/service.js';
import { JOBS, modesOf, type RegistrationSettings, type SettingsInput } from './model.js';
import { toSettings } from './rows.js';
import { offerNext } from './seats.js';
import { preparedQuery } from '../../db/prepared.js';

/** An event's registration settings; null when the event does not take registrations through the hub. */
// Read on every view of an event page (its registration box): built once (see preparedQuery).
const settingsQuery = preparedQuery((db, eventId: number) => db.selectFrom('registration_settings').selectAll().where('event_id', '=', eventId));

export async function getSettings(db: Kysely<Database>, eventId: number): Promise<RegistrationSettings | null> {
  const [row] = await settingsQuery(db, eventId);
  return row ? toSettings(row) : null;
}

export type Phase = 'none' | 'not-yet' | 'pre-registration' | 'open' | 'closed' | 'past';

/** Where registration stands right now; registration closes when the event ends unless set earlier. */
export function phaseOf(event: Pick<HubEvent, 'endsAt'>, settings: RegistrationSettings | null, now = nowIso()): Phase {
  if (!settings) return 'none';
  if (now >= event.endsAt) return 'past';
  if (settings.opensAt && now < settings.opensAt) return settings.preRegistration ? 'pre-registration' : 'not-yet';
  if (now >= (settings.closesAt ?? event.endsAt)) return 'closed';
  return 'open';
}

/**
 * Saves an event's registration settings, creates or resizes its capacity pools (keeping the
 * seats already taken), schedules reminders, the pre-registration invitation and the retention
 * purge, and offers any seats a larger capacity freed to the waiting list.
 */
export async function saveSettings(db: Kysely<Database>, event: HubEvent, input: SettingsInput): Promise<void> {
  await transactionWithRetry(db, async (trx) => {
    const now = nowIso();
    const columns = {
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      pre_registration: input.preRegistration ? 1 : 0,
      in_person_capacity: input.inPersonCapacity,
      online_capacity: input.onlineCapacity,
      approval_required: input.approvalRequired ? 1 : 0,
      questions: JSON.stringify(input.questions),
      privacy_notice: input.privacyNotice,
      consent_text: input.consentText,
      retention_days: input.retentionDays,
      offer_hours: input.offerHours,
      reminder_hours: JSON.stringify(input.reminderHours),
      updated_at: now,
    };
    await trx
      .insertInto('registration_settings')
      .values({ event_id: event.id, created_at: now, ...columns })
      .onConflict((oc) => oc.column('event_id').doUpdateSet(columns))
      .execute();
    for (const mode of modesOf(event.format)) {
      const capacity = mode === 'in-person' ? input.inPersonCapacity : input.onlineCapacity;
      await trx
        .insertInto('registration_pools')
        .values({ event_id: event.id, mode, capacity, taken: 0 })
        .onConflict((oc) => oc.columns(['event_id', 'mode']).doUpdateSet({ capacity }))
        .execute();
      while (await offerNext(trx, event.id, mode, input.offerHours)) {
        // each pass hands one newly available seat to the next person waiting
      }
    }
    const start = new Date(event.startsAt).getTime();
    for (const hours of input.reminderHours) {
      const runAt = new Date(start - hours * 3_600_000);
      if (runAt.getTime() > Date.now()) {
        await enqueueJob(trx, JOBS.reminders, { eventId: event.id, hours, startsAt: event.startsAt }, { runAt, dedupeKey: `${JOBS.reminders}:${event.id}:${event.startsAt}:${hours}` });
      }
    }
    if (input.preRegistration && input.opensAt) {
      await enqueueJob(trx, JOBS.invite, { eventId: event.id }, { runAt: new Date(input.opensAt), dedupeKey: `${JOBS.invite}:${event.id}:${input.opensAt}` });
    }
    const purgeAt = new Date(new Date(event.endsAt).getTime() + input.retentionDays * 86_400_000);
    await enqueueJob(trx, JOBS.purge, {}, { runAt: purgeAt, dedupeKey: `${JOBS.purge}:${purgeAt.toISOString()}` });
  });
}
