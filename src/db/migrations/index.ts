import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as accounts from './0002_accounts.js';
import * as registration from './0003_registration.js';
import * as live from './0004_live.js';
import * as library from './0005_library.js';
import * as synergies from './0006_synergies.js';
import * as searchIndex from './0007_search_index.js';
import * as isoCountryCodes from './0008_iso_country_codes.js';
import * as jobClaimsAndMailKeys from './0009_job_claims_and_mail_keys.js';
import * as liveWorkshop from './0010_live_workshop.js';
import * as pagesRedirectsWordpress from './0011_pages_redirects_wordpress.js';
import * as liveQuizModeration from './0012_live_quiz_moderation.js';
import * as livePaceTemplates from './0013_live_pace_templates.js';
import * as searchWordPairs from './0014_search_word_pairs.js';
import * as newsletter from './0015_newsletter.js';
import * as report from './0016_report.js';
import * as passports from './0017_passports.js';
import * as childEventsIndex from './0018_child_events_index.js';

/**
 * Every migration, by name. Names are numbered so they sort in the order they were written;
 * a shipped migration is never edited, only followed by a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_accounts': accounts,
  '0003_registration': registration,
  '0004_live': live,
  '0005_library': library,
  '0006_synergies': synergies,
  '0007_search_index': searchIndex,
  '0008_iso_country_codes': isoCountryCodes,
  '0009_job_claims_and_mail_keys': jobClaimsAndMailKeys,
  '0010_live_workshop': liveWorkshop,
  '0011_pages_redirects_wordpress': pagesRedirectsWordpress,
  '0012_live_quiz_moderation': liveQuizModeration,
  '0013_live_pace_templates': livePaceTemplates,
  '0014_search_word_pairs': searchWordPairs,
  '0015_newsletter': newsletter,
  '0016_report': report,
  '0017_passports': passports,
  '0018_child_events_index': childEventsIndex,
};
