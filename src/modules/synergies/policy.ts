import { type Actor, isAdmin } from '../../lib/policy.js';

/** Topic discussions are for signed-in members of the hub (any role). */
export const canReadDiscussion = (actor: Actor | null): boolean => actor !== null;
export const canPostInDiscussion = (actor: Actor | null): boolean => actor !== null;
/** Join candidates are the coordinator's prospecting list. */
export const canSeeJoinCandidates = (actor: Actor | null): boolean => isAdmin(actor);
