import { type Actor, canEditProject, isAdmin } from '../../lib/policy.js';

/**
 * The organisers of an event: admins, and editors of a project that organises it; a hub-only event (no project) is
 * the admins'. The one rule behind editing an event and running its registrations, live sessions and documents, so
 * those modules ask this one instead of writing it again.
 */
export const canOrganiseEvent = (actor: Actor | null, organiserIds: number[]): boolean =>
  isAdmin(actor) || organiserIds.some((projectId) => canEditProject(actor, projectId));

/** Creating needs at least one project to organise it (admins may create hub events). */
export const canCreateEvent = (actor: Actor | null): boolean => isAdmin(actor) || (actor?.role === 'editor' && actor.projectIds.length > 0);
