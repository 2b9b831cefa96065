import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { containsAny, nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/index.js';
import { preparedQuery } from '../../db/prepared.js';
import type { Database } from '../../db/types.js';
import { audit } from '../../lib/audit.js';
import type { Actor } from '../../lib/policy.js';
import { queueMail } from '../mail/service.js';
import { fetchPage } from '../../db/paging.js';

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

// Every request of a signed-in person resolves their session: built once (see preparedQuery).
const sessionQuery = preparedQuery((db, idHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.disabled', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash),
);
const userProjectsQuery = preparedQuery((db, userId: number) => db.selectFrom('user_projects').select('project_id').where('user_id', '=', userId));

/** The signed-in person behind a session token, or null when it is unknown, expired or disabled. */
export async function findActorBySession(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const [row] = await sessionQuery(db, hashToken(token));
  if (!row || row.disabled || row.expires_at < nowIso()) return null;
  const projects = await userProjectsQuery(db, row.id);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Actor['role'],
    projectIds: projects.map((p) => p.project_id),
  };
}

export const ROLES = ['admin', 'editor', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** argon2id with the library's defaults (memory-hard; tuned by its maintainers). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when the e-mail is unknown, so a wrong address takes as long as a wrong password.
const DUMMY_HASH = hash('not-a-real-password-' + randomBytes(8).toString('hex'));

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  projectIds: number[];
}

/** The user behind an e-mail address (case-insensitive), or null. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | null> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? findUserById(db, row.id) : null;
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const projects = await db.selectFrom('user_projects').select('project_id').where('user_id', '=', id).execute();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabled === 1,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    projectIds: projects.map((p) => p.project_id),
  };
}

/** Wrong passwords for one account within LOCK_MINUTES that pause password sign-in for it. */
export const MAX_FAILED_SIGN_INS = 10;
const LOCK_MINUTES = 15;

export type PasswordCheck = { status: 'ok'; userId: number } | { status: 'wrong' } | { status: 'locked' };

/**
 * Checks an e-mail and password. The same answer ("wrong") for an unknown address, a wrong
 * password, an account without password and a disabled account, so the form cannot be used to
 * discover who has an account. Each wrong password is recorded in the audit log; after
 * MAX_FAILED_SIGN_INS within LOCK_MINUTES the account answers "locked" (per-IP limits alone
 * do not stop guesses spread over many addresses). Sign-in by mailed link still works.
 */
export async function checkPassword(db: Kysely<Database>, email: string, password: string): Promise<PasswordCheck> {
  const row = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!row?.password_hash) {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return { status: 'wrong' };
  }
  const since = new Date(Date.now() - LOCK_MINUTES * 60_000).toISOString();
  const { n } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'sign-in-failed')
    .where('subject_type', '=', 'user')
    .where('subject_id', '=', String(row.id))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_FAILED_SIGN_INS) return { status: 'locked' };
  const ok = await verify(row.password_hash, password).catch(() => false);
  if (!ok) {
    await audit(db, { actor: null, action: 'sign-in-failed', subjectType: 'user', subjectId: row.id });
    return { status: 'wrong' };
  }
  return row.disabled ? { status: 'wrong' } : { status: 'ok', userId: row.id };
}

/** Sets a new password and ends every other session of the user (a reset means the old one may be known). */
export async function setPassword(db: Kysely<Database>, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export type TokenPurpose = 'magic' | 'reset' | 'invite';

/**
 * Deletes expired sessions, and sign-in links a week after they expired (until then a used or
 * expired link still gets its own message rather than "unknown").
 */
export async function deleteExpiredCredentials(db: Kysely<Database>, now = new Date()): Promise<{ sessions: number; tokens: number }> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const tokens = await db.deleteFrom('auth_tokens').where('expires_at', '<', weekAgo).executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), tokens: Number(tokens.numDeletedRows) };
}

/** How long each kind of link stays valid. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  magic: 15 * 60_000,
  reset: 60 * 60_000,
  invite: 7 * 86_400_000,
};

/** Issues a one-time link secret; only its hash is stored, so the database alone cannot sign anyone in. */
export async function issueToken(db: Kysely<Database>, userId: number, purpose: TokenPurpose, ttlMs = TOKEN_TTL_MS[purpose]): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('auth_tokens')
    .values({ token_hash: hashToken(token), purpose, user_id: userId, expires_at: new Date(Date.now() + ttlMs).toISOString(), used_at: null, created_at: nowIso() })
    .execute();
  return token;
}

export type TokenCheck = { ok: true; userId: number; purpose: TokenPurpose } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** Looks at a link without using it up (to show the confirmation page). */
export async function checkToken(db: Kysely<Database>, token: string, purposes: TokenPurpose[]): Promise<TokenCheck> {
  const row = await db.selectFrom('auth_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || !purposes.includes(row.purpose as TokenPurpose)) return { ok: false, reason: 'unknown' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (row.expires_at <= nowIso()) return { ok: false, reason: 'expired' };
  return { ok: true, userId: row.user_id, purpose: row.purpose as TokenPurpose };
}

/**
 * Uses a link up. The conditional update makes it single-use even when two requests race:
 * only one of them changes the row.
 */
export async function consumeToken(db: Kysely<Database>, token: string, purposes: TokenPurpose[]): Promise<TokenCheck> {
  const check = await checkToken(db, token, purposes);
  if (!check.ok) return check;
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: nowIso() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
  return check;
}

export interface UserListQuery {
  q?: string;
  page: number;
}

export const USERS_PAGE_SIZE = 25;

/** Users for the back office, searchable by name or e-mail. */
export async function listUsers(db: Kysely<Database>, query: UserListQuery) {
  let base = db.selectFrom('users');
  if (query.q) base = base.where(containsAny(db, ['name', 'email'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, USERS_PAGE_SIZE, (q) => q.select(['id', 'email', 'name', 'role', 'disabled', 'last_sign_in_at']).orderBy('email'));
  return { users: rows, ...pager };
}

/** Changes role, project scopes and the disabled flag; disabling ends the user's sessions at once. */
export async function updateUser(db: Kysely<Database>, id: number, change: { name: string; role: Role; projectIds: number[]; disabled: boolean }): Promise<void> {
  await withTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ name: change.name, role: change.role, disabled: change.disabled ? 1 : 0 }).where('id', '=', id).execute();
    await trx.deleteFrom('user_projects').where('user_id', '=', id).execute();
    if (change.projectIds.length) {
      await trx.insertInto('user_projects').values(change.projectIds.map((project_id) => ({ user_id: id, project_id }))).execute();
    }
    if (change.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
}

/** Adds project scopes to an existing user without removing others. */
export async function grantProjects(db: Kysely<Database>, userId: number, projectIds: number[]): Promise<void> {
  for (const projectId of projectIds) {
    await db.insertInto('user_projects').values({ user_id: userId, project_id: projectId }).onConflict((oc) => oc.doNothing()).execute();
  }
}

function mailHtml(paragraphs: string[], link: { href: string; label: string }): string {
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}<p><a href="${esc(link.href)}">${esc(link.label)}</a></p>`;
}

/** Mails a one-time sign-in link (the caller has already checked the address belongs to an active user). */
export async function sendMagicLink(db: Kysely<Database>, user: { id: number; email: string }, baseUrl: string): Promise<void> {
  const token = await issueToken(db, user.id, 'magic');
  const href = `${baseUrl}/auth/link/${token}`;
  const lines = ['Someone (probably you) asked for a link to sign in to the Cluster Hub.', 'The link works once, within 15 minutes.'];
  await queueMail(db, {
    to: user.email,
    subject: 'Your sign-in link for the Cluster Hub',
    text: `${lines.join('\n')}\n\n${href}\n\nIf you did not ask for it, ignore this message.`,
    html: mailHtml([...lines, 'If you did not ask for it, ignore this message.'], { href, label: 'Sign in to the Cluster Hub' }),
  });
}

/** Mails a link to choose a new password. */
export async function sendPasswordReset(db: Kysely<Database>, user: { id: number; email: string }, baseUrl: string): Promise<void> {
  const token = await issueToken(db, user.id, 'reset');
  const href = `${baseUrl}/auth/password/${token}`;
  const lines = ['Someone (probably you) asked to reset your Cluster Hub password.', 'The link works once, within one hour.'];
  await queueMail(db, {
    to: user.email,
    subject: 'Reset your Cluster Hub password',
    text: `${lines.join('\n')}\n\n${href}\n\nIf you did not ask for it, ignore this message: your password stays as it is.`,
    html: mailHtml([...lines, 'If you did not ask for it, ignore this message: your password stays as it is.'], { href, label: 'Choose a new password' }),
  });
}

export interface Invitation {
  email: string;
  name: string;
  role: Role;
  projectIds: number[];
  /** Who sends it, named in the message. */
  invitedBy: string;
  /** A sentence about what the account is for, e.g. the project's name. */
  purpose?: string;
}

/**
 * Invites someone by e-mail: creates the account (or adds project scopes to an existing one)
 * and mails a link, valid for a week, to choose a password. Returns the user id.
 */
export async function inviteUser(db: Kysely<Database>, invitation: Invitation, baseUrl: string): Promise<number> {
  const existing = await findUserByEmail(db, invitation.email);
  let userId: number;
  if (existing) {
    userId = existing.id;
    await grantProjects(db, userId, invitation.projectIds);
    // Never lower an existing role through an invitation.
    if (existing.role === 'member' && invitation.role !== 'member') {
      await db.updateTable('users').set({ role: invitation.role }).where('id', '=', userId).execute();
    }
  } else {
    userId = await createUser(db, { email: invitation.email, name: invitation.name, role: invitation.role, projectIds: invitation.projectIds });
  }
  const token = await issueToken(db, userId, 'invite');
  const href = `${baseUrl}/auth/password/${token}`;
  const lines = [
    `Hello ${invitation.name},`,
    `${invitation.invitedBy} invited you to the Cluster Hub as ${invitation.role === 'admin' ? 'an administrator' : `a${invitation.role === 'editor' ? 'n editor' : ' member'}`}.`,
    ...(invitation.purpose ? [invitation.purpose] : []),
    'Choose a password to activate your account; the link works once, within 7 days.',
  ];
  await queueMail(db, {
    to: invitation.email,
    subject: 'You are invited to the Cluster Hub',
    text: `${lines.join('\n\n')}\n\n${href}`,
    html: mailHtml(lines, { href, label: 'Choose your password' }),
  });
  return userId;
}

export interface AuditEntry {
  id: number;
  userId: number | null;
  userEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: string;
  createdAt: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, optionally filtered by words in action, subject or person. */
export async function listAudit(db: Kysely<Database>, query: { q?: string; page: number }) {
  let base = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.user_id');
  if (query.q) base = base.where(containsAny(db, ['audit_log.action', 'audit_log.subject_type', 'audit_log.detail', 'users.email'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, AUDIT_PAGE_SIZE, (q) =>
    q
      .select(['audit_log.id', 'audit_log.user_id', 'users.email', 'audit_log.action', 'audit_log.subject_type', 'audit_log.subject_id', 'audit_log.detail', 'audit_log.created_at'])
      .orderBy('audit_log.id', 'desc'),
  );
  const entries: AuditEntry[] = rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userEmail: r.email ?? null,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    detail: r.detail,
    createdAt: r.created_at,
  }));
  return { entries, ...pager };
}
