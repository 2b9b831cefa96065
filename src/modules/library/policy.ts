import { type Actor, canEditProject, isAdmin } from '../../lib/policy.js';
import { canOrganiseEvent } from '../events/service.js';
import type { Attachment } from './service.js';

/**
 * Who may add or change documents and photos: an admin anywhere; an editor for their own
 * projects and for the events (and their sessions) those projects organise.
 * `organiserIds` are the projects organising the attachment's event, when there is one.
 */
export const canManage = (actor: Actor | null, attachment: Attachment, organiserIds: number[]): boolean => {
  if (isAdmin(actor)) return true;
  if (attachment.type === 'hub') return false;
  if (attachment.type === 'project') return canEditProject(actor, attachment.projectId);
  return canOrganiseEvent(actor, organiserIds);
};

/** The back office pages of the library: admins and project editors. */
export const canUseLibraryAdmin = (actor: Actor | null): boolean => isAdmin(actor) || actor?.role === 'editor';
