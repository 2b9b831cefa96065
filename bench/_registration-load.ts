// The registration benchmark's event and burst, shared by bench/registration.ts and bench/scale.ts.
import type { Kysely } from 'kysely';
import autocannon from 'autocannon';
import type { Database } from '../src/db/types.js';
import { createEvent, findEventById } from '../src/modules/events/service.js';
import { DEFAULT_QUESTIONS, saveSettings } from '../src/modules/registration/service.js';
import { csrfPair } from './_child-server.js';

/** An in-person event taking registrations now, with `capacity` places; returns its id. */
export async function prepareRegistrationEvent(db: Kysely<Database>, slug: string, capacity: number): Promise<number> {
  const start = Date.now() + 30 * 86_400_000;
  const eventId = await createEvent(db, {
    title: 'Benchmark symposium',
    slug,
    type: 'symposium',
    format: 'in-person',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 8 * 3_600_000).toISOString(),
    venueName: 'Benchmark hall',
  });
  await saveSettings(db, (await findEventById(db, eventId))!, {
    opensAt: null,
    closesAt: null,
    preRegistration: false,
    inPersonCapacity: capacity,
    onlineCapacity: null,
    approvalRequired: false,
    questions: DEFAULT_QUESTIONS,
    privacyNotice: 'Benchmark',
    consentText: 'I agree',
    retentionDays: 30,
    offerHours: 48,
    reminderHours: [],
  });
  return eventId;
}

/**
 * Runs autocannon with one kind of request and times it from the start to the last answer.
 * autocannon notices that its `amount` is done only on its next one-second sampling tick, so its
 * own duration (and the requests-per-second average built on those ticks) counts up to a second
 * of waiting for nothing.
 */
export async function timedRun(options: autocannon.Options, request: autocannon.Request, onAnswer: (status: number, body: string) => void = () => {}) {
  const began = performance.now();
  let lastAnswer = began;
  const onResponse = (status: number, body: string) => {
    lastAnswer = performance.now();
    onAnswer(status, body);
  };
  const result = await autocannon({ ...options, requests: [{ ...request, onResponse }] });
  return { result, seconds: (lastAnswer - began) / 1000 };
}

export interface Burst {
  /** Ids of the registrations acknowledged with a 2xx. */
  acknowledged: number[];
  statuses: Map<number, number>;
  /** From the start to the last answer. */
  seconds: number;
  /** The worst of the servers' p99 (ms). */
  p99: number;
}

/**
 * `attempts` registrations for the event `slug`, `concurrency` at a time, split evenly over the
 * servers at `urls` (all started with the same SECRET, so each takes the others' CSRF tokens) and
 * sent to them at once. Every attempt has its own e-mail address, starting from participant`first`.
 */
export async function registrationBurst(urls: string[], slug: string, attempts: number, concurrency: number, first = 0): Promise<Burst> {
  const burst: Burst = { acknowledged: [], statuses: new Map(), seconds: 0, p99: 0 };
  let sent = first;
  const runs = await Promise.all(
    urls.map(async (url, i) => {
      const { cookie, token } = await csrfPair(url);
      const share = Math.floor(attempts / urls.length) + (i < attempts % urls.length ? 1 : 0);
      return timedRun(
        {
          url,
          connections: Math.max(1, Math.round(concurrency / urls.length)),
          amount: share,
          // Every attempt waits for its answer: a client-side timeout would leave a registration unacknowledged.
          timeout: 120,
        },
        {
          method: 'POST',
          path: `/api/v1/events/${slug}/registrations`,
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token },
          setupRequest: (request) => {
            const n = sent++;
            return {
              ...request,
              body: JSON.stringify({ name: `Participant ${n}`, email: `participant${n}@bench.example`, organisation: `Organisation ${n % 97}`, country: 'BE', mode: 'in-person', consent: true }),
            };
          },
        },
        (status, body) => {
          burst.statuses.set(status, (burst.statuses.get(status) ?? 0) + 1);
          if (status >= 200 && status < 300) burst.acknowledged.push((JSON.parse(body) as { id: number }).id);
        },
      );
    }),
  );
  burst.seconds = Math.max(...runs.map((r) => r.seconds));
  burst.p99 = Math.max(...runs.map((r) => r.result.latency.p99));
  return burst;
}

/** What the database holds for the event after a burst: seats, duplicates, and acknowledged registrations it lost. */
export async function checkRegistrations(db: Kysely<Database>, eventId: number, acknowledged: number[]) {
  const rows = await db.selectFrom('registrations').select(['id', 'status', 'email_normalised']).where('event_id', '=', eventId).execute();
  const stored = new Set(rows.map((r) => r.id));
  const pool = await db.selectFrom('registration_pools').select('taken').where('event_id', '=', eventId).executeTakeFirstOrThrow();
  return {
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    duplicates: rows.length - new Set(rows.map((r) => r.email_normalised)).size,
    lost: acknowledged.filter((id) => !stored.has(id)).length,
    taken: pool.taken,
  };
}
