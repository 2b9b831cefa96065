import type { ModuleManifest } from '../../lib/modules.js';
import { feedsRoutes } from './routes.js';

/** RSS and iCalendar feeds. */
export const feedsModule: ModuleManifest = {
  name: 'feeds',
  routes: feedsRoutes,
};
