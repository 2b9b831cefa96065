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
  /** Distinct people per country and per kind of organisation they gave. */
  countries: { country: string; people: number }[];
  organisationTypes: { type: string | null; people: number }[];
}

/** People, not registrations: someone at three events counts once for their country. */
const distinctPeople = sql<number>`count(distinct email_normalised)`.as('n');

const EMPTY: ImpactFigures = { byMode: [], people: 0, returning: 0, organisations: 0, countries: [], organisationTypes: [] };

/** The confirmed registrations of a set of events, counted by mode, person, organisation, country and kind of organisation. */
export async function impactFigures(db: Kysely<Database>, eventIds: number[]): Promise<ImpactFigures> {
  if (!eventIds.length) return EMPTY;
  const confirmed = db.selectFrom('registrations').where('event_id', 'in', eventIds).where('status', '=', 'confirmed');
  const [modes, people, organisations, countries, types] = await Promise.all([
    confirmed.select(['mode', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.count<number>('checked_in_at').as('present')]).groupBy('mode').execute(),
    db
      .selectFrom(
        confirmed
          .select(['email_normalised', sql<number>`count(distinct event_id)`.as('events')])
          .groupBy('email_normalised')
          .as('person'),
      )
      .select([(eb) => eb.fn.countAll<number>().as('people'), sql<number>`coalesce(sum(case when events >= 2 then 1 else 0 end), 0)`.as('returning')])
      .executeTakeFirstOrThrow(),
    confirmed.select(sql<number>`count(distinct lower(trim(organisation)))`.as('n')).where('organisation', 'is not', null).executeTakeFirstOrThrow(),
    confirmed.select(['country', distinctPeople]).where('country', 'is not', null).groupBy('country').orderBy('n', 'desc').orderBy('country').execute(),
    confirmed.select(['organisation_type', distinctPeople]).groupBy('organisation_type').orderBy('n', 'desc').execute(),
  ]);
  return {
    byMode: MODES.map((mode) => {
      const row = modes.find((r) => r.mode === mode);
      return { mode, registered: Number(row?.n ?? 0), checkedIn: Number(row?.present ?? 0) };
    }),
    people: Number(people.people),
    returning: Number(people.returning),
    organisations: Number(organisations.n),
    countries: countries.map((row) => ({ country: row.country as string, people: Number(row.n) })),
    organisationTypes: types.map((row) => ({ type: row.organisation_type, people: Number(row.n) })),
  };
}
