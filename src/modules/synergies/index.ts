import type { ModuleManifest } from '../../lib/modules.js';
import { synergiesParts } from './parts.js';
import { synergiesRoutes } from './routes.js';

/** Related projects, topics and the map. */
export const synergiesModule: ModuleManifest = {
  name: 'synergies',
  routes: synergiesRoutes,
  contributes: [...synergiesParts],
};
