import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  /** admin | editor | member */
  role: string;
  password_hash: string | null;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface UserProjectsTable {
  user_id: number;
  project_id: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a leaked database does not leak live sessions. */
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  created_at: string;
}

export interface AccountsTables {
  users: UsersTable;
  user_projects: UserProjectsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  auth_tokens: AuthTokensTable;
}

export interface AuthTokensTable {
  id: Generated<number>;
  /** SHA-256 of the secret in the link. */
  token_hash: string;
  /** magic | reset | invite */
  purpose: string;
  user_id: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
