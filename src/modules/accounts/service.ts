import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import type { Actor } from '../../lib/policy.js';

export const SESSION_COOKIE = 'sid';
const SESSION_DAYS = 30;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewUser {
  email: string;
  name: string;
  role: Actor['role'];
  projectIds?: number[];
  passwordHash?: string | null;
}

/** Creates a user (e-mail stored lower-case) and their project scopes; returns the new id. */
export async function createUser(db: Kysely<Database>, user: NewUser): Promise<number> {
  return withTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('users')
      .values({
        email: user.email.trim().toLowerCase(),
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash ?? null,
        disabled: 0,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (user.projectIds?.length) {
      await trx
        .insertInto('user_projects')
        .values(user.projectIds.map((project_id) => ({ user_id: id, project_id })))
        .execute();
    }
    return id;
  });
}

/** Starts a server-side session and returns the secret token for the cookie. */
export async function createSession(db: Kysely<Database>, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto('sessions')
    .values({ id_hash: hashToken(token), user_id: userId, created_at: nowIso(), expires_at: expiresAt.toISOString() })
    .execute();
  await db.updateTable('users').set({ last_sign_in_at: nowIso() }).where('id', '=', userId).execute();
  return { token, expiresAt };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
}

/** The signed-in person behind a session token, or null when it is unknown, expired or disabled. */
export async function findActorBySession(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.disabled', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expires_at < nowIso()) return null;
  const projects = await db.selectFrom('user_projects').select('project_id').where('user_id', '=', row.id).execute();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Actor['role'],
    projectIds: projects.map((p) => p.project_id),
  };
}

/** Records who changed what, for the back office's audit log. */
export async function audit(
  db: Kysely<Database>,
  entry: { actor: Actor | null; action: string; subjectType: string; subjectId?: string | number | null; detail?: string },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.actor?.id ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      detail: entry.detail ?? '',
      created_at: nowIso(),
    })
    .execute();
}
