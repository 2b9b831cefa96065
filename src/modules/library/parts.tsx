import { contribute, type Contribution } from '../../lib/modules.js';
import { PROJECT_PAGE_MAIN } from '../directory/service.js';
import { EVENT_PAGE_MAIN } from '../events/service.js';
import { galleriesOfEvent } from './galleries.js';
import { documentsOfProject, materialsForEvent } from './service.js';
import { EventMaterials, ProjectDocuments } from './views.js';

// What the library shows on other modules' pages, declared in this module's manifest.

export const libraryParts: Contribution[] = [
  contribute(EVENT_PAGE_MAIN, {
    order: 10,
    async render(db, event) {
      const [groups, galleries] = await Promise.all([materialsForEvent(db, event.id), galleriesOfEvent(db, event.id)]);
      return <EventMaterials groups={groups} galleries={galleries} />;
    },
  }),
  contribute(PROJECT_PAGE_MAIN, {
    order: 40,
    async render(db, project) {
      return <ProjectDocuments documents={await documentsOfProject(db, project.id)} />;
    },
  }),
];
