import { canEditProject, isAdmin, type Actor } from '../../lib/policy.js';

/** Organisers of an event: admins, and editors of a project that organises it. */
export const canOrganise = (actor: Actor | null, organisingProjectIds: number[]): boolean =>
  isAdmin(actor) || organisingProjectIds.some((projectId) => canEditProject(actor, projectId));
