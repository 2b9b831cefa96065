import type { ModuleManifest } from '../../lib/modules.js';
import { liveParts } from './parts.js';
import { liveRoutes } from './routes.js';

/** Live sessions: polls, Q&A, presenter and archive. */
export const liveModule: ModuleManifest = {
  name: 'live',
  routes: liveRoutes,
  contributes: [
    ...liveParts,
  ],
};
