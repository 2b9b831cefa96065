import type { Generated } from 'kysely';

export interface RegistrationSettingsTable {
  event_id: number;
  /** UTC ISO instants; null opens at once / closes when the event starts. */
  opens_at: string | null;
  closes_at: string | null;
  pre_registration: number;
  /** null = unlimited. */
  in_person_capacity: number | null;
  online_capacity: number | null;
  approval_required: number;
  /** JSON: { organisation, country, role, dietary: boolean; custom: string[] } */
  questions: string;
  privacy_notice: string;
  consent_text: string;
  retention_days: number;
  offer_hours: number;
  /** JSON array of hours before the start at which reminders go out. */
  reminder_hours: string;
  created_at: string;
  updated_at: string;
}

export interface RegistrationPoolsTable {
  event_id: number;
  /** in-person | online */
  mode: string;
  capacity: number | null;
  taken: Generated<number>;
}

export interface RegistrationsTable {
  id: Generated<number>;
  event_id: number;
  email: string;
  email_normalised: string;
  name: string;
  organisation: string | null;
  /** industry | research | university | public-body | association | other; optional. */
  organisation_type: string | null;
  country: string | null;
  role: string | null;
  dietary: string | null;
  /** JSON object: custom question → answer. */
  answers: string;
  /** in-person | online */
  mode: string;
  /** interested | pending | confirmed | waitlisted | offered | declined | lapsed | cancelled */
  status: string;
  /** 1 while this row counts in its pool's `taken`. */
  holds_seat: number;
  /** Place in the waiting list: arrival order (then id). */
  queued_at: string | null;
  offer_expires_at: string | null;
  checked_in_at: string | null;
  consent_at: string | null;
  anonymised_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RegistrationTables {
  registration_settings: RegistrationSettingsTable;
  registration_pools: RegistrationPoolsTable;
  registrations: RegistrationsTable;
}
