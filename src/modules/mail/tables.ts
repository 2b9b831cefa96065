import type { Generated } from 'kysely';

export interface MailMessagesTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON array of { filename, contentType, content (base64) }. */
  attachments: string;
  /** JSON object of extra headers (List-Unsubscribe and its one-click twin for newsletters). */
  headers: Generated<string>;
  /** queued | sent | stored (no SMTP configured) | failed */
  status: string;
  attempts: number;
  last_error: string | null;
  /** Optional: what made this message (e.g. one job's run); a second message with the same key is not queued. */
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailTables {
  mail_messages: MailMessagesTable;
}
