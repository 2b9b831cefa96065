/** Stored rows to the module's own shapes; only this module's files read its tables. */

import type { Selectable } from 'kysely';
import { parseJsonOr } from '../../lib/json.js';
import { DEFAULT_QUESTIONS, type Mode, type OrganisationType, type Questions, type Registration, type RegistrationSettings, type Status } from './model.js';
import type { RegistrationSettingsTable, RegistrationsTable } from './tables.js';

export function toSettings(row: Selectable<RegistrationSettingsTable>): RegistrationSettings {
  const hours = parseJsonOr<unknown>(row.reminder_hours, []);
  const reminderHours = Array.isArray(hours) ? hours.filter((h): h is number => typeof h === 'number') : [];
  return {
    eventId: row.event_id,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    preRegistration: row.pre_registration === 1,
    inPersonCapacity: row.in_person_capacity,
    onlineCapacity: row.online_capacity,
    approvalRequired: row.approval_required === 1,
    // Questions added to the form later read as their default in settings saved before them.
    questions: { ...DEFAULT_QUESTIONS, ...parseJsonOr<Partial<Questions>>(row.questions, {}) },
    privacyNotice: row.privacy_notice,
    consentText: row.consent_text,
    retentionDays: row.retention_days,
    offerHours: row.offer_hours,
    reminderHours,
  };
}

export function toRegistration(row: Selectable<RegistrationsTable>): Registration {
  return {
    id: row.id,
    eventId: row.event_id,
    email: row.email,
    name: row.name,
    organisation: row.organisation,
    organisationType: row.organisation_type as OrganisationType | null,
    country: row.country,
    role: row.role,
    dietary: row.dietary,
    answers: parseJsonOr<Record<string, string>>(row.answers, {}),
    mode: row.mode as Mode,
    status: row.status as Status,
    holdsSeat: row.holds_seat === 1,
    queuedAt: row.queued_at,
    offerExpiresAt: row.offer_expires_at,
    checkedInAt: row.checked_in_at,
    consentAt: row.consent_at,
    anonymised: row.anonymised_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
