import type { ModuleManifest } from '../../lib/modules.js';
import { membershipParts } from './parts.js';
import { membershipRoutes } from './routes.js';

/** Join requests and their review. */
export const membershipModule: ModuleManifest = {
  name: 'membership',
  adminRoutes: membershipRoutes,
  contributes: [
    ...membershipParts,
  ],
};
