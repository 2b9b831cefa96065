import type { ModuleManifest } from '../../lib/modules.js';
import { registrationParts } from './parts.js';
import { registrationOrganiserRoutes } from './organiser-routes.js';
import { registrationRoutes } from './routes.js';
import { registerRegistrationJobs } from './jobs.js';

/** Event registration: the public forms, self-service links, organiser screens and their mail. */
export const registrationModule: ModuleManifest = {
  name: 'registration',
  routes: registrationRoutes,
  adminRoutes: registrationOrganiserRoutes,
  jobs: registerRegistrationJobs,
  contributes: [
    ...registrationParts,
  ],
};
