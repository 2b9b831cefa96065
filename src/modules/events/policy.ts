import { isAdmin, type Actor } from '../../lib/policy.js';

/** Editors change events their projects organise; hub-only events (no project) are for admins. */
export const canEditEvent = (actor: Actor | null, organiserIds: number[]): boolean =>
  isAdmin(actor) || (actor?.role === 'editor' && organiserIds.some((id) => actor.projectIds.includes(id)));

/** Creating needs at least one project to organise it (admins may create hub events). */
export const canCreateEvent = (actor: Actor | null): boolean => isAdmin(actor) || (actor?.role === 'editor' && actor.projectIds.length > 0);
