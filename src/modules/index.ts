import type { FastifyPluginAsync } from 'fastify';
import { directoryRoutes } from './directory/routes.js';
import { eventsRoutes } from './events/routes.js';
import { newsRoutes } from './news/routes.js';
import { homeRoutes } from './home/routes.js';
import { libraryRoutes } from './library/routes.js';
import { searchRoutes } from './search/routes.js';
import { apiRoutes } from './api/routes.js';
import { feedsRoutes } from './feeds/routes.js';
import { synergiesRoutes } from './synergies/routes.js';

/**
 * Every capability, registered in this order. Each module is an encapsulated Fastify plugin:
 * its hooks and decorators stay inside it.
 */
export const modules: { name: string; routes: FastifyPluginAsync }[] = [
  { name: 'home', routes: homeRoutes },
  { name: 'directory', routes: directoryRoutes },
  { name: 'news', routes: newsRoutes },
  { name: 'events', routes: eventsRoutes },
  { name: 'library', routes: libraryRoutes },
  { name: 'search', routes: searchRoutes },
  { name: 'feeds', routes: feedsRoutes },
  { name: 'api', routes: apiRoutes },
  { name: 'synergies', routes: synergiesRoutes },
];
