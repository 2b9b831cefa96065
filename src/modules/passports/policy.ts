import { type Actor, canEditProject, isAdmin } from '../../lib/policy.js';
import { ACCESS_LEVELS, type Access, FIELD_BY_KEY } from './fields.js';
import type { Flat } from './document.js';

/** What the policy needs to know about a passport. */
export interface PassportFacts {
  projectId: number;
  status: 'active' | 'repurposed' | 'recycled';
  /** Data points the owner tightened. */
  access: Record<string, Access>;
}

/** What the policy needs to know about the reader beyond their account. */
export interface ReaderFacts {
  /** Set by an admin: market surveillance, customs, the Commission (Annex XIII point 3 readers). */
  authority: boolean;
  /** An approved, unexpired legitimate-interest request for this passport. */
  interestGranted: boolean;
}

/** The access level a data point has on this passport: the regulation's default unless the owner tightened it. */
export const levelOf = (passport: Pick<PassportFacts, 'access'>, key: string): Access => passport.access[key] ?? FIELD_BY_KEY.get(key)?.access ?? 'authority';

/** The owning project's editors and admins: they keep the data, so they read all of it. */
export const canEditPassport = (actor: Actor | null, passport: Pick<PassportFacts, 'projectId'>): boolean => canEditProject(actor, passport.projectId);

/**
 * The widest level a reader may see. Authorities see what persons with a legitimate interest see and more
 * (Annex XIII point 3 builds on point 2); a legitimate interest is granted per passport, for a period.
 */
export function clearance(actor: Actor | null, passport: Pick<PassportFacts, 'projectId'>, reader: ReaderFacts): Access {
  if (canEditPassport(actor, passport) || (actor && reader.authority)) return 'authority';
  if (actor && reader.interestGranted) return 'interest';
  return 'public';
}

/** True when a reader with `granted` clearance may see a data point of level `level`. */
export const mayRead = (granted: Access, level: Access): boolean => ACCESS_LEVELS.indexOf(level) <= ACCESS_LEVELS.indexOf(granted);

/** The data points this reader may see and those kept from them. */
export function visibleData(data: Flat, passport: Pick<PassportFacts, 'access'>, granted: Access): { visible: Flat; withheld: { key: string; level: Access }[] } {
  const visible: Flat = {};
  const withheld: { key: string; level: Access }[] = [];
  for (const [key, value] of Object.entries(data)) {
    const level = levelOf(passport, key);
    if (mayRead(granted, level)) visible[key] = value;
    else withheld.push({ key, level });
  }
  return { visible, withheld };
}

/** Reads of restricted data by people outside the owning project go to the audit log (Article 77 asks for accountability). */
export const readIsAudited = (actor: Actor | null, passport: Pick<PassportFacts, 'projectId'>, restrictedShown: number): boolean =>
  actor !== null && restrictedShown > 0 && !canEditPassport(actor, passport);

/** Editors (of some project) and admins keep passports; members and visitors read them. */
export const canKeepPassports = (actor: Actor | null): boolean => isAdmin(actor) || actor?.role === 'editor';

/** Anyone signed in may ask, except those who already see everything of this passport. */
export const canRequestAccess = (actor: Actor | null, passport: Pick<PassportFacts, 'projectId'>): boolean => actor !== null && !canEditPassport(actor, passport);

/** Only the owning project (or an admin) approves or refuses a request for its passport. */
export const canDecideRequest = canEditPassport;

/** A closed passport (its battery recycled) no longer changes; a repurposed one keeps its history but takes no new data. */
export const isOpen = (passport: Pick<PassportFacts, 'status'>): boolean => passport.status === 'active';

/** Authority status is a statement about a person's office: admins only. */
export const canManageAuthorities = (actor: Actor | null): boolean => isAdmin(actor);
