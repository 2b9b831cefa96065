import type { Generated } from 'kysely';

export interface PassportsTable {
  id: Generated<number>;
  /** The URN printed on the battery and in its QR code. */
  identifier: string;
  project_id: number;
  model: string;
  /** ev | lmt | industrial */
  category: string;
  /** active | repurposed (a second life took over) | recycled (closed) */
  status: string;
  /** The passport of the battery this one was built from (second life). */
  origin_id: number | null;
  /** The recycled passport whose recovered materials this battery's recycled content cites. */
  source_id: number | null;
  demonstrator: number;
  /** JSON: the current data points, keyed by catalogue key, numbers without units (fields.ts holds them). */
  data: string;
  /** JSON: data points whose access the owner tightened. */
  access: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PassportVersionsTable {
  passport_id: number;
  version: number;
  /** create | edit | reading | second-life | repurposed | recycled */
  kind: string;
  user_id: number | null;
  /** Seconds since 1970 (UTC): a fifth of an ISO string's bytes over twenty million rows. */
  at: number;
  /** JSON: what changed (history.ts). */
  change: string;
}

export interface PassportAccessRequestsTable {
  id: Generated<number>;
  passport_id: number;
  user_id: number;
  reason: string;
  /** pending | approved | refused */
  status: string;
  decided_by: number | null;
  decided_at: string | null;
  /** An approval's end. */
  expires_at: string | null;
  created_at: string;
}

export interface PassportAuthoritiesTable {
  user_id: number;
  /** The office the person reads for, e.g. a market surveillance authority. */
  body: string;
  granted_by: number | null;
  granted_at: string;
}

export interface PassportsTables {
  passports: PassportsTable;
  passport_versions: PassportVersionsTable;
  passport_access_requests: PassportAccessRequestsTable;
  passport_authorities: PassportAuthoritiesTable;
}
