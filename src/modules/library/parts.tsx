import { contribute, type Contribution } from '../../lib/modules.js';
import { PROJECT_PAGE_MAIN } from '../directory/service.js';
import { EVENT_PAGE_MAIN } from '../events/service.js';
import { TOPIC_PAGE_MAIN } from '../synergies/service.js';
import { galleriesOfEvent } from './galleries.js';
import { documentsOfProject, materialsForEvent } from './service.js';
import { DocumentList, EventMaterials, ProjectDocuments } from './views.js';

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
  contribute(TOPIC_PAGE_MAIN, {
    order: 10,
    async render(db, { projectIds }) {
      const lists = await Promise.all(projectIds.map((id) => documentsOfProject(db, id)));
      const documents = [...new Map(lists.flat().map((d) => [d.id, d])).values()].slice(0, 10);
      return (
        <section aria-labelledby="topic-documents">
          <h2 id="topic-documents">Documents</h2>
          {documents.length ? <DocumentList documents={documents} headingLevel={3} /> : <p>No documents of these projects in the library yet.</p>}
        </section>
      );
    },
  }),
];
