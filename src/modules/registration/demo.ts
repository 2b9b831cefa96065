import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { listPartners } from '../directory/service.js';
import { createEvent, findEventById, findEventBySlug } from '../events/service.js';
import { DEFAULT_QUESTIONS, getSettings, register, saveSettings } from './service.js';

export const REGISTRATION_DEMO_SLUG = 'registration-demo';

const DAY_MS = 86_400_000;
const IN_PERSON_PLACES = 10;
const WAITING = 3;
const ONLINE = 14;

// DEMO DATA. The hub's own events all lie in the past, so nothing on a fresh hub takes registrations. This creates one
// event, four weeks ahead and labelled as a demonstration in its title, with registration open, its in-person places
// all taken and a waiting list, so that the registration form, the event page and the organiser's screens can be tried.
// The participants are invented ("Demo participant N", addresses at example.org); their organisations and countries
// are the partners the directory already holds.

/** Creates the demo event and its registrations; returns the event's id, or null when it exists already. */
export async function seedRegistrationDemo(db: Kysely<Database>, now = new Date()): Promise<number | null> {
  if (await findEventBySlug(db, REGISTRATION_DEMO_SLUG, { includeDrafts: true })) return null;
  // four weeks ahead, moved on to a Tuesday, at 09:00 UTC (10:00 in Brussels in winter, 11:00 in summer)
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 28 * DAY_MS);
  const startsAt = new Date(day.getTime() + ((9 - day.getUTCDay()) % 7) * DAY_MS + 9 * 3_600_000);
  const id = await createEvent(db, {
    title: 'Demonstration: hybrid workshop with limited places',
    slug: REGISTRATION_DEMO_SLUG,
    type: 'workshop',
    format: 'hybrid',
    summary: 'Not a real event: an example to try registration, the waiting list and the organiser’s screens.',
    descriptionMd:
      'This event exists to show how registration works on the hub. Its ten places in the room are taken, so a new ' +
      'registration for the room joins the waiting list or takes an online place instead. Organisers see the list, the ' +
      'figures and the check-in page in the back office.',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Brussels',
    venueName: 'Demonstration venue',
    city: 'Brussels',
    country: 'BE',
    onlinePlatform: 'Video call',
    meetingUrl: 'https://meet.example.org/registration-demo',
    isHubEvent: true,
  });
  const event = (await findEventById(db, id))!;
  await saveSettings(db, event, {
    opensAt: null,
    closesAt: null,
    preRegistration: false,
    inPersonCapacity: IN_PERSON_PLACES,
    onlineCapacity: null,
    approvalRequired: false,
    questions: DEFAULT_QUESTIONS,
    privacyNotice: 'This is a demonstration. Do not enter real personal data.',
    consentText: 'I understand that this event is a demonstration.',
    retentionDays: 30,
    offerHours: 48,
    reminderHours: [24],
  });
  const settings = (await getSettings(db, id))!;
  const partners = await listPartners(db);
  const modes = [...Array(IN_PERSON_PLACES + WAITING).fill('in-person'), ...Array(ONLINE).fill('online')] as ('in-person' | 'online')[];
  for (const [n, mode] of modes.entries()) {
    const partner = partners.length ? partners[(n * 7) % partners.length] : null;
    await register(db, event, settings, {
      name: `Demo participant ${n + 1}`,
      email: `demo-participant-${n + 1}@example.org`,
      organisation: partner?.name ?? 'Demonstration organisation',
      country: partner?.country ?? 'BE',
      answers: {},
      mode,
      ifFull: 'waitlist',
    });
  }
  return id;
}
