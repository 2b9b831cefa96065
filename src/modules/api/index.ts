import type { ModuleManifest } from '../../lib/modules.js';
import { apiRoutes } from './routes.js';

/** The read-only JSON API. */
export const apiModule: ModuleManifest = {
  name: 'api',
  routes: apiRoutes,
};
