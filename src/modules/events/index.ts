import type { ModuleManifest } from '../../lib/modules.js';
import { eventsParts } from './parts.js';
import { eventsRoutes } from './routes.js';
import { eventsAdminRoutes } from './admin-routes.js';

/** Events and their programmes. */
export const eventsModule: ModuleManifest = {
  name: 'events',
  routes: eventsRoutes,
  adminRoutes: eventsAdminRoutes,
  contributes: [...eventsParts],
};
