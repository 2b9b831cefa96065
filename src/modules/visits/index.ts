import type { ModuleManifest } from '../../lib/modules.js';
import { visitsPlugin } from './plugin.js';

/** Cookieless page views: daily counts per public page, read by the impact report. */
export const visitsModule: ModuleManifest = {
  name: 'visits',
  plugins: [visitsPlugin],
};
