import { contribute, type ModuleManifest } from '../../lib/modules.js';
import { PERSON_REMOVAL } from '../directory/service.js';
import { eventIdsNaming, resyncEventsInSearch } from './service.js';
import { SEARCH_SOURCES } from '../search/service.js';
import { eventsSearchSource } from './search-source.js';
import { eventsParts } from './parts.js';
import { eventsRoutes } from './routes.js';
import { eventsAdminRoutes } from './admin-routes.js';

/** Events and their programmes. */
export const eventsModule: ModuleManifest = {
  name: 'events',
  routes: eventsRoutes,
  adminRoutes: eventsAdminRoutes,
  contributes: [
    // A deleted person's talks lose their name: the programmes that named them are indexed again.
    contribute(PERSON_REMOVAL, async (db, personId) => {
      const eventIds = await eventIdsNaming(db, [personId]);
      return (after) => resyncEventsInSearch(after, eventIds);
    }),
    contribute(SEARCH_SOURCES, eventsSearchSource),
    ...eventsParts,
  ],
};
