import { z } from 'zod';
import { checkbox, optionalId, optionalText, optionalUrl, requiredText } from '../../lib/forms.js';
import { isValidZone } from '../../lib/time.js';
import { EVENT_FORMATS, EVENT_TYPES } from './schema.js';
import { optionalCountry } from '../../lib/countries.js';

const localTime = (message: string) => z.string({ error: message }).trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message);

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^\d{1,9}$/, 'Choose projects from the list.').transform(Number)).max(50));

/** Every field of the public event page, as the back-office form sends it. */
export const eventForm = z
  .object({
    title: requiredText('Enter a title.', 200),
    shortTitle: optionalText(80),
    type: z.enum(EVENT_TYPES, { error: 'Choose a type.' }),
    format: z.enum(EVENT_FORMATS, { error: 'Choose a format.' }),
    summary: optionalText(1000),
    descriptionMd: optionalText(50_000),
    timezone: requiredText('Enter a time zone like Europe/Brussels.', 60).refine(isValidZone, 'Enter a time zone like Europe/Brussels.'),
    startsAt: localTime('Enter the start like 2025-03-01T09:00.'),
    endsAt: localTime('Enter the end like 2025-03-01T17:00.'),
    allDay: checkbox,
    venueName: optionalText(200),
    venueAddress: optionalText(300),
    city: optionalText(100),
    country: optionalCountry(),
    directions: optionalText(2000),
    onlinePlatform: optionalText(100),
    meetingUrl: optionalUrl(),
    organisers: optionalText(500),
    isHubEvent: checkbox,
    parentEventId: optionalId('Choose an event from the list.'),
    externalUrl: optionalUrl(),
    registrationUrl: optionalUrl(),
    registrationNote: optionalText(1000),
    topics: optionalText(5000).transform((v) => (v ? v.split(/\r?\n/).map((t) => t.trim()).filter(Boolean).slice(0, 50) : [])),
    tags: optionalText(300).transform((v) => (v ? [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))].slice(0, 20) : [])),
    attendanceNote: optionalText(1000),
    status: z.enum(['draft', 'published'], { error: 'Choose draft or published.' }),
    projectIds: idList,
    programme: optionalText(100_000),
  });

export type EventForm = z.infer<typeof eventForm>;
