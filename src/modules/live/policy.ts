import { type Actor, isAdmin } from '../../lib/policy.js';

/** A live session of an event is run by the event's organisers: the events module owns that rule. */
export { canOrganiseEvent as canModerateEvent } from '../events/service.js';

/** Creating sessions at all: admins and project editors (the event then narrows it down). */
export const canRunSessions = (actor: Actor | null): boolean => isAdmin(actor) || actor?.role === 'editor';
