import { contribute, type ModuleManifest } from '../../lib/modules.js';
import { SEARCH_SOURCES } from '../search/service.js';
import { newsSearchSource } from './search-source.js';
import { newsParts } from './parts.js';
import { newsRoutes } from './routes.js';
import { newsAdminRoutes } from './admin-routes.js';
import { registerNewsJobs } from './jobs.js';

/** News posts, drafts and scheduling. */
export const newsModule: ModuleManifest = {
  name: 'news',
  routes: newsRoutes,
  adminRoutes: newsAdminRoutes,
  jobs: registerNewsJobs,
  contributes: [
    contribute(SEARCH_SOURCES, newsSearchSource),
    ...newsParts,
  ],
};
