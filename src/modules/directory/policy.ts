import { canEditProject, isAdmin, type Actor } from '../../lib/policy.js';

/** A project's profile, partners and logo: its editors and admins. */
export const canEditProjectProfile = (actor: Actor | null, projectId: number): boolean => canEditProject(actor, projectId);

/** Listing projects in the back office: admins, and editors (who see their own). */
export const canListProjects = (actor: Actor | null): boolean => isAdmin(actor) || actor?.role === 'editor';

/** New projects come through join requests or an admin; membership flags are the hub's decision. */
export const canCreateProject = (actor: Actor | null): boolean => isAdmin(actor);

/** People and organisations are shared by every project: admins keep them tidy. */
export const canManageDirectory = (actor: Actor | null): boolean => isAdmin(actor);
