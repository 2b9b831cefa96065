import type { Kysely } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { findUserByEmail, findUserById } from '../accounts/service.js';

// Who may read restricted data points: legitimate-interest requests per passport, and the authorities list.

export type RequestStatus = 'pending' | 'approved' | 'refused';

export interface AccessRequest {
  id: number;
  passportId: number;
  identifier: string;
  model: string;
  projectId: number;
  userId: number;
  requester: string;
  requesterEmail: string;
  reason: string;
  status: RequestStatus;
  decidedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
}

/** True while an approval for this person and passport runs. */
export async function hasInterestGrant(db: Kysely<Database>, userId: number, passportId: number, now = nowIso()): Promise<boolean> {
  const row = await db
    .selectFrom('passport_access_requests')
    .select('id')
    .where('user_id', '=', userId)
    .where('passport_id', '=', passportId)
    .where('status', '=', 'approved')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isAuthority(db: Kysely<Database>, userId: number): Promise<boolean> {
  return (await db.selectFrom('passport_authorities').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

/** Files a request; one open request per person and passport is enough. */
export async function requestAccess(db: Kysely<Database>, passportId: number, userId: number, reason: string): Promise<void> {
  const open = await db.selectFrom('passport_access_requests').select('id').where('user_id', '=', userId).where('passport_id', '=', passportId).where('status', '=', 'pending').executeTakeFirst();
  if (open) throw new Conflict('You have asked already; the owning project has not decided yet.');
  await db.insertInto('passport_access_requests').values({ passport_id: passportId, user_id: userId, reason, status: 'pending', decided_by: null, decided_at: null, expires_at: null, created_at: nowIso() }).execute();
}

function requests(db: Kysely<Database>) {
  return db
    .selectFrom('passport_access_requests as r')
    .innerJoin('passports as p', 'p.id', 'r.passport_id')
    .select([
      'r.id',
      'r.passport_id as passportId',
      'p.identifier',
      'p.model',
      'p.project_id as projectId',
      'r.user_id as userId',
      'r.reason',
      'r.status',
      'r.decided_at as decidedAt',
      'r.expires_at as expiresAt',
      'r.created_at as createdAt',
    ]);
}

/** Requests for the passports of these projects (all of them for an admin: undefined), open ones first. */
type RequestRow = Omit<AccessRequest, 'requester' | 'requesterEmail'>;

/** People's names and addresses come from the accounts module, not from its table. */
async function withPeople(db: Kysely<Database>, rows: RequestRow[]): Promise<AccessRequest[]> {
  const people = new Map<number, { name: string; email: string }>();
  for (const id of new Set(rows.map((r) => r.userId))) {
    const user = await findUserById(db, id);
    people.set(id, { name: user?.name ?? 'A former user', email: user?.email ?? '' });
  }
  return rows.map((r) => ({ ...r, status: r.status as RequestStatus, requester: people.get(r.userId)!.name, requesterEmail: people.get(r.userId)!.email }));
}

/** Requests for the passports of these projects (all of them for an admin: undefined), open ones first. */
export async function listRequests(db: Kysely<Database>, projectIds: number[] | undefined): Promise<AccessRequest[]> {
  let query = requests(db);
  if (projectIds) query = projectIds.length ? query.where('p.project_id', 'in', projectIds) : query.where('r.id', '=', -1);
  return withPeople(db, (await query.orderBy('r.status', 'desc').orderBy('r.id', 'desc').limit(200).execute()) as RequestRow[]);
}

export async function findRequest(db: Kysely<Database>, id: number): Promise<AccessRequest | null> {
  const row = await requests(db).where('r.id', '=', id).executeTakeFirst();
  return row ? (await withPeople(db, [row as RequestRow]))[0] : null;
}

/** A person's own requests for one passport, newest first. */
export async function requestsOf(db: Kysely<Database>, userId: number, passportId: number): Promise<AccessRequest[]> {
  return withPeople(db, (await requests(db).where('r.user_id', '=', userId).where('r.passport_id', '=', passportId).orderBy('r.id', 'desc').execute()) as RequestRow[]);
}

export async function decideRequest(db: Kysely<Database>, request: AccessRequest, decision: { approve: boolean; until: string | null }, deciderId: number): Promise<void> {
  if (request.status !== 'pending') throw new Conflict('This request has been decided already.');
  await db
    .updateTable('passport_access_requests')
    .set({ status: decision.approve ? 'approved' : 'refused', decided_by: deciderId, decided_at: nowIso(), expires_at: decision.approve ? decision.until : null })
    .where('id', '=', request.id)
    .where('status', '=', 'pending')
    .execute();
}

export interface Authority {
  userId: number;
  name: string;
  email: string;
  body: string;
  grantedAt: string;
}

export async function listAuthorities(db: Kysely<Database>): Promise<Authority[]> {
  const rows = await db.selectFrom('passport_authorities').selectAll().orderBy('granted_at').execute();
  const list: Authority[] = [];
  for (const row of rows) {
    const user = await findUserById(db, row.user_id);
    if (user) list.push({ userId: row.user_id, name: user.name, email: user.email, body: row.body, grantedAt: row.granted_at });
  }
  return list;
}

/** Marks an account as reading for an authority; the account must exist (the person signs in as usual). */
export async function grantAuthority(db: Kysely<Database>, email: string, body: string, grantedBy: number): Promise<number> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new NotFound('There is no account with this address: invite the person first.');
  if (await isAuthority(db, user.id)) throw new Conflict('This person is on the list already.');
  await db.insertInto('passport_authorities').values({ user_id: user.id, body, granted_by: grantedBy, granted_at: nowIso() }).execute();
  return user.id;
}

export async function revokeAuthority(db: Kysely<Database>, userId: number): Promise<string | null> {
  const user = await findUserById(db, userId);
  await db.deleteFrom('passport_authorities').where('user_id', '=', userId).execute();
  return user?.email ?? null;
}
