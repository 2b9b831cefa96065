/** A registration from the person's first click to its end: registering, changing, cancelling, offers, decisions and check-in. */

import { type Kysely, sql } from 'kysely';
import { isUniqueViolation, nowIso, transactionWithRetry } from '../../db/dialect.js';
import { groupTransaction } from '../../db/group-commit.js';
import type { Database } from '../../db/types.js';
import { Conflict, Invalid } from '../../lib/errors.js';
import type { HubEvent } from '../events/service.js';
import { forgetRecipients } from '../mail/service.js';
import { queueRegistrationMail } from './mail-queue.js';
import { ACTIVE, type MailKind, type Mode, modesOf, normaliseEmail, PLACE_NAMES, type Registration, type RegistrationInput, type RegistrationSettings, type Status } from './model.js';
import { toRegistration } from './rows.js';
import { freeSeat, takeSeat } from './seats.js';
import { getSettings, phaseOf } from './settings.js';
import type { RegistrationsTable } from './tables.js';

type Answers = Pick<RegistrationInput, 'name' | 'organisation' | 'organisationType' | 'country' | 'role' | 'dietary' | 'answers'>;

/** The columns a person fills in themself, as stored. */
function answerColumns(input: Answers) {
  return {
    name: input.name,
    organisation: input.organisation || null,
    organisation_type: input.organisationType || null,
    country: input.country || null,
    role: input.role || null,
    dietary: input.dietary || null,
    answers: JSON.stringify(input.answers),
  };
}

type NewRegistration = Omit<RegistrationsTable, 'id' | 'offer_expires_at' | 'checked_in_at' | 'anonymised_at'>;

/**
 * The rush path's statements (taking a seat, adding the row, queueing its mail) are written as SQL templates: Kysely's
 * builder spends about 15 µs building and compiling each one, four times what the same SQL costs as a template, and
 * in a registration rush that is a tenth of the server's time.
 */
async function insertRegistration(trx: Kysely<Database>, row: NewRegistration): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    insert into registrations
      (event_id, email, email_normalised, name, organisation, organisation_type, country, role, dietary, answers, mode, status, holds_seat, queued_at, consent_at, updated_at, created_at)
    values
      (${row.event_id}, ${row.email}, ${row.email_normalised}, ${row.name}, ${row.organisation}, ${row.organisation_type}, ${row.country}, ${row.role},
       ${row.dietary}, ${row.answers}, ${row.mode}, ${row.status}, ${row.holds_seat}, ${row.queued_at}, ${row.consent_at},
       ${row.updated_at}, ${row.created_at})
    returning id`.execute(trx);
  return Number(rows[0].id);
}

export interface RegisterResult {
  id: number;
  status: Status;
  mode: Mode;
}

const DUPLICATE_MESSAGE =
  'This e-mail address is already registered for this event. Use the link in your confirmation e-mail to change or cancel it, or have it sent again with “Lost your link?” on this page.';

/** Earlier registrations with these statuses make way for a new one with the same address: the person asks again. */
const ENDED_BY_PERSON: Status[] = ['cancelled', 'lapsed'];

/**
 * Registers a person: in one short transaction it takes a seat with a conditional update (or
 * joins the waiting list), inserts the row and schedules the confirmation. The unique index on
 * (event, e-mail) makes a second registration with the same address fail as a whole, seat included;
 * the second attempt then looks at the earlier row: a pre-registration is completed, a cancelled or
 * lapsed one starts again at the end of the queue, anything else is a duplicate.
 */
export async function register(
  db: Kysely<Database>,
  event: HubEvent,
  settings: RegistrationSettings,
  input: RegistrationInput,
  /** Look for an earlier registration to reuse; the unique index sends us back here when one exists. */
  lookForEarlier = settings.preRegistration,
): Promise<RegisterResult> {
  const phase = phaseOf(event, settings);
  if (phase === 'past') throw new Invalid({ _form: 'This event has already taken place.' }, 'This event has already taken place.');
  if (phase !== 'open' && phase !== 'pre-registration') {
    throw new Invalid({ _form: 'Registration for this event is not open.' }, 'Registration for this event is not open.');
  }
  const modes = modesOf(event.format);
  if (!modes.includes(input.mode)) throw new Invalid({ mode: 'Choose one of the ways this event can be attended.' });
  const email = normaliseEmail(input.email);
  try {
    return await groupTransaction(db, async (trx) => {
      const now = nowIso();
      const earlier = lookForEarlier
        ? await trx
            .selectFrom('registrations')
            .select(['id', 'status'])
            .where('event_id', '=', event.id)
            .where('email_normalised', '=', email)
            .executeTakeFirst()
        : undefined;
      const reusable = earlier && (ENDED_BY_PERSON.includes(earlier.status as Status) || (earlier.status === 'interested' && phase === 'open'));
      if (earlier && !reusable) throw new Conflict(DUPLICATE_MESSAGE, { email: DUPLICATE_MESSAGE });
      let mode = input.mode;
      let status: Status = 'interested';
      let holds = false;
      if (phase === 'open') {
        holds = await takeSeat(trx, event.id, mode);
        if (!holds && mode === 'in-person' && input.ifFull === 'online' && modes.includes('online')) {
          holds = await takeSeat(trx, event.id, 'online');
          if (holds) mode = 'online';
        }
        status = holds ? (settings.approvalRequired ? 'pending' : 'confirmed') : 'waitlisted';
      }
      const values = {
        event_id: event.id,
        email: input.email.trim(),
        email_normalised: email,
        ...answerColumns(input),
        mode,
        status,
        holds_seat: holds ? 1 : 0,
        queued_at: status === 'waitlisted' ? now : null,
        consent_at: now,
        updated_at: now,
      };
      let id: number;
      if (earlier) {
        id = earlier.id;
        // Conditional on the status just read: of two tabs re-registering at once, only one takes the row (and a seat).
        const result = await trx
          .updateTable('registrations')
          .set({ ...values, checked_in_at: null, offer_expires_at: null })
          .where('id', '=', id)
          .where('status', '=', earlier.status)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new Conflict(DUPLICATE_MESSAGE, { email: DUPLICATE_MESSAGE });
      } else {
        id = await insertRegistration(trx, { ...values, created_at: now });
      }
      await queueRegistrationMail(trx, id, 'registered');
      return { id, status, mode };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (!lookForEarlier) return register(db, event, settings, input, true);
    throw new Conflict(DUPLICATE_MESSAGE, { email: DUPLICATE_MESSAGE });
  }
}

/** The registration an address holds for an event, if any: for mailing a lost link to that address only. */
export async function findByEmail(db: Kysely<Database>, eventId: number, email: string): Promise<Registration | null> {
  const row = await db
    .selectFrom('registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('email_normalised', '=', normaliseEmail(email))
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  return row ? toRegistration(row) : null;
}

/** One registration by id; callers check the signed link or the organiser's rights first. */
export async function findRegistration(db: Kysely<Database>, id: number): Promise<Registration | null> {
  const row = await db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRegistration(row) : null;
}

async function loadForUpdate(trx: Kysely<Database>, id: number): Promise<Registration> {
  const row = await trx.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new Invalid({ _form: 'This registration no longer exists.' });
  return toRegistration(row);
}

/**
 * Moves a registration to the other mode. A seat in the new pool is taken first; if there is
 * none the move is refused and nothing changes. The old seat, if any, goes to the next person waiting.
 */
export async function switchMode(db: Kysely<Database>, event: HubEvent, id: number, mode: Mode): Promise<Registration> {
  if (!modesOf(event.format).includes(mode)) throw new Invalid({ mode: 'This event cannot be attended that way.' });
  return transactionWithRetry(db, async (trx) => {
    const reg = await loadForUpdate(trx, id);
    if (reg.mode === mode) return reg;
    if (!ACTIVE.includes(reg.status)) throw new Invalid({ mode: 'This registration is no longer active.' });
    const now = nowIso();
    if (reg.status === 'interested') {
      await trx.updateTable('registrations').set({ mode, updated_at: now }).where('id', '=', id).execute();
    } else {
      if (!(await takeSeat(trx, event.id, mode))) {
        throw new Invalid({ mode: `There are no ${PLACE_NAMES[mode]}s left.` });
      }
      const settings = await getSettings(trx, event.id);
      const status: Status = reg.status === 'pending' || (reg.status === 'waitlisted' && settings?.approvalRequired) ? 'pending' : 'confirmed';
      await trx
        .updateTable('registrations')
        .set({ mode, status, holds_seat: 1, queued_at: null, offer_expires_at: null, updated_at: now })
        .where('id', '=', id)
        .execute();
      if (reg.holdsSeat) await freeSeat(trx, event.id, reg.mode);
      await queueRegistrationMail(trx, id, 'changed');
    }
    return loadForUpdate(trx, id);
  });
}

/** Leaves a seat or the waiting list; `nextStatus` says why (cancelled, declined, lapsed). */
async function endRegistration(trx: Kysely<Database>, reg: Registration, nextStatus: Status, mail: MailKind | null): Promise<void> {
  await trx
    .updateTable('registrations')
    .set({ status: nextStatus, holds_seat: 0, queued_at: null, offer_expires_at: null, updated_at: nowIso() })
    .where('id', '=', reg.id)
    .execute();
  if (reg.holdsSeat) await freeSeat(trx, reg.eventId, reg.mode);
  if (mail) await queueRegistrationMail(trx, reg.id, mail);
}

/** Cancels by the person themself; their seat passes to the next person waiting. */
export async function cancelRegistration(db: Kysely<Database>, id: number): Promise<void> {
  await transactionWithRetry(db, async (trx) => {
    const reg = await loadForUpdate(trx, id);
    if (!ACTIVE.includes(reg.status)) return;
    await endRegistration(trx, reg, 'cancelled', 'cancelled');
  });
}

/** Deletes the registration and everything personal in it, on the person's request. */
export async function deleteRegistration(db: Kysely<Database>, id: number): Promise<void> {
  await transactionWithRetry(db, async (trx) => {
    const reg = await loadForUpdate(trx, id);
    if (reg.holdsSeat) await freeSeat(trx, reg.eventId, reg.mode);
    await trx.deleteFrom('registrations').where('id', '=', id).execute();
    await forgetRecipients(trx, [reg.email]);
  });
}

/** Updates the person's answers (name, organisation, questions); the e-mail stays, it is their identity here. */
export async function updateAnswers(
  db: Kysely<Database>,
  id: number,
  input: Answers,
): Promise<void> {
  await db
    .updateTable('registrations')
    .set({ ...answerColumns(input), updated_at: nowIso() })
    .where('id', '=', id)
    .where('anonymised_at', 'is', null)
    .execute();
}

/** Accepts or declines an offered seat; an offer past its time can no longer be accepted. */
export async function answerOffer(db: Kysely<Database>, id: number, accept: boolean): Promise<Status> {
  return transactionWithRetry(db, async (trx) => {
    const reg = await loadForUpdate(trx, id);
    if (reg.status !== 'offered') throw new Invalid({ _form: 'There is no open offer for this registration.' });
    if (accept && reg.offerExpiresAt && reg.offerExpiresAt < nowIso()) throw new Invalid({ _form: 'This offer has expired.' });
    if (!accept) {
      await endRegistration(trx, reg, 'lapsed', null);
      return 'lapsed';
    }
    const settings = await getSettings(trx, reg.eventId);
    const status: Status = settings?.approvalRequired ? 'pending' : 'confirmed';
    await trx.updateTable('registrations').set({ status, offer_expires_at: null, updated_at: nowIso() }).where('id', '=', id).execute();
    await queueRegistrationMail(trx, id, 'registered');
    return status;
  });
}

/** Job: an offer nobody answered in time passes to the next person in line. */
export async function expireOffer(db: Kysely<Database>, id: number): Promise<boolean> {
  return transactionWithRetry(db, async (trx) => {
    const row = await trx.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status !== 'offered' || !row.offer_expires_at || row.offer_expires_at > nowIso()) return false;
    await endRegistration(trx, toRegistration(row), 'lapsed', 'lapsed');
    return true;
  });
}

/** Approves (confirms) or declines a registration waiting for approval. */
export async function decide(db: Kysely<Database>, id: number, approve: boolean): Promise<void> {
  await transactionWithRetry(db, async (trx) => {
    const reg = await loadForUpdate(trx, id);
    if (reg.status !== 'pending' && !(reg.status === 'confirmed' && !approve)) throw new Invalid({ _form: 'Only registrations awaiting approval can be decided.' });
    if (approve) {
      await trx.updateTable('registrations').set({ status: 'confirmed', updated_at: nowIso() }).where('id', '=', id).execute();
      await queueRegistrationMail(trx, id, 'approved');
    } else {
      await endRegistration(trx, reg, 'declined', 'declined');
    }
  });
}

/** Why a check-in was refused, or 'ok'; the door screen says each in words. */
export type CheckInOutcome = 'ok' | 'not-confirmed' | 'online';

/**
 * Marks a person as present at the door (or undoes it). Check-in is for the room: only a confirmed in-person
 * registration can be checked in; the update is conditional, so a registration cancelled a moment ago is refused.
 */
export async function setCheckedIn(db: Kysely<Database>, eventId: number, id: number, present: boolean): Promise<CheckInOutcome> {
  const result = await db
    .updateTable('registrations')
    .set({ checked_in_at: present ? nowIso() : null, updated_at: nowIso() })
    .where('id', '=', id)
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .where('mode', '=', 'in-person')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'ok';
  const row = await db.selectFrom('registrations').select(['status', 'mode']).where('id', '=', id).executeTakeFirst();
  return row?.status === 'confirmed' && row.mode === 'online' ? 'online' : 'not-confirmed';
}
