import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { emailField } from '../../lib/forms.js';
import { findProjectBySlug } from '../directory/service.js';
import { audit } from '../../lib/audit.js';
import { createUser, findUserByEmail, grantProjects, issueToken, ROLES, type Role } from './service.js';

/** A sign-in link printed by the CLI is for a person at the console: it lives a day rather than 15 minutes. */
const CLI_LINK_TTL_MS = 24 * 3_600_000;

/**
 * `users add --email … --role admin [--name …] [--project slug]`: creates the account (or updates
 * the scopes of an existing one) and returns a one-time sign-in link, so a fresh install gets its
 * first admin without mail.
 */
export async function addUserCommand(db: Kysely<Database>, baseUrl: string, args: string[]): Promise<{ code: number; out: string }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string', default: 'member' }, name: { type: 'string' }, project: { type: 'string', multiple: true } },
  });
  if (positionals[0] !== 'add') return { code: 1, out: 'Usage: cluster-hub users add --email ADDRESS --role admin|editor|member [--name NAME] [--project SLUG]…' };
  const email = emailField().safeParse(values.email ?? '');
  if (!email.success) return { code: 1, out: `--email: ${email.error.issues[0].message}` };
  if (!ROLES.includes(values.role as Role)) return { code: 1, out: `--role must be one of ${ROLES.join(', ')}` };
  const role = values.role as Role;
  const projectIds: number[] = [];
  for (const slug of values.project ?? []) {
    const project = await findProjectBySlug(db, slug);
    if (!project) return { code: 1, out: `--project: no project with slug "${slug}"` };
    projectIds.push(project.id);
  }
  const name = values.name?.trim() || email.data.split('@')[0];
  const existing = await findUserByEmail(db, email.data);
  let userId: number;
  if (existing) {
    userId = existing.id;
    await db.updateTable('users').set({ role, disabled: 0 }).where('id', '=', userId).execute();
    await grantProjects(db, userId, projectIds);
  } else {
    userId = await createUser(db, { email: email.data, name, role, projectIds });
  }
  const token = await issueToken(db, userId, 'magic', CLI_LINK_TTL_MS);
  await audit(db, { actor: null, action: existing ? 'update' : 'create', subjectType: 'user', subjectId: userId, detail: `command line: ${email.data} as ${role}` });
  return {
    code: 0,
    out: `${existing ? 'Updated' : 'Created'} ${email.data} (${role}). One-time sign-in link, valid for 24 hours:\n${baseUrl}/auth/link/${token}`,
  };
}
