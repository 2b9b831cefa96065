import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { containsAny, isUniqueViolation, nowIso, transactionWithRetry } from '../../db/dialect.js';
import { groupTransaction } from '../../db/group-commit.js';
import type { Database } from '../../db/types.js';
import { Conflict, Invalid } from '../../lib/errors.js';
import { enqueueJob } from '../../lib/jobs.js';
import type { HubEvent } from '../events/service.js';
import type { RegistrationSettingsTable, RegistrationsTable } from './tables.js';
import { forgetRecipients } from '../mail/service.js';
import { fetchPage } from '../../db/paging.js';

export const MODES = ['in-person', 'online'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_LABELS: Record<Mode, string> = { 'in-person': 'In person', online: 'Online' };
/** The place itself, as a sentence names it: "your in-person place", "no online places left". */
export const PLACE_NAMES: Record<Mode, string> = { 'in-person': 'in-person place', online: 'online place' };

export const STATUSES = ['interested', 'pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'lapsed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  interested: 'Pre-registered (interest)',
  pending: 'Awaiting approval',
  confirmed: 'Confirmed',
  waitlisted: 'On the waiting list',
  offered: 'Place offered',
  declined: 'Declined by the organisers',
  lapsed: 'Offer expired or declined',
  cancelled: 'Cancelled',
};

/** Job kinds of this module. */
export const JOBS = {
  mail: 'registration.mail',
  offerExpiry: 'registration.offer-expiry',
  reminders: 'registration.reminders',
  invite: 'registration.invite-interested',
  purge: 'registration.purge',
} as const;

/** Why a registration mail is sent; the mail job renders the message from the registration's state at sending time. */
export type MailKind = 'registered' | 'approved' | 'declined' | 'offer' | 'lapsed' | 'changed' | 'cancelled' | 'reminder' | 'invite' | 'link';

export interface Questions {
  organisation: boolean;
  country: boolean;
  role: boolean;
  dietary: boolean;
  /** Custom questions, answered in free text. */
  custom: string[];
}

export interface RegistrationSettings {
  eventId: number;
  opensAt: string | null;
  closesAt: string | null;
  preRegistration: boolean;
  inPersonCapacity: number | null;
  onlineCapacity: number | null;
  approvalRequired: boolean;
  questions: Questions;
  privacyNotice: string;
  consentText: string;
  retentionDays: number;
  offerHours: number;
  reminderHours: number[];
}

export type SettingsInput = Omit<RegistrationSettings, 'eventId'>;

export interface Registration {
  id: number;
  eventId: number;
  email: string;
  name: string;
  organisation: string | null;
  country: string | null;
  role: string | null;
  dietary: string | null;
  answers: Record<string, string>;
  mode: Mode;
  status: Status;
  holdsSeat: boolean;
  queuedAt: string | null;
  offerExpiresAt: string | null;
  checkedInAt: string | null;
  consentAt: string | null;
  anonymised: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationInput {
  name: string;
  email: string;
  organisation?: string | null;
  country?: string | null;
  role?: string | null;
  dietary?: string | null;
  answers: Record<string, string>;
  mode: Mode;
  /** What to do when the chosen mode is full: wait for a place, or take an online place instead. */
  ifFull: 'waitlist' | 'online';
}

export const DEFAULT_QUESTIONS: Questions = { organisation: true, country: true, role: false, dietary: false, custom: [] };

function parseJson<T>(text: string, fallback: T): T {
  try {
    return { ...fallback, ...JSON.parse(text) } as T;
  } catch {
    return fallback;
  }
}

function toSettings(row: Selectable<RegistrationSettingsTable>): RegistrationSettings {
  let reminderHours: number[] = [];
  try {
    reminderHours = (JSON.parse(row.reminder_hours) as unknown[]).filter((h): h is number => typeof h === 'number');
  } catch {
    reminderHours = [];
  }
  return {
    eventId: row.event_id,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    preRegistration: row.pre_registration === 1,
    inPersonCapacity: row.in_person_capacity,
    onlineCapacity: row.online_capacity,
    approvalRequired: row.approval_required === 1,
    questions: parseJson(row.questions, DEFAULT_QUESTIONS),
    privacyNotice: row.privacy_notice,
    consentText: row.consent_text,
    retentionDays: row.retention_days,
    offerHours: row.offer_hours,
    reminderHours,
  };
}

function toRegistration(row: Selectable<RegistrationsTable>): Registration {
  let answers: Record<string, string> = {};
  try {
    answers = JSON.parse(row.answers) as Record<string, string>;
  } catch {
    answers = {};
  }
  return {
    id: row.id,
    eventId: row.event_id,
    email: row.email,
    name: row.name,
    organisation: row.organisation,
    country: row.country,
    role: row.role,
    dietary: row.dietary,
    answers,
    mode: row.mode as Mode,
    status: row.status as Status,
    holdsSeat: row.holds_seat === 1,
    queuedAt: row.queued_at,
    offerExpiresAt: row.offer_expires_at,
    checkedInAt: row.checked_in_at,
    consentAt: row.consent_at,
    anonymised: row.anonymised_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The modes an event's format allows: a hybrid event has both pools. */
export function modesOf(format: string): Mode[] {
  if (format === 'in-person') return ['in-person'];
  if (format === 'online') return ['online'];
  return ['in-person', 'online'];
}

/** One person, one address: case and surrounding spaces do not make a second registration. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ---------------------------------------------------------------- signed links

/**
 * A manage or check-in link is the registration id plus an HMAC of it and its purpose, so
 * links need no stored token and cannot be forged or reused for another purpose.
 */
export function signRegistration(secret: string, id: number, purpose: 'manage' | 'checkin'): string {
  return createHmac('sha256', secret).update(`registration:${id}:${purpose}`).digest('base64url');
}

/** Constant-time check of a signed link. */
export function verifyRegistrationToken(secret: string, id: number, purpose: 'manage' | 'checkin', token: string): boolean {
  const expected = Buffer.from(signRegistration(secret, id, purpose));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The person's own link to their registration (in every mail); whoever holds it may change or delete it. */
export function managePath(secret: string, id: number): string {
  return `/registrations/${id}/${signRegistration(secret, id, 'manage')}`;
}

/** The organisers' check-in address encoded in the QR code; useless without an organiser's session. */
export function checkInPath(secret: string, eventId: number, id: number): string {
  return `/admin/events/${eventId}/check-in/${id}?t=${signRegistration(secret, id, 'checkin')}`;
}

// ---------------------------------------------------------------- settings

/** An event's registration settings; null when the event does not take registrations through the hub. */
export async function getSettings(db: Kysely<Database>, eventId: number): Promise<RegistrationSettings | null> {
  const row = await db.selectFrom('registration_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
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

// ---------------------------------------------------------------- seats

/** Takes one seat if the pool has one: a single conditional update, never read-then-write. */
async function takeSeat(trx: Kysely<Database>, eventId: number, mode: Mode): Promise<boolean> {
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
async function offerNext(trx: Kysely<Database>, eventId: number, mode: Mode, offerHours?: number): Promise<boolean> {
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
async function freeSeat(trx: Kysely<Database>, eventId: number, mode: Mode): Promise<void> {
  await releaseSeat(trx, eventId, mode);
  await offerNext(trx, eventId, mode);
}

/** Schedules a registration mail; the job renders it later so the request only writes rows. */
export async function queueRegistrationMail(db: Kysely<Database>, id: number, kind: MailKind, dedupeKey?: string): Promise<void> {
  await enqueueJob(db, JOBS.mail, { id, kind }, dedupeKey ? { dedupeKey } : {});
}

// ---------------------------------------------------------------- registering

type Answers = Pick<RegistrationInput, 'name' | 'organisation' | 'country' | 'role' | 'dietary' | 'answers'>;

/** The columns a person fills in themself, as stored. */
function answerColumns(input: Answers) {
  return {
    name: input.name,
    organisation: input.organisation || null,
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
      (event_id, email, email_normalised, name, organisation, country, role, dietary, answers, mode, status, holds_seat, queued_at, consent_at, updated_at, created_at)
    values
      (${row.event_id}, ${row.email}, ${row.email_normalised}, ${row.name}, ${row.organisation}, ${row.country}, ${row.role},
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

/** Statuses in which a registration still holds, waits for or is offered a place. */
export const ACTIVE: Status[] = ['interested', 'pending', 'confirmed', 'waitlisted', 'offered'];

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

// ---------------------------------------------------------------- organiser actions

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

const byName = new Intl.Collator('en', { sensitivity: 'base' });

/** Everyone expected at the door: confirmed in-person registrations, in alphabetical order of name (accents sort as their letter). */
export async function doorList(db: Kysely<Database>, eventId: number): Promise<Registration[]> {
  const rows = await db.selectFrom('registrations').selectAll().where('event_id', '=', eventId).where('status', '=', 'confirmed').where('mode', '=', 'in-person').execute();
  return rows.map(toRegistration).sort((a, b) => byName.compare(a.name, b.name));
}

export interface ListQuery {
  q?: string;
  mode?: Mode | '';
  status?: Status | '';
  page: number;
}

export const LIST_PAGE_SIZE = 50;

/** One page of an event's registrations for its organisers, oldest first, searchable by name, e-mail or organisation. */
export async function listRegistrations(db: Kysely<Database>, eventId: number, query: ListQuery, pageSize = LIST_PAGE_SIZE) {
  let base = db.selectFrom('registrations').where('event_id', '=', eventId);
  if (query.mode) base = base.where('mode', '=', query.mode);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.q) base = base.where(containsAny(db, ['name', 'email', 'organisation'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, pageSize, (q) => q.selectAll().orderBy('status').orderBy('queued_at').orderBy('id'));
  return { registrations: rows.map(toRegistration), ...pager };
}

/** A waiting person's place in the line (1 = next to be offered a seat), or null when not waiting. */
export async function waitlistPosition(db: Kysely<Database>, reg: Registration): Promise<number | null> {
  if (reg.status !== 'waitlisted' || !reg.queuedAt) return null;
  const { n } = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', reg.eventId)
    .where('mode', '=', reg.mode)
    .where('status', '=', 'waitlisted')
    .where((eb) => eb.or([eb('queued_at', '<', reg.queuedAt), eb.and([eb('queued_at', '=', reg.queuedAt), eb('id', '<', reg.id)])]))
    .executeTakeFirstOrThrow();
  return Number(n) + 1;
}

/** Every registration of an event (CSV export, group mail), oldest first. */
export async function allRegistrations(db: Kysely<Database>, eventId: number, filter: { status?: Status[]; mode?: Mode } = {}): Promise<Registration[]> {
  let query = db.selectFrom('registrations').selectAll().where('event_id', '=', eventId);
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  if (filter.mode) query = query.where('mode', '=', filter.mode);
  return (await query.orderBy('id').execute()).map(toRegistration);
}

export interface PoolState {
  mode: Mode;
  capacity: number | null;
  taken: number;
}

/** Places and seats taken per mode, for the public box and the organisers' figures. */
export async function poolsOf(db: Kysely<Database>, eventId: number): Promise<PoolState[]> {
  const rows = await db.selectFrom('registration_pools').select(['mode', 'capacity', 'taken']).where('event_id', '=', eventId).orderBy('mode').execute();
  return rows.map((r) => ({ mode: r.mode as Mode, capacity: r.capacity, taken: Number(r.taken) }));
}

export interface Attendance {
  byMode: { mode: Mode; registered: number; attended: number; waitlisted: number; pending: number }[];
  organisations: number;
  countries: { country: string; count: number }[];
}

/** Registered and attended people by mode, plus how many organisations and countries they came from. */
export async function attendance(db: Kysely<Database>, eventId: number): Promise<Attendance> {
  const rows = await db
    .selectFrom('registrations')
    .select(['mode', 'status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('checked_in_at').as('present')])
    .where('event_id', '=', eventId)
    .groupBy(['mode', 'status'])
    .execute();
  const byMode = MODES.map((mode) => {
    const of = (status: string) => rows.filter((r) => r.mode === mode && r.status === status);
    return {
      mode,
      registered: of('confirmed').reduce((s, r) => s + Number(r.n), 0),
      attended: of('confirmed').reduce((s, r) => s + Number(r.present), 0),
      waitlisted: of('waitlisted').reduce((s, r) => s + Number(r.n), 0) + of('offered').reduce((s, r) => s + Number(r.n), 0),
      pending: of('pending').reduce((s, r) => s + Number(r.n), 0),
    };
  }).filter((m) => m.registered + m.waitlisted + m.pending > 0);
  const confirmed = db.selectFrom('registrations').where('event_id', '=', eventId).where('status', '=', 'confirmed');
  const orgs = await confirmed
    .select(sql<number>`count(distinct lower(organisation))`.as('n'))
    .where('organisation', 'is not', null)
    .executeTakeFirstOrThrow();
  const countries = await confirmed
    .select(['country', (eb) => eb.fn.countAll<number>().as('n')])
    .where('country', 'is not', null)
    .groupBy('country')
    .orderBy('n', 'desc')
    .orderBy('country')
    .execute();
  return {
    byMode,
    organisations: Number(orgs.n),
    countries: countries.map((c) => ({ country: c.country as string, count: Number(c.n) })),
  };
}

export interface RegistrationSummary {
  phase: Phase;
  opensAt: string | null;
  closesAt: string | null;
  pools: PoolState[];
  approvalRequired: boolean;
  /** After the event: aggregate figures only, never names. */
  outcome: { onSite: number; online: number; organisations: number; countries: number } | null;
}

/**
 * What the public event page shows about registration: whether and until when it is open,
 * places left per mode, and after the event the aggregate attendance. Null when the event
 * does not use the hub's registration.
 */
export async function registrationSummary(db: Kysely<Database>, eventId: number, endsAt?: string): Promise<RegistrationSummary | null> {
  const settings = await getSettings(db, eventId);
  if (!settings) return null;
  const end = endsAt ?? (await db.selectFrom('events').select('ends_at').where('id', '=', eventId).executeTakeFirst())?.ends_at;
  if (!end) return null;
  const phase = phaseOf({ endsAt: end }, settings);
  let outcome: RegistrationSummary['outcome'] = null;
  if (phase === 'past') {
    const figures = await attendance(db, eventId);
    const inPerson = figures.byMode.find((m) => m.mode === 'in-person');
    const online = figures.byMode.find((m) => m.mode === 'online');
    outcome = {
      // When nobody was checked in, the confirmed count is the best figure there is.
      onSite: inPerson ? inPerson.attended || inPerson.registered : 0,
      online: online?.registered ?? 0,
      organisations: figures.organisations,
      countries: figures.countries.length,
    };
  }
  return {
    phase,
    opensAt: settings.opensAt,
    closesAt: settings.closesAt ?? end,
    pools: await poolsOf(db, eventId),
    approvalRequired: settings.approvalRequired,
    outcome,
  };
}

export interface UpcomingFigures {
  eventId: number;
  title: string;
  startsAt: string;
  timezone: string;
  confirmed: number;
  places: number | null;
  pending: number;
  waiting: number;
}

/**
 * Upcoming events that take registrations, soonest first, with their figures, for the back-office home.
 * `projectIds` limits an editor to the events of their projects; undefined means every event (admins).
 */
export async function upcomingFigures(db: Kysely<Database>, projectIds?: number[]): Promise<UpcomingFigures[]> {
  if (projectIds && !projectIds.length) return [];
  let events = db
    .selectFrom('registration_settings')
    .innerJoin('events', 'events.id', 'registration_settings.event_id')
    .select(['events.id', 'events.title', 'events.starts_at', 'events.timezone'])
    .where('events.ends_at', '>', nowIso());
  if (projectIds) events = events.where('events.id', 'in', db.selectFrom('event_projects').select('event_id').where('project_id', 'in', projectIds));
  const rows = await events.orderBy('events.starts_at').limit(10).execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .selectFrom('registrations')
    .select(['event_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', 'in', ids)
    .where('status', 'in', ['confirmed', 'pending', 'waitlisted', 'offered'])
    .groupBy(['event_id', 'status'])
    .execute();
  const pools = await db.selectFrom('registration_pools').select(['event_id', 'capacity']).where('event_id', 'in', ids).execute();
  const count = (id: number, statuses: string[]) => counts.filter((c) => c.event_id === id && statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  return rows.map((r) => {
    const own = pools.filter((p) => p.event_id === r.id);
    return {
      eventId: r.id,
      title: r.title,
      startsAt: r.starts_at,
      timezone: r.timezone,
      confirmed: count(r.id, ['confirmed']),
      places: own.some((p) => p.capacity === null) ? null : own.reduce((sum, p) => sum + Number(p.capacity), 0),
      pending: count(r.id, ['pending']),
      waiting: count(r.id, ['waitlisted', 'offered']),
    };
  });
}

// ---------------------------------------------------------------- jobs' queries

/** Registrations that get a reminder: confirmed ones. */
export async function confirmedIds(db: Kysely<Database>, eventId: number): Promise<number[]> {
  const rows = await db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('status', '=', 'confirmed').execute();
  return rows.map((r) => r.id);
}

/** Pre-registered people, oldest first: they are invited before anyone else when registration opens. */
export async function interestedIds(db: Kysely<Database>, eventId: number): Promise<number[]> {
  const rows = await db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('status', '=', 'interested').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Anonymises the registrations of every event whose retention period has run out: names,
 * e-mails and answers go, the mode, status, organisation and country stay for the aggregate figures.
 */
export async function purgeExpired(db: Kysely<Database>, now = new Date()): Promise<number> {
  const events = await db
    .selectFrom('registration_settings')
    .innerJoin('events', 'events.id', 'registration_settings.event_id')
    .select(['events.id', 'events.ends_at', 'registration_settings.retention_days'])
    .execute();
  let count = 0;
  for (const e of events) {
    if (new Date(e.ends_at).getTime() + e.retention_days * 86_400_000 > now.getTime()) continue;
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
