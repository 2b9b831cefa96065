import type { ModuleManifest } from '../../lib/modules.js';
import { homeRoutes } from './routes.js';

/** The home page. */
export const homeModule: ModuleManifest = {
  name: 'home',
  routes: homeRoutes,
};
