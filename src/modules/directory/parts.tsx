import { contribute, type Contribution } from '../../lib/modules.js';
import { HOME_WIDE } from '../../web/home.js';
import { listProjects } from './service.js';
import { ProjectCard } from './views.js';

// What the directory shows on other modules' pages, declared in this module's manifest.

export const directoryParts: Contribution[] = [
  contribute(HOME_WIDE, {
    order: 10,
    async render(db) {
      const projects = await listProjects(db, { members: true });
      return (
        <section class="container" aria-labelledby="projects-heading">
          <h2 id="projects-heading">Member projects</h2>
          <div class="card-grid">{projects.map((p) => <ProjectCard project={p} headingLevel={3} />)}</div>
        </section>
      );
    },
  }),
];
