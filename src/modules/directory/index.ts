import { contribute, type ModuleManifest } from '../../lib/modules.js';
import { SEARCH_PROJECTS, SEARCH_SOURCES } from '../search/service.js';
import { directorySearchSource } from './search-source.js';
import { findProjectBySlug, listProjects } from './service.js';
import { directoryParts } from './parts.js';
import { directoryRoutes } from './routes.js';
import { directoryAdminRoutes } from './admin-routes.js';

/** Projects, organisations, partners and people. */
export const directoryModule: ModuleManifest = {
  name: 'directory',
  routes: directoryRoutes,
  adminRoutes: directoryAdminRoutes,
  contributes: [
    contribute(SEARCH_SOURCES, directorySearchSource),
    contribute(SEARCH_PROJECTS, { list: (db) => listProjects(db, { members: true }), find: findProjectBySlug }),
    ...directoryParts,
  ],
};
