import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import { toSlug } from '../../lib/slug.js';
import { inviteUser } from '../accounts/service.js';
import { createProject, findProjectBySlug } from '../directory/service.js';
import { queueMail } from '../mail/service.js';
import type { JoinRequestsTable } from './tables.js';

export interface JoinRequest {
  id: number;
  acronym: string;
  title: string;
  grantId: string;
  contactName: string;
  contactEmail: string;
  why: string;
  status: 'pending' | 'approved' | 'declined';
  projectId: number | null;
  decidedAt: string | null;
  createdAt: string;
}

function toRequest(row: Selectable<JoinRequestsTable>): JoinRequest {
  return {
    id: row.id,
    acronym: row.acronym,
    title: row.title,
    grantId: row.grant_id,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    why: row.why,
    status: row.status as JoinRequest['status'],
    projectId: row.project_id,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

export interface JoinInput {
  acronym: string;
  title: string;
  grantId: string;
  contactName: string;
  contactEmail: string;
  why: string;
}

/** Stores a request to join and acknowledges it to the applicant in the same commit. */
export async function submitJoinRequest(db: Kysely<Database>, input: JoinInput): Promise<number> {
  return withTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('join_requests')
      .values({
        acronym: input.acronym,
        title: input.title,
        grant_id: input.grantId,
        contact_name: input.contactName,
        contact_email: input.contactEmail,
        why: input.why,
        status: 'pending',
        project_id: null,
        decided_by: null,
        decided_at: null,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queueMail(trx, {
      to: input.contactEmail,
      subject: `We received ${input.acronym}'s request to join the Cluster Hub`,
      text: `Dear ${input.contactName},\n\nThank you for asking to join the Cluster Hub with ${input.acronym} (${input.title}). The hub's coordinators will review your request and write to you at this address.\n\nThe Cluster Hub team`,
    });
    return id;
  });
}

/** Pending requests first (oldest first, the order to review them), then decided ones. */
export async function listJoinRequests(db: Kysely<Database>): Promise<JoinRequest[]> {
  const rows = await db.selectFrom('join_requests').selectAll().orderBy('status', 'desc').orderBy('created_at').limit(500).execute();
  const order = { pending: 0, approved: 1, declined: 1 } as const;
  return rows.map(toRequest).sort((a, b) => order[a.status] - order[b.status]);
}

export async function findJoinRequest(db: Kysely<Database>, id: number): Promise<JoinRequest | null> {
  const row = await db.selectFrom('join_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : null;
}

export type Decision = { ok: true; projectId?: number } | { ok: false; error: string };

/**
 * Approves a request: creates the member project (directory) and invites the contact as its
 * editor, all in one transaction so a failure leaves the request pending and nothing half-made.
 */
export async function approveJoinRequest(db: Kysely<Database>, id: number, decidedBy: { id: number; name: string }, baseUrl: string): Promise<Decision> {
  return withTransaction(db, async (trx) => {
    const request = await findJoinRequest(trx, id);
    if (!request || request.status !== 'pending') return { ok: false, error: 'This request has already been decided.' };
    const slug = toSlug(request.acronym);
    if (await findProjectBySlug(trx, slug)) return { ok: false, error: `A project with the address /projects/${slug} already exists.` };
    const projectId = await createProject(trx, { acronym: request.acronym, title: request.title, grantId: request.grantId, slug, isMember: true, joinedYear: new Date().getUTCFullYear() });
    await inviteUser(
      trx,
      {
        email: request.contactEmail,
        name: request.contactName,
        role: 'editor',
        projectIds: [projectId],
        invitedBy: decidedBy.name,
        purpose: `${request.acronym} is now a member of the Cluster Hub. As its editor you keep its profile, news and events up to date.`,
      },
      baseUrl,
    );
    await trx.updateTable('join_requests').set({ status: 'approved', project_id: projectId, decided_by: decidedBy.id, decided_at: nowIso() }).where('id', '=', id).execute();
    return { ok: true, projectId };
  });
}

/** Declines a request with a polite mail, optionally with the coordinators' own words. */
export async function declineJoinRequest(db: Kysely<Database>, id: number, decidedBy: { id: number }, note: string | null): Promise<Decision> {
  return withTransaction(db, async (trx) => {
    const request = await findJoinRequest(trx, id);
    if (!request || request.status !== 'pending') return { ok: false, error: 'This request has already been decided.' };
    await trx.updateTable('join_requests').set({ status: 'declined', decided_by: decidedBy.id, decided_at: nowIso() }).where('id', '=', id).execute();
    await queueMail(trx, {
      to: request.contactEmail,
      subject: `Your request to join the Cluster Hub (${request.acronym})`,
      text:
        `Dear ${request.contactName},\n\nThank you for your interest in the Cluster Hub and for telling us about ${request.acronym}. ` +
        `After careful review, the coordinators are not able to welcome the project as a member at this time.` +
        (note ? `\n\n${note}` : '') +
        `\n\nYou remain welcome at the hub's public events, and you may ask again if the project's scope changes.\n\nWith kind regards,\nThe Cluster Hub team`,
    });
    return { ok: true };
  });
}

/** How many requests wait for a decision (shown on the back-office overview). */
/** Join requests received in a period (UTC instants, end excluded), by where they stand now. */
export async function joinRequestsReceived(db: Kysely<Database>, period: { start: string; end: string }): Promise<{ status: string; requests: number }[]> {
  const rows = await db
    .selectFrom('join_requests')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', period.start)
    .where('created_at', '<', period.end)
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((row) => ({ status: row.status, requests: Number(row.n) }));
}

export async function countPendingJoinRequests(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('join_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(n);
}
