import { contribute, type ModuleManifest } from '../../lib/modules.js';
import { PROJECT_SAVED } from '../directory/service.js';
import { refreshProject } from './service.js';
import { synergiesParts } from './parts.js';
import { synergiesRoutes } from './routes.js';

/** Related projects, topics and the map. */
export const synergiesModule: ModuleManifest = {
  name: 'synergies',
  routes: synergiesRoutes,
  contributes: [
    contribute(PROJECT_SAVED, refreshProject),
    ...synergiesParts,
  ],
};
