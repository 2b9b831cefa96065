import { DateTime } from 'luxon';
import { COUNTRIES } from '../../lib/countries.js';
import { isValidZone } from '../../lib/time.js';
import type { EventInput } from '../events/service.js';
import { tagsOf } from './items.js';
import { wordpressToText } from './content.js';
import type { WxrItem } from './wxr.js';

/** A venue of The Events Calendar (post type tribe_venue), as an event needs it. */
export interface VenueInfo {
  name: string;
  address: string;
  city: string;
  country: string;
}

/**
 * The instant of an event boundary from The Events Calendar's meta: the UTC field when present
 * (_EventStartDateUTC), otherwise the local one read in the event's own time zone.
 */
function eventInstant(local: string | undefined, utc: string | undefined, zone: string): string | null {
  if (utc) {
    const value = DateTime.fromSQL(utc.trim(), { zone: 'utc' });
    if (value.isValid) return value.toJSDate().toISOString();
  }
  if (local) {
    const value = DateTime.fromSQL(local.trim(), { zone });
    if (value.isValid) return value.toJSDate().toISOString();
  }
  return null;
}

/** The Events Calendar stores a venue's country by name ("Belgium") or by code. */
function countryCodeOf(value: string): string | null {
  const text = value.trim();
  if (/^[a-z]{2}$/i.test(text)) return text.toUpperCase();
  return COUNTRIES.find((c) => c.name.toLowerCase() === text.toLowerCase())?.code ?? null;
}

const TYPE_WORDS: [RegExp, EventInput['type']][] = [
  [/webinar/i, 'webinar'],
  [/workshop/i, 'workshop'],
  [/summit/i, 'summit'],
  [/symposium/i, 'symposium'],
  [/seminar/i, 'seminar'],
  [/annual meeting|general assembly/i, 'annual-meeting'],
  [/launch/i, 'launch'],
];

/**
 * A tribe_events item → the hub's event, or the reason it cannot be one (no start date). The
 * event's own time zone (_EventTimezone) wins over the site's; the type is read from the title and
 * categories, the format from the venue ("online" in a title or category makes it online).
 */
export function eventInputOf(
  item: WxrItem,
  context: { bodyMd: string; state: 'published' | 'draft'; zone: string; venues: Map<number, VenueInfo>; organisers: Map<number, string> },
): EventInput | { skip: string } {
  const meta = item.meta;
  const zone = meta._EventTimezone && isValidZone(meta._EventTimezone) ? meta._EventTimezone : context.zone;
  const startsAt = eventInstant(meta._EventStartDate, meta._EventStartDateUTC, zone);
  if (!startsAt) return { skip: 'an event without a start date (_EventStartDate)' };
  const endsAt = eventInstant(meta._EventEndDate, meta._EventEndDateUTC, zone) ?? startsAt;
  const venue = context.venues.get(Number(meta._EventVenueID));
  const organisers = String(meta._EventOrganizerID ?? '')
    .split(/[^0-9]+/)
    .map((id) => context.organisers.get(Number(id)))
    .filter((name): name is string => Boolean(name));
  const words = [item.title, ...item.terms.map((t) => t.name)].join(' ');
  const online = /webinar|online|virtual/i.test(words);
  return {
    title: item.title || '(untitled event)',
    type: TYPE_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? 'conference',
    format: online ? (venue ? 'hybrid' : 'online') : 'in-person',
    summary: wordpressToText(item.excerpt || item.content),
    descriptionMd: context.bodyMd,
    startsAt,
    endsAt: endsAt < startsAt ? startsAt : endsAt,
    allDay: meta._EventAllDay === 'yes',
    timezone: zone,
    venueName: venue?.name || null,
    venueAddress: venue?.address || null,
    city: venue?.city || null,
    country: venue ? countryCodeOf(venue.country) : null,
    organisers: organisers.join(', '),
    externalUrl: /^https?:\/\//i.test(meta._EventURL ?? '') ? meta._EventURL : null,
    tags: tagsOf(item),
    status: context.state,
  };
}
