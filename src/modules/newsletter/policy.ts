import { isAdmin, type Actor } from '../../lib/policy.js';

/** Issues go to every subscriber of the hub and the suppression list overrides them all: coordinators only. */
export const canManageNewsletter = (actor: Actor | null): boolean => isAdmin(actor);
