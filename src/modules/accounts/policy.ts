import { isAdmin, type Actor } from '../../lib/policy.js';

/** Only admins create, invite, change or disable accounts. */
export const canManageUsers = (actor: Actor | null): boolean => isAdmin(actor);

/** The back office is for admins and editors; members have nothing to manage there yet. */
export const canUseBackOffice = (actor: Actor | null): boolean => actor?.role === 'admin' || actor?.role === 'editor';

/** The audit log and the mailbox hold personal data of everyone: admins only. */
export const canReadAudit = (actor: Actor | null): boolean => isAdmin(actor);
