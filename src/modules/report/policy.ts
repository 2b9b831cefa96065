import { isAdmin, type Actor } from '../../lib/policy.js';

/** The hub's report is the coordinator's; an editor sees the report of their own projects' events, a member none. */
export const canSeeReport = (actor: Actor | null): boolean => isAdmin(actor) || (actor?.role === 'editor' && actor.projectIds.length > 0);

/** Reporting periods are the hub's own (the contract's), set by its coordinators. */
export const canManagePeriods = (actor: Actor | null): boolean => isAdmin(actor);
