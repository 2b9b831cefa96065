/** The registration module's vocabulary: modes, statuses, settings and the shape of a registration. */

export const MODES = ['in-person', 'online'] as const;
export type Mode = (typeof MODES)[number];
export const MODE_LABELS: Record<Mode, string> = { 'in-person': 'In person', online: 'Online' };
/** The place itself, as a sentence names it: "your in-person place", "no online places left". */
export const PLACE_NAMES: Record<Mode, string> = { 'in-person': 'in-person place', online: 'online place' };

export const STATUSES = ['interested', 'pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'lapsed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  interested: 'Pre-registered (interest)',
  pending: 'Awaiting approval',
  confirmed: 'Confirmed',
  waitlisted: 'On the waiting list',
  offered: 'Place offered',
  declined: 'Declined by the organisers',
  lapsed: 'Offer expired or declined',
  cancelled: 'Cancelled',
};

/** Job kinds of this module. */
export const JOBS = {
  mail: 'registration.mail',
  offerExpiry: 'registration.offer-expiry',
  reminders: 'registration.reminders',
  invite: 'registration.invite-interested',
  purge: 'registration.purge',
} as const;

/** Why a registration mail is sent; the mail job renders the message from the registration's state at sending time. */
export type MailKind = 'registered' | 'approved' | 'declined' | 'offer' | 'lapsed' | 'changed' | 'cancelled' | 'reminder' | 'invite' | 'link';

export interface Questions {
  organisation: boolean;
  country: boolean;
  role: boolean;
  dietary: boolean;
  /** Custom questions, answered in free text. */
  custom: string[];
}

export interface RegistrationSettings {
  eventId: number;
  opensAt: string | null;
  closesAt: string | null;
  preRegistration: boolean;
  inPersonCapacity: number | null;
  onlineCapacity: number | null;
  approvalRequired: boolean;
  questions: Questions;
  privacyNotice: string;
  consentText: string;
  retentionDays: number;
  offerHours: number;
  reminderHours: number[];
}

export type SettingsInput = Omit<RegistrationSettings, 'eventId'>;

export interface Registration {
  id: number;
  eventId: number;
  email: string;
  name: string;
  organisation: string | null;
  organisationType: OrganisationType | null;
  country: string | null;
  role: string | null;
  dietary: string | null;
  answers: Record<string, string>;
  mode: Mode;
  status: Status;
  holdsSeat: boolean;
  queuedAt: string | null;
  offerExpiresAt: string | null;
  checkedInAt: string | null;
  consentAt: string | null;
  anonymised: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationInput {
  name: string;
  email: string;
  organisation?: string | null;
  organisationType?: OrganisationType | null;
  country?: string | null;
  role?: string | null;
  dietary?: string | null;
  answers: Record<string, string>;
  mode: Mode;
  /** What to do when the chosen mode is full: wait for a place, or take an online place instead. */
  ifFull: 'waitlist' | 'online';
}

/** The kinds of organisation a person may say they come from (optional), for the impact report's figures. */
export const ORGANISATION_TYPES = ['industry', 'research', 'university', 'public-body', 'association', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  industry: 'Industry',
  research: 'Research organisation',
  university: 'University',
  'public-body': 'Public body',
  association: 'Association',
  other: 'Other',
};

export const DEFAULT_QUESTIONS: Questions = { organisation: true, country: true, role: false, dietary: false, custom: [] };

/** The modes an event's format allows: a hybrid event has both pools. */
export function modesOf(format: string): Mode[] {
  if (format === 'in-person') return ['in-person'];
  if (format === 'online') return ['online'];
  return ['in-person', 'online'];
}

/** One person, one address: case and surrounding spaces do not make a second registration. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Statuses in which a registration still holds, waits for or is offered a place. */
export const ACTIVE: Status[] = ['interested', 'pending', 'confirmed', 'waitlisted', 'offered'];
