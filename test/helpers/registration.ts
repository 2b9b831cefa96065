import type { FastifyInstance } from 'fastify';
import { createEvent, findEventById } from '../../src/modules/events/service.js';
import { createProject } from '../../src/modules/directory/service.js';
import { DEFAULT_QUESTIONS, saveSettings, type SettingsInput } from '../../src/modules/registration/service.js';
import { csrfFor, form } from './app.js';

let counter = 0;

/** A future event of the given format with registration open now, organised by a fresh project. */
export async function eventWithRegistration(app: Pick<FastifyInstance, 'db'>, options: { format?: string; settings?: Partial<SettingsInput>; startsInDays?: number } = {}) {
  counter++;
  const projectId = await createProject(app.db, { acronym: `P${counter}`, title: `Project ${counter}`, slug: `reg-project-${counter}-${Date.now()}` });
  const start = Date.now() + (options.startsInDays ?? 10) * 86_400_000;
  const slug = `reg-event-${counter}-${Date.now()}`;
  const id = await createEvent(app.db, {
    title: `Registration test event ${counter}`,
    slug,
    type: 'workshop',
    format: options.format ?? 'hybrid',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Brussels',
    venueName: 'Albert Borschette Centre',
    venueAddress: 'Rue Froissart 36, 1040 Brussels',
    directions: 'Metro Schuman, then five minutes on foot.',
    onlinePlatform: 'Zoom',
    meetingUrl: 'https://zoom.example/j/123456789',
    projectIds: [projectId],
  });
  const event = (await findEventById(app.db, id))!;
  await saveSettings(app.db, event, {
    opensAt: null,
    closesAt: null,
    preRegistration: false,
    inPersonCapacity: null,
    onlineCapacity: null,
    approvalRequired: false,
    questions: DEFAULT_QUESTIONS,
    privacyNotice: 'We use your data to run the event.',
    consentText: 'I agree.',
    retentionDays: 30,
    offerHours: 48,
    reminderHours: [24],
    ...options.settings,
  });
  return { event, projectId };
}

/** A complete, valid registration form for person n. */
export function person(n: number | string, extra: Record<string, string> = {}): Record<string, string> {
  return { name: `Person ${n}`, email: `person${n}@example.org`, organisation: `Org ${Number(n) % 7 || n}`, country: 'BE', mode: 'in-person', consent: 'yes', ...extra };
}

/** Posts the public registration form as a browser would (CSRF token and cookie included). */
export async function postRegistration(app: FastifyInstance, slug: string, values: Record<string, string>, csrf?: { cookie: string; token: string }) {
  const { cookie, token } = csrf ?? (await csrfFor(app));
  return app.inject({
    method: 'POST',
    url: `/events/${slug}/register`,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...values, _csrf: token }),
  });
}
