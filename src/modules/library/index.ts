import { contribute, type ModuleManifest } from '../../lib/modules.js';
import { SEARCH_SOURCES } from '../search/service.js';
import { librarySearchSource } from './search-source.js';
import { libraryParts } from './parts.js';
import { libraryRoutes } from './routes.js';
import { registerLibraryJobs } from './jobs.js';

/** Documents, versions, downloads and photo galleries. */
export const libraryModule: ModuleManifest = {
  name: 'library',
  routes: libraryRoutes,
  jobs: registerLibraryJobs,
  contributes: [
    contribute(SEARCH_SOURCES, librarySearchSource),
    ...libraryParts,
  ],
};
