import { isAdmin, type Actor } from '../../lib/policy.js';

/** Anyone may ask to join; no account needed. */
export const canAskToJoin = (_actor: Actor | null): boolean => true;

/** Only the hub's coordinators decide who joins. */
export const canReviewJoinRequests = (actor: Actor | null): boolean => isAdmin(actor);
