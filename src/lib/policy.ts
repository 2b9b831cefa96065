import { Forbidden, Unauthorized } from './errors.js';

/** The signed-in person as every policy sees them. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'editor' | 'member';
  /** Projects an editor may edit. */
  projectIds: number[];
}

export const isAdmin = (actor: Actor | null): boolean => actor?.role === 'admin';

/** An editor of this project, or an admin. */
export const canEditProject = (actor: Actor | null, projectId: number | null): boolean =>
  isAdmin(actor) || (actor?.role === 'editor' && projectId !== null && actor.projectIds.includes(projectId));

/** The projects whose events and posts this person's back office shows: all (undefined) for an admin, an editor's own, none for a member. */
export const projectScope = (actor: Actor): number[] | undefined => (isAdmin(actor) ? undefined : actor.role === 'editor' ? actor.projectIds : []);

/** Throws 401 for an anonymous person and 403 for a signed-in one when the rule refuses. */
export function authorize(actor: Actor | null, allowed: boolean): asserts actor is Actor {
  if (!actor) throw new Unauthorized();
  if (!allowed) throw new Forbidden();
}
