import { contribute, type Contribution } from '../../lib/modules.js';
import { counted } from '../../lib/plural.js';
import { projectScope } from '../../lib/policy.js';
import { formatInstant } from '../../lib/time.js';
import { BACK_OFFICE_HOME } from '../../web/admin.js';
import { EVENT_EDITOR_NOTES, EVENT_PAGE_ASIDE } from '../events/service.js';
import { type RegistrationSummary, registrationSummary, upcomingFigures } from './service.js';
import { RegistrationBox } from './views.js';

// What registration shows on other modules' pages (the event page, its editor, the back office's home), declared in
// this module's manifest.

/** One sentence on where this event's registration stands, for its organisers. */
function registrationState(summary: RegistrationSummary | null): string {
  if (!summary) return 'This event takes no registrations through the hub.';
  const states: Record<RegistrationSummary['phase'], string> = {
    none: 'This event takes no registrations through the hub.',
    'not-yet': 'Registration is not open yet.',
    'pre-registration': 'Pre-registration is open; registration opens later.',
    open: 'Registration is open.',
    closed: 'Registration is closed.',
    past: 'The event is over; registration is closed.',
  };
  return states[summary.phase];
}

export const registrationParts: Contribution[] = [
  contribute(EVENT_PAGE_ASIDE, {
    order: 10,
    async render(db, event) {
      const summary = await registrationSummary(db, event.id, event.endsAt);
      return summary && <RegistrationBox event={event} summary={summary} />;
    },
  }),
  contribute(EVENT_EDITOR_NOTES, {
    order: 10,
    async render(db, event) {
      const summary = await registrationSummary(db, event.id, event.endsAt);
      return (
        <p class="note">
          {registrationState(summary)} <a href={`/admin/events/${event.id}/registration`}>{summary ? 'Change the registration settings' : 'Take registrations through the hub'}</a>.
        </p>
      );
    },
  }),
  contribute(BACK_OFFICE_HOME, {
    order: 10,
    async load(db, actor) {
      const events = await upcomingFigures(db, projectScope(actor));
      const tasks = events
        .filter((e) => e.pending > 0)
        .map((e) => ({ href: `/admin/events/${e.eventId}/registrations?status=pending`, text: `${counted(e.pending, 'registration')} for ${e.title} await${e.pending === 1 ? 's' : ''} approval` }));
      const section = events.length > 0 && (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Upcoming events taking registrations</h2>
          <div class="table-scroll">
            <table class="data-table">
              <caption class="visually-hidden">Registration figures of upcoming events</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Confirmed</th>
                  <th scope="col">Awaiting approval</th>
                  <th scope="col">Waiting list</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr>
                    <th scope="row">
                      <a href={`/admin/events/${e.eventId}/registrations`}>{e.title}</a>
                    </th>
                    <td><time dateTime={e.startsAt}>{formatInstant(e.startsAt, e.timezone)}</time></td>
                    <td>{e.places === null ? e.confirmed : `${e.confirmed} of ${e.places}`}</td>
                    <td>{e.pending}</td>
                    <td>{e.waiting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      );
      return { tasks, section };
    },
  }),
];
