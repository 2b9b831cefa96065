import type { JobsTables } from '../lib/jobs-tables.js';
import type { AccountsTables } from '../modules/accounts/tables.js';
import type { DirectoryTables } from '../modules/directory/tables.js';
import type { EventsTables } from '../modules/events/tables.js';
import type { LiveTables } from '../modules/live/tables.js';
import type { MembershipTables } from '../modules/membership/tables.js';
import type { MailTables } from '../modules/mail/tables.js';
import type { LibraryTables } from '../modules/library/tables.js';
import type { NewsTables } from '../modules/news/tables.js';
import type { RegistrationTables } from '../modules/registration/tables.js';
import type { SearchTables } from '../modules/search/tables.js';
import type { SynergiesTables } from '../modules/synergies/tables.js';
import type { PagesTables } from '../modules/pages/tables.js';
import type { RedirectsTables } from '../modules/redirects/tables.js';
import type { NewsletterTables } from '../modules/newsletter/tables.js';
import type { VisitsTables } from '../modules/visits/tables.js';
import type { ReportTables } from '../modules/report/tables.js';
import type { PassportsTables } from '../modules/passports/tables.js';
import type { WordpressTables } from '../modules/wordpress/tables.js';

/** The whole schema: each module declares its own tables in its `tables.ts`. */
export interface Database extends DirectoryTables, NewsTables, EventsTables, AccountsTables, MailTables, MembershipTables, JobsTables, RegistrationTables, LiveTables, LibraryTables, SearchTables, SynergiesTables, PagesTables, RedirectsTables, WordpressTables, NewsletterTables, VisitsTables, ReportTables, PassportsTables {}
