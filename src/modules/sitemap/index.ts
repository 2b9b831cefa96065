import type { ModuleManifest } from '../../lib/modules.js';
import { sitemapRoutes } from './routes.js';

/** /robots.txt and /sitemap.xml. */
export const sitemapModule: ModuleManifest = {
  name: 'sitemap',
  routes: sitemapRoutes,
};
