import { DateTime } from 'luxon';

/**
 * Display formatting uses the platform's Intl with one cached formatter per zone: building a
 * formatter is the expensive part, and an event page formats dozens of times. (Luxon rebuilt
 * them per call and cost 90–650 µs a format.) Luxon stays for parsing wall-clock input.
 */
interface ZonedParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

// Pages show the same few hundred instants again and again (programme slots, event dates).
const partsCache = new Map<string, ZonedParts>();
const PARTS_CACHE_SIZE = 10_000;

function zoned(iso: string, zone: string): ZonedParts {
  const key = `${zone} ${iso}`;
  let cached = partsCache.get(key);
  if (!cached) {
    cached = computeParts(iso, zone);
    if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
    partsCache.set(key, cached);
  }
  return cached;
}

function computeParts(iso: string, zone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(iso))) parts[part.type] = part.value;
  return {
    weekday: parts.weekday,
    day: parts.day,
    month: parts.month,
    year: parts.year,
    hour: parts.hour,
    minute: parts.minute,
    zoneName: parts.timeZoneName,
  };
}

/** Where the hub is when HUB_TIME_ZONE does not say. */
export const DEFAULT_HUB_TIME_ZONE = 'Europe/Brussels';

let hubZone = DEFAULT_HUB_TIME_ZONE;

/**
 * Sets the zone of times that belong to no event, from the configuration, once at start. It is module state
 * rather than a parameter because views deep in the tree print such times and the zone is the same for the
 * whole process.
 */
export function setHubTimeZone(zone: string): void {
  hubZone = zone;
}

/** The zone of times that belong to no event (HUB_TIME_ZONE). */
export function hubTimeZone(): string {
  return hubZone;
}

/** "19 February 2024" in the given zone, by default the hub's. */
export function formatDate(iso: string, zone = hubZone): string {
  const p = zoned(iso, zone);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "09:00" in the given zone, by default the hub's. */
export function formatTime(iso: string, zone = hubZone): string {
  const p = zoned(iso, zone);
  return `${p.hour}:${p.minute}`;
}

/** "19 February 2024, 09:00 CET": one instant with its zone, by default the hub's. */
export function formatInstant(iso: string, zone = hubZone): string {
  const p = zoned(iso, zone);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.zoneName}`;
}

/** Short zone name as people read it: CET, CEST, EET… */
export function zoneAbbreviation(iso: string, zone: string): string {
  return zoned(iso, zone).zoneName;
}

/**
 * A date range people read at a glance, always with its time zone:
 * "Thursday 18 April 2024, 13:30–17:00 CEST" or "9–11 September 2024".
 */
export function formatRange(startIso: string, endIso: string, zone: string, allDay = false): string {
  const start = zoned(startIso, zone);
  const end = zoned(endIso, zone);
  const sameYear = start.year === end.year;
  const sameMonth = sameYear && start.month === end.month;
  const sameDay = sameMonth && start.day === end.day;
  if (allDay) {
    if (sameDay) return `${start.weekday} ${start.day} ${start.month} ${start.year}`;
    if (sameMonth) return `${start.day}–${end.day} ${end.month} ${end.year}`;
    if (sameYear) return `${start.day} ${start.month} – ${end.day} ${end.month} ${end.year}`;
    return `${start.day} ${start.month} ${start.year} – ${end.day} ${end.month} ${end.year}`;
  }
  if (sameDay) return `${start.weekday} ${start.day} ${start.month} ${start.year}, ${start.hour}:${start.minute}–${end.hour}:${end.minute} ${start.zoneName}`;
  return `${start.day} ${start.month} ${start.year}, ${start.hour}:${start.minute} – ${end.day} ${end.month} ${end.year}, ${end.hour}:${end.minute} ${start.zoneName}`;
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
