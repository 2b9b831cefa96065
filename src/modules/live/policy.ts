import { type Actor, canEditProject, isAdmin } from '../../lib/policy.js';

/**
 * Who may run a live session of an event: an admin, or an editor of one of the projects that
 * organise the event.
 */
export const canModerateEvent = (actor: Actor | null, organiserProjectIds: number[]): boolean =>
  isAdmin(actor) || organiserProjectIds.some((id) => canEditProject(actor, id));

/** Creating sessions at all: admins and project editors (the event then narrows it down). */
export const canRunSessions = (actor: Actor | null): boolean => isAdmin(actor) || actor?.role === 'editor';
