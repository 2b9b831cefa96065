import type { Generated } from 'kysely';

export interface JoinRequestsTable {
  id: Generated<number>;
  acronym: string;
  title: string;
  grant_id: string;
  contact_name: string;
  contact_email: string;
  why: string;
  /** pending | approved | declined */
  status: string;
  project_id: number | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface MembershipTables {
  join_requests: JoinRequestsTable;
}
