import { contribute, type Contribution } from '../../lib/modules.js';
import { EVENT_PAGE_MAIN } from '../events/service.js';
import { liveResultsForEvent } from './service.js';
import { LiveArchive } from './views/archive.js';

// What live sessions show on other modules' pages, declared in this module's manifest.

export const liveParts: Contribution[] = [
  contribute(EVENT_PAGE_MAIN, {
    order: 20,
    async render(db, event) {
      return <LiveArchive sessions={await liveResultsForEvent(db, event.id)} timezone={event.timezone} />;
    },
  }),
];
