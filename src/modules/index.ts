import type { ModuleManifest } from '../lib/modules.js';
import { accountsModule } from './accounts/index.js';
import { apiModule } from './api/index.js';
import { directoryModule } from './directory/index.js';
import { eventsModule } from './events/index.js';
import { feedsModule } from './feeds/index.js';
import { homeModule } from './home/index.js';
import { libraryModule } from './library/index.js';
import { liveModule } from './live/index.js';
import { mailModule } from './mail/index.js';
import { membershipModule } from './membership/index.js';
import { newsModule } from './news/index.js';
import { newsletterModule } from './newsletter/index.js';
import { passportsModule } from './passports/index.js';
import { pagesModule } from './pages/index.js';
import { redirectsModule } from './redirects/index.js';
import { registrationModule } from './registration/index.js';
import { searchModule } from './search/index.js';
import { sitemapModule } from './sitemap/index.js';
import { synergiesModule } from './synergies/index.js';
import { visitsModule } from './visits/index.js';
import { reportModule } from './report/index.js';

/**
 * Every module of the app. `buildApp` registers their plugins in this order, then every module's routes, then every
 * back-office route, and hands each module's jobs the one registry; a page that shows other modules' parts reads them
 * from `app.contributions`. The `wordpress` module is a command only (`import-wordpress`) and has no manifest.
 */
export const manifests: ModuleManifest[] = [
  redirectsModule,
  pagesModule,
  homeModule,
  directoryModule,
  newsModule,
  eventsModule,
  libraryModule,
  searchModule,
  accountsModule,
  membershipModule,
  mailModule,
  registrationModule,
  feedsModule,
  apiModule,
  liveModule,
  synergiesModule,
  sitemapModule,
  newsletterModule,
  visitsModule,
  reportModule,
  passportsModule,
];
