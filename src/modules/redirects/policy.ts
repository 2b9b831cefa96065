import { isAdmin, type Actor } from '../../lib/policy.js';

/** Redirects can send any old address anywhere on the site: admins only. */
export const canManageRedirects = (actor: Actor | null): boolean => isAdmin(actor);
