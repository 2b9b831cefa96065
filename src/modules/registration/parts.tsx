import { contribute, type Contribution } from '../../lib/modules.js';
import { EVENT_EDITOR_NOTES, EVENT_PAGE_ASIDE } from '../events/service.js';
import { type RegistrationSummary, registrationSummary } from './service.js';
import { RegistrationBox } from './views.js';

// What registration shows on the events module's pages, declared in this module's manifest.

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
];
