import { contribute, type Contribution } from '../../lib/modules.js';
import { PROJECT_PAGE_MAIN } from '../directory/service.js';
import { HOME_COLUMNS } from '../../web/home.js';
import { eventsOfProject, listEvents } from './service.js';
import { EventCard } from './views.js';

// What events show on other modules' pages, declared in this module's manifest.

export const eventsParts: Contribution[] = [
  contribute(HOME_COLUMNS, {
    order: 10,
    async render(db) {
      const [upcoming, recent] = await Promise.all([listEvents(db, { when: 'upcoming', page: 1 }, 4), listEvents(db, { when: 'past', page: 1 }, 4)]);
      const shown = upcoming.events.length ? upcoming.events : recent.events;
      return (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{upcoming.events.length ? 'Upcoming events' : 'Recent events'}</h2>
          <div class="card-list">{shown.map((e) => <EventCard event={e} headingLevel={3} />)}</div>
          <p><a href="/events">All events →</a></p>
        </section>
      );
    },
  }),
  contribute(PROJECT_PAGE_MAIN, {
    order: 20,
    async render(db, project) {
      const events = await eventsOfProject(db, project.id);
      return (
        <section aria-labelledby="project-events">
          <h2 id="project-events">Events</h2>
          {events.length ? <div class="card-list">{events.map((e) => <EventCard event={e} headingLevel={3} />)}</div> : <p>No events yet.</p>}
        </section>
      );
    },
  }),
];
