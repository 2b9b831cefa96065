/** Registration figures across many events for the impact report: counts only, aggregated in SQL, never a person. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.js';
import { MODES, type Mode } from './model.js';

export interface ImpactFigures {
  byMode: { mode: Mode; registered: number; checkedIn: number }[];
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

const EMPTY: ImpactFigures = { byMode: [], people: 0, returning: 0, organisations: 0, countries: [], organisationTypes: [] };

/** The confirmed registrations of a set of events, counted by mode, person, organisation, country and kind of organisation. */
export async function impactFigures(db: Kysely<Database>, eventIds: number[]): Promise<ImpactFigures> {
  if (!eventIds.length) return EMPTY;
  const confirmed = db.selectFrom('registrations').where('event_id', 'in', eventIds).where('status', '=', 'confirmed');
  // One pass groups the people: each person with their number of events and the country and kind of organisation
  // they gave (the last one by value when they gave several), then counted per country and kind together.
  const [modes, groups, organisations] = await Promise.all([
    confirmed.select(['mode', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('checked_in_at').as('present')]).groupBy('mode').execute(),
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
    byMode: MODES.map((mode) => {
      const row = modes.find((r) => r.mode === mode);
      return { mode, registered: Number(row?.n ?? 0), checkedIn: Number(row?.present ?? 0) };
    }),
    people,
    returning,
    organisations: Number(organisations.n),
    countries: mostFirst(countries).map(([country, n]) => ({ country, people: n })),
    organisationTypes: mostFirst(types).map(([type, n]) => ({ type, people: n })),
  };
}
