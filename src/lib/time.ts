import { DateTime } from 'luxon';

/** "19 February 2024" in the event's zone. */
export function formatDate(iso: string, zone = 'Europe/Brussels'): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** "09:00" in the given zone. */
export function formatTime(iso: string, zone = 'Europe/Brussels'): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('en-GB').toFormat('HH:mm');
}

/** Short zone name as people read it: CET, CEST, EET… */
export function zoneAbbreviation(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('en-GB').toFormat('ZZZZ');
}

/**
 * A date range people read at a glance, always with its time zone:
 * "Thursday 18 April 2024, 13:30–17:00 CEST" or "9–11 September 2024".
 */
export function formatRange(startIso: string, endIso: string, zone: string, allDay = false): string {
  const start = DateTime.fromISO(startIso, { zone: 'utc' }).setZone(zone).setLocale('en-GB');
  const end = DateTime.fromISO(endIso, { zone: 'utc' }).setZone(zone).setLocale('en-GB');
  if (allDay) {
    if (start.hasSame(end, 'day')) return start.toFormat('cccc d LLLL yyyy');
    if (start.hasSame(end, 'month')) return `${start.toFormat('d')}–${end.toFormat('d LLLL yyyy')}`;
    if (start.hasSame(end, 'year')) return `${start.toFormat('d LLLL')} – ${end.toFormat('d LLLL yyyy')}`;
    return `${start.toFormat('d LLLL yyyy')} – ${end.toFormat('d LLLL yyyy')}`;
  }
  const abbr = start.toFormat('ZZZZ');
  if (start.hasSame(end, 'day')) return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} ${abbr}`;
  return `${start.toFormat('d LLLL yyyy, HH:mm')} – ${end.toFormat('d LLLL yyyy, HH:mm')} ${abbr}`;
}

/** A wall-clock time in a zone ("2024-02-19T09:00", "Europe/Brussels") → UTC ISO instant. */
export function zonedToUtc(local: string, zone: string): string {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`invalid local time ${local} in ${zone}`);
  return dt.toUTC().toISO()!;
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).setLocale('en-GB').isValid;
}

/** A UTC instant as the value of a datetime-local input in a zone ("2024-02-19T09:00"). */
export function utcToZonedInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}
