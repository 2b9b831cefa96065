import type { FastifyPluginAsync } from 'fastify';
import { directoryRoutes } from './directory/routes.js';
import { eventsRoutes } from './events/routes.js';
import { newsRoutes } from './news/routes.js';
import { homeRoutes } from './home/routes.js';
import { libraryRoutes } from './library/routes.js';
import { searchRoutes } from './search/routes.js';
import { accountsRoutes } from './accounts/routes.js';
import { newsAdminRoutes } from './news/admin-routes.js';
import { eventsAdminRoutes } from './events/admin-routes.js';
import { membershipRoutes } from './membership/routes.js';
import { mailRoutes } from './mail/routes.js';
import { directoryAdminRoutes } from './directory/admin-routes.js';
import { filesPlugin } from '../lib/uploads.js';
import { registrationRoutes } from './registration/routes.js';
import { apiRoutes } from './api/routes.js';
import { feedsRoutes } from './feeds/routes.js';
import { liveRoutes } from './live/routes.js';
import { synergiesRoutes } from './synergies/routes.js';
import { sitemapRoutes } from './sitemap/routes.js';
import { pagesRoutes, siteLinksPlugin } from './pages/routes.js';
import { pagesAdminRoutes } from './pages/admin-routes.js';
import { redirectsPlugin } from './redirects/routes.js';
import { redirectsAdminRoutes } from './redirects/admin-routes.js';

/**
 * Every capability, registered in this order. Each module is an encapsulated Fastify plugin:
 * its hooks and decorators stay inside it.
 */
export const modules: { name: string; routes: FastifyPluginAsync }[] = [
  { name: 'redirects', routes: redirectsPlugin },
  { name: 'site-links', routes: siteLinksPlugin },
  { name: 'home', routes: homeRoutes },
  { name: 'directory', routes: directoryRoutes },
  { name: 'news', routes: newsRoutes },
  { name: 'events', routes: eventsRoutes },
  { name: 'library', routes: libraryRoutes },
  { name: 'search', routes: searchRoutes },
  { name: 'accounts', routes: accountsRoutes },
  { name: 'files', routes: filesPlugin },
  { name: 'news-admin', routes: newsAdminRoutes },
  { name: 'events-admin', routes: eventsAdminRoutes },
  { name: 'membership', routes: membershipRoutes },
  { name: 'mail', routes: mailRoutes },
  { name: 'directory-admin', routes: directoryAdminRoutes },
  { name: 'registration', routes: registrationRoutes },
  { name: 'feeds', routes: feedsRoutes },
  { name: 'api', routes: apiRoutes },
  { name: 'live', routes: liveRoutes },
  { name: 'synergies', routes: synergiesRoutes },
  { name: 'sitemap', routes: sitemapRoutes },
  { name: 'pages', routes: pagesRoutes },
  { name: 'pages-admin', routes: pagesAdminRoutes },
  { name: 'redirects-admin', routes: redirectsAdminRoutes },
];
