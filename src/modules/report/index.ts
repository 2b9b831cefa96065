import type { ModuleManifest } from '../../lib/modules.js';
import { reportAdminRoutes } from './admin-routes.js';

/** The impact report at /admin/report: figures and charts of a period for the Commission, with CSVs and print. */
export const reportModule: ModuleManifest = {
  name: 'report',
  adminRoutes: reportAdminRoutes,
};
