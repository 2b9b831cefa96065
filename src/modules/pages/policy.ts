import { isAdmin, type Actor } from '../../lib/policy.js';

/** Static pages speak for the whole hub (about, privacy policy, legal notice): admins only. */
export const canManagePages = (actor: Actor | null): boolean => isAdmin(actor);
