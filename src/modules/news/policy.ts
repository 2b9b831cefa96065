import { canEditProject, type Actor } from '../../lib/policy.js';

/** Editors write for their own projects; hub news (no project) is for admins. */
export const canWriteNewsFor = (actor: Actor | null, projectId: number | null): boolean => canEditProject(actor, projectId);

/** Editing, publishing and deleting follow the post's project. */
export const canEditNews = (actor: Actor | null, post: { projectId: number | null }): boolean => canEditProject(actor, post.projectId);

/** The news list in the back office: anyone who can write for at least one project. */
export const canListNews = (actor: Actor | null): boolean => actor?.role === 'admin' || (actor?.role === 'editor' && actor.projectIds.length > 0);
