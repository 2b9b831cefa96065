/** Registration figures across many events for the impact report: counts only, aggregated in SQL, never a person. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Mode } from './model.js';

export type ModeFigures = { mode: Mode; registered: number; checkedIn: number }[];

export interface ReachFigures {
  /** Distinct e-mail addresses among the confirmed registrations. */
  people: number;
  /** People confirmed at two events or more of the set. */
  returning: number;
  /** Distinct organisation names (ignoring case and surrounding spaces). */
  organisations: number;
  /** People per country and per kind of organisation they gave: someone at three events counts once. */
  countries: { country: string; people: number }[];
  organisationTypes: { type: string | null; people: number }[];
}

const confirmedAt = (db: Kysely<Database>, eventIds: number[]) => db.selectFrom('registrations').where('event_id', 'in', eventIds).where('status', '=', 'confirmed');

/** Confirmed registrations and check-ins of a set of events by mode: one aggregate row (sums, no sort), so it is cheap. */
export async function attendanceTotals(db: Kysely<Database>, eventIds: number[]): Promise<ModeFigures> {
  const row = eventIds.length
    ? await confirmedAt(db, eventIds)
        .select([
          sql<number>`sum(case when mode = 'in-person' then 1 else 0 end)`.as('inPerson'),
          sql<number>`sum(case when mode = 'in-person' and checked_in_at is not null then 1 else 0 end)`.as('inPersonPresent'),
          sql<number>`sum(case when mode = 'online' then 1 else 0 end)`.as('online'),
          sql<number>`sum(case when mode = 'online' and checked_in_at is not null then 1 else 0 end)`.as('onlinePresent'),
        ])
        .executeTakeFirstOrThrow()
    : null;
  return [
    { mode: 'in-person', registered: Number(row?.inPerson ?? 0), checkedIn: Number(row?.inPersonPresent ?? 0) },
    { mode: 'online', registered: Number(row?.online ?? 0), checkedIn: Number(row?.onlinePresent ?? 0) },
  ];
}

const NO_REACH: ReachFigures = { people: 0, returning: 0, organisations: 0, countries: [], organisationTypes: [] };

/**
 * Whom a set of events reached: people (by e-mail address, counted in SQL), those at two events or more, organisations,
 * and people per country and per kind of organisation. These sort every registration, so they cost more than the totals.
 */
export async function reachFigures(db: Kysely<Database>, eventIds: number[]): Promise<ReachFigures> {
  if (!eventIds.length) return NO_REACH;
  const confirmed = confirmedAt(db, eventIds);
  // One pass groups the people: each person with their number of events and the country and kind of organisation
  // they gave (the last one by value when they gave several), then counted per country and kind together.
  const [groups, organisations] = await Promise.all([
    db
      .selectFrom(
        confirmed
          .select([
            // A person registers once per event (the unique index), so their rows are their events.
            (eb) => eb.fn.countAll<number>().as('events'),
            (eb) => eb.fn.max('country').as('country'),
            (eb) => eb.fn.max('organisation_type').as('organisation_type'),
          ])
          .groupBy('email_normalised')
          .as('person'),
      )
      .select(['country', 'organisation_type', (eb) => eb.fn.countAll<number>().as('people'), sql<number>`sum(case when events >= 2 then 1 else 0 end)`.as('returning')])
      .groupBy(['country', 'organisation_type'])
      .execute(),
    confirmed.select(sql<number>`count(distinct lower(trim(organisation)))`.as('n')).where('organisation', 'is not', null).executeTakeFirstOrThrow(),
  ]);
  const countries = new Map<string, number>();
  const types = new Map<string | null, number>();
  let people = 0;
  let returning = 0;
  for (const group of groups) {
    const n = Number(group.people);
    people += n;
    returning += Number(group.returning);
    if (group.country) countries.set(group.country, (countries.get(group.country) ?? 0) + n);
    types.set(group.organisation_type, (types.get(group.organisation_type) ?? 0) + n);
  }
  const mostFirst = <K>(map: Map<K, number>) => [...map].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  return {
    people,
    returning,
    organisations: Number(organisations.n),
    countries: mostFirst(countries).map(([country, n]) => ({ country, people: n })),
    organisationTypes: mostFirst(types).map(([type, n]) => ({ type, people: n })),
  };
}
