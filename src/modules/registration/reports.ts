/** Read-only views of an event's registrations: lists, figures and the ids the jobs work through. */

import { type Kysely, sql } from 'kysely';
import { containsAny } from '../../db/dialect.js';
import { fetchPage } from '../../db/paging.js';
import type { Database } from '../../db/types.js';
import { eventEnds, upcomingAmong } from '../events/service.js';
import { type Mode, MODES, type Registration, type Status } from './model.js';
import { toRegistration } from './rows.js';
import { getSettings, type Phase, phaseOf } from './settings.js';

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
  const end = endsAt ?? (await eventEnds(db, [eventId])).get(eventId);
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
  const withRegistration = await db.selectFrom('registration_settings').select('event_id').execute();
  const rows = await upcomingAmong(
    db,
    withRegistration.map((r) => r.event_id),
    { projectIds, limit: 10 },
  );
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
      startsAt: r.startsAt,
      timezone: r.timezone,
      confirmed: count(r.id, ['confirmed']),
      places: own.some((p) => p.capacity === null) ? null : own.reduce((sum, p) => sum + Number(p.capacity), 0),
      pending: count(r.id, ['pending']),
      waiting: count(r.id, ['waitlisted', 'offered']),
    };
  });
}

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
