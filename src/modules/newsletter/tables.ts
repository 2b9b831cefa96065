import type { Generated } from 'kysely';

export interface NewsletterSubscribersTable {
  id: Generated<number>;
  email: string;
  /** pending | confirmed | unsubscribed */
  status: string;
  all_news: number;
  all_events: number;
  /** JSON array of project ids. */
  project_ids: string;
  /** JSON array of topic slugs. */
  topic_slugs: string;
  /** instant | weekly | monthly */
  frequency: string;
  consent_text: string;
  requested_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewsletterIssuesTable {
  id: Generated<number>;
  /** weekly | monthly */
  cadence: string;
  subject: string;
  intro: string;
  /** JSON array of DigestItem. */
  items: string;
  covers_from: string;
  /** draft | scheduled | sending | sent */
  status: string;
  scheduled_at: string | null;
  sending_started_at: string | null;
  sent_at: string | null;
  recipients: number;
  created_at: string;
  updated_at: string;
}

export interface NewsletterSuppressionsTable {
  email: string;
  reason: string;
  created_at: string;
}

export interface NewsletterAlertsTable {
  subject_key: string;
  recipients: number;
  created_at: string;
}

export interface NewsletterTables {
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_suppressions: NewsletterSuppressionsTable;
  newsletter_alerts: NewsletterAlertsTable;
}
