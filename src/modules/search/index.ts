import type { ModuleManifest } from '../../lib/modules.js';
import { searchRoutes } from './routes.js';
import { registerSearchJobs } from './jobs.js';

/** The search index, /search and its API. */
export const searchModule: ModuleManifest = {
  name: 'search',
  routes: searchRoutes,
  jobs: registerSearchJobs,
};
