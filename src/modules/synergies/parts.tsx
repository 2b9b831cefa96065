import { contribute, type Contribution } from '../../lib/modules.js';
import { PROJECT_PAGE_MAIN } from '../directory/service.js';
import { relatedProjects } from './service.js';
import { RelatedProjectsSection } from './views.js';

// What synergies show on other modules' pages, declared in this module's manifest.

export const synergiesParts: Contribution[] = [
  contribute(PROJECT_PAGE_MAIN, {
    order: 10,
    async render(db, project) {
      return <RelatedProjectsSection related={await relatedProjects(db, project.id, 8)} />;
    },
  }),
];
