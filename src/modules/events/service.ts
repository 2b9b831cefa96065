import type { Kysely, Selectable } from 'kysely';
import { containsAny, nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/index.js';
import { preparedQuery } from '../../db/prepared.js';
import type { Database } from '../../db/types.js';
import { normaliseCountry } from '../../lib/countries.js';
import { parseList } from '../../lib/json.js';
import { toSlug } from '../../lib/slug.js';
import { findProjectBySlug, findProjectsByIds, type Project } from '../directory/service.js';
import { enqueueJob } from '../../lib/jobs.js';
import { extensionPoint, type PagePart } from '../../lib/modules.js';
import { indexDocument, indexedRefIds, queuePeopleReindex, removeDocument, removeDocumentsOfEvent } from '../search/service.js';
import { eventDocument, programmeItemDocument } from './search.js';
import type { EventListQuery } from './schema.js';

// The query listEvents takes and its JSON Schema: the public list and the API validate the same input.
export { type EventListQuery, eventListQuery, EVENT_FORMAT_LABELS, EVENT_TYPE_LABELS } from './schema.js';
import type { EventsTable } from './tables.js';
import { emptyPage, fetchPage } from '../../db/paging.js';
import { flattenProgramme, getProgramme, type ProgrammeItemInput, saveProgramme } from './programme.js';

/** Who organises an event is this module's rule; other modules ask it through here. */
export { canOrganiseEvent } from './policy.js';
/** The programme is read and saved through here too (programme.ts holds it). */
export * from './programme.js';

export interface HubEvent {
  id: number;
  slug: string;
  title: string;
  shortTitle: string | null;
  type: string;
  format: string;
  summary: string;
  descriptionMd: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  timezone: string;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  country: string | null;
  directions: string | null;
  onlinePlatform: string | null;
  organisers: string;
  isHubEvent: boolean;
  parentEventId: number | null;
  externalUrl: string | null;
  registrationUrl: string | null;
  registrationNote: string | null;
  topics: string[];
  tags: string[];
  attendanceNote: string | null;
  status: string;
  url: string;
}

/** Public shape: the meeting link is deliberately absent; only registration may read it (see `getMeetingUrl`). */
function toEvent(row: Selectable<EventsTable>): HubEvent {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    shortTitle: row.short_title,
    type: row.type,
    format: row.format,
    summary: row.summary,
    descriptionMd: row.description_md,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    allDay: row.all_day === 1,
    timezone: row.timezone,
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    city: row.city,
    country: row.country,
    directions: row.directions,
    onlinePlatform: row.online_platform,
    organisers: row.organisers,
    isHubEvent: row.is_hub_event === 1,
    parentEventId: row.parent_event_id,
    externalUrl: row.external_url,
    registrationUrl: row.registration_url,
    registrationNote: row.registration_note,
    topics: parseList(row.topics),
    tags: parseList(row.tags),
    attendanceNote: row.attendance_note,
    status: row.status,
    url: `/events/${row.slug}`,
  };
}

const PUBLIC_COLUMNS = [
  'id', 'slug', 'title', 'short_title', 'type', 'format', 'summary', 'description_md', 'starts_at', 'ends_at', 'all_day',
  'timezone', 'venue_name', 'venue_address', 'city', 'country', 'directions', 'online_platform', 'organisers',
  'is_hub_event', 'parent_event_id', 'external_url', 'registration_url', 'registration_note', 'topics', 'tags',
  'attendance_note', 'status', 'published_at', 'created_at', 'updated_at',
] as const;

export const EVENTS_PAGE_SIZE = 20;

export interface EventPage {
  events: HubEvent[];
  total: number;
  page: number;
  pageCount: number;
}

/** Published events with the list filters; upcoming soonest first, past most recent first. */
export async function listEvents(db: Kysely<Database>, query: EventListQuery, pageSize = EVENTS_PAGE_SIZE): Promise<EventPage> {
  const now = nowIso();
  let base = db.selectFrom('events').where('status', '=', 'published');
  if (query.when === 'upcoming') base = base.where('ends_at', '>=', now);
  if (query.when === 'past') base = base.where('ends_at', '<', now);
  if (query.type) base = base.where('type', '=', query.type);
  if (query.format) base = base.where('format', '=', query.format);
  if (query.project) {
    const project = await findProjectBySlug(db, query.project);
    if (!project) return { events: [], ...emptyPage(query.page) };
    base = base.where('id', 'in', db.selectFrom('event_projects').select('event_id').where('project_id', '=', project.id));
  }
  const { rows, ...pager } = await fetchPage(base, query.page, pageSize, (q) => q.select(PUBLIC_COLUMNS).orderBy('starts_at', query.when === 'upcoming' ? 'asc' : 'desc'));
  return { events: rows.map((r) => toEvent({ ...r, meeting_url: null })), ...pager };
}

export async function findEventBySlug(db: Kysely<Database>, slug: string, options: { includeDrafts?: boolean } = {}): Promise<HubEvent | null> {
  let query = db.selectFrom('events').select(PUBLIC_COLUMNS).where('slug', '=', slug);
  if (!options.includeDrafts) query = query.where('status', '=', 'published');
  const row = await query.executeTakeFirst();
  return row ? toEvent({ ...row, meeting_url: null }) : null;
}

// The public event page's queries run on every uncached view (every signed-in one): built once (see preparedQuery).
const eventPageQuery = preparedQuery((db, slug: string) =>
  db
    .selectFrom('events')
    .select(PUBLIC_COLUMNS)
    .select((eb) => eb.selectFrom('programme_items').select((p) => p.fn.max('programme_items.id').as('v')).whereRef('programme_items.event_id', '=', 'events.id').as('programme_version'))
    .where('slug', '=', slug)
    .where('status', '=', 'published'),
);
const eventByIdQuery = preparedQuery((db, id: number) => db.selectFrom('events').select(PUBLIC_COLUMNS).where('id', '=', id));
const childEventsQuery = preparedQuery((db, parentId: number) =>
  db.selectFrom('events').select(PUBLIC_COLUMNS).where('parent_event_id', '=', parentId).where('status', '=', 'published').orderBy('starts_at'),
);
const eventProjectIdsQuery = preparedQuery((db, eventId: number) => db.selectFrom('event_projects').select('project_id').where('event_id', '=', eventId));

/**
 * A published event for its public page, with the version of its programme: items are only ever replaced, never
 * changed in place, and new ones get new ids, so the newest item's id changes with every save of the programme (on
 * any instance). `getProgrammeOfVersion` keeps the programme by it.
 */
export async function findEventPageBySlug(db: Kysely<Database>, slug: string): Promise<{ event: HubEvent; programmeVersion: number | null } | null> {
  const [row] = await eventPageQuery(db, slug);
  return row ? { event: toEvent({ ...row, meeting_url: null }), programmeVersion: row.programme_version === null ? null : Number(row.programme_version) } : null;
}

export async function findEventById(db: Kysely<Database>, id: number): Promise<HubEvent | null> {
  const [row] = await eventByIdQuery(db, id);
  return row ? toEvent({ ...row, meeting_url: null }) : null;
}

/** The published events among these ids, by id (drafts are left out). */
export async function findPublishedEventsByIds(db: Kysely<Database>, ids: number[]): Promise<Map<number, HubEvent>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('events').select(PUBLIC_COLUMNS).where('id', 'in', ids).where('status', '=', 'published').execute();
  return new Map(rows.map((row) => [row.id, toEvent({ ...row, meeting_url: null })]));
}

/** The private meeting link, for confirmations sent to registered online participants only. */
export async function getMeetingUrl(db: Kysely<Database>, eventId: number): Promise<string | null> {
  const row = await db.selectFrom('events').select('meeting_url').where('id', '=', eventId).executeTakeFirst();
  return row?.meeting_url ?? null;
}

export async function projectsOfEvent(db: Kysely<Database>, eventId: number): Promise<Project[]> {
  return findProjectsByIds(db, await eventProjectIds(db, eventId));
}

export async function eventsOfProject(db: Kysely<Database>, projectId: number): Promise<HubEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(PUBLIC_COLUMNS)
    .where('status', '=', 'published')
    .where('id', 'in', db.selectFrom('event_projects').select('event_id').where('project_id', '=', projectId))
    .orderBy('starts_at', 'desc')
    .execute();
  return rows.map((r) => toEvent({ ...r, meeting_url: null }));
}

export async function childEvents(db: Kysely<Database>, parentId: number): Promise<HubEvent[]> {
  return (await childEventsQuery(db, parentId)).map((r) => toEvent({ ...r, meeting_url: null }));
}

export interface EventInput {
  title: string;
  slug?: string;
  shortTitle?: string | null;
  type: string;
  format: string;
  summary?: string;
  descriptionMd?: string;
  startsAt: string;
  endsAt: string;
  allDay?: boolean;
  timezone?: string;
  venueName?: string | null;
  venueAddress?: string | null;
  city?: string | null;
  country?: string | null;
  directions?: string | null;
  onlinePlatform?: string | null;
  meetingUrl?: string | null;
  organisers?: string;
  isHubEvent?: boolean;
  parentEventId?: number | null;
  externalUrl?: string | null;
  registrationUrl?: string | null;
  registrationNote?: string | null;
  topics?: string[];
  tags?: string[];
  attendanceNote?: string | null;
  status?: 'draft' | 'published';
  projectIds?: number[];
  programme?: ProgrammeItemInput[];
}

function eventColumns(input: EventInput) {
  return {
    title: input.title,
    short_title: input.shortTitle ?? null,
    type: input.type,
    format: input.format,
    summary: input.summary ?? '',
    description_md: input.descriptionMd ?? '',
    starts_at: new Date(input.startsAt).toISOString(),
    ends_at: new Date(input.endsAt).toISOString(),
    all_day: input.allDay ? 1 : 0,
    timezone: input.timezone ?? 'Europe/Brussels',
    venue_name: input.venueName ?? null,
    venue_address: input.venueAddress ?? null,
    city: input.city ?? null,
    country: normaliseCountry(input.country),
    directions: input.directions ?? null,
    online_platform: input.onlinePlatform ?? null,
    meeting_url: input.meetingUrl ?? null,
    organisers: input.organisers ?? '',
    is_hub_event: input.isHubEvent ? 1 : 0,
    parent_event_id: input.parentEventId ?? null,
    external_url: input.externalUrl ?? null,
    registration_url: input.registrationUrl ?? null,
    registration_note: input.registrationNote ?? null,
    topics: JSON.stringify(input.topics ?? []),
    tags: JSON.stringify(input.tags ?? []),
    attendance_note: input.attendanceNote ?? null,
    status: input.status ?? 'published',
  };
}

/** Creates an event with its organising projects and programme in one transaction, then makes it findable. */
export async function createEvent(db: Kysely<Database>, input: EventInput): Promise<number> {
  const id = await withTransaction(db, async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto('events')
      .values({ ...eventColumns(input), slug: input.slug ?? toSlug(input.title), published_at: input.status === 'draft' ? null : now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.projectIds?.length) {
      await trx.insertInto('event_projects').values(input.projectIds.map((project_id) => ({ event_id: id, project_id, role: 'organiser' }))).execute();
    }
    if (input.programme?.length) await saveProgramme(trx, id, input.programme);
    return id;
  });
  await syncSearchIndex(db, id);
  return id;
}

/**
 * Queued whenever an event is saved or deleted, in the same commit: modules that index things
 * attached to events (the library's documents) catch up by handling it, without events calling them.
 */
export const EVENT_SAVED_JOB = 'events.saved';

/**
 * What other modules add to an event's public page: beside its facts (registration, 10) and below its programme
 * (presentations and photos, 10; archived live results, 20). The page cache keeps the whole page, parts included.
 */
export const EVENT_PAGE_ASIDE = extensionPoint<PagePart<HubEvent>>('events.page.aside');
export const EVENT_PAGE_MAIN = extensionPoint<PagePart<HubEvent>>('events.page.main');
/** A note above the back office's event form (where its registration stands, 10). */
export const EVENT_EDITOR_NOTES = extensionPoint<PagePart<HubEvent>>('events.editor.notes');

/**
 * Puts a published event and its programme in the search index (saving a programme renumbers its
 * items), or takes them out; the event's documents and the people on its programme follow, since
 * whether and how they are found depends on the event.
 */
async function syncSearchIndex(db: Kysely<Database>, id: number): Promise<void> {
  const listedPeople = await indexedRefIds(db, 'person', id);
  await removeDocumentsOfEvent(db, 'programme_item', id);
  const event = await findEventById(db, id);
  const programme = flattenProgramme(await getProgramme(db, id));
  if (event?.status === 'published') {
    await indexDocument(db, eventDocument(event, (await eventProjectIds(db, id))[0] ?? null));
    for (const item of programme) await indexDocument(db, programmeItemDocument(event, item));
  } else {
    await removeDocument(db, 'event', id);
  }
  await enqueueJob(db, EVENT_SAVED_JOB, { eventId: id });
  await queuePeopleReindex(db, [...listedPeople, ...programme.flatMap((item) => item.people.map((p) => p.personId))]);
}

/** Events whose programme names any of these people (ask before deleting someone: their places in programmes go with them). */
export async function eventIdsNaming(db: Kysely<Database>, personIds: number[]): Promise<number[]> {
  if (!personIds.length) return [];
  const rows = await db
    .selectFrom('programme_people')
    .innerJoin('programme_items', 'programme_items.id', 'programme_people.item_id')
    .select('programme_items.event_id')
    .distinct()
    .where('programme_people.person_id', 'in', personIds)
    .execute();
  return rows.map((r) => r.event_id);
}

/** Brings these events' entries in the search index up to date, e.g. after someone on their programme was deleted. */
export async function resyncEventsInSearch(db: Kysely<Database>, eventIds: number[]): Promise<void> {
  for (const id of eventIds) await syncSearchIndex(db, id);
}

/** When each of these events ends, by id. */
export async function eventEnds(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('events').select(['id', 'ends_at']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.ends_at]));
}

/**
 * Of these events, the ones not yet over, soonest first, up to `limit`; with `projectIds`, only those the
 * projects organise.
 */
export async function upcomingAmong(
  db: Kysely<Database>,
  ids: number[],
  options: { projectIds?: number[]; limit: number },
): Promise<{ id: number; title: string; startsAt: string; timezone: string }[]> {
  if (!ids.length || (options.projectIds && !options.projectIds.length)) return [];
  let query = db.selectFrom('events').select(['id', 'title', 'starts_at', 'timezone']).where('id', 'in', ids).where('ends_at', '>', nowIso());
  if (options.projectIds) query = query.where('id', 'in', db.selectFrom('event_projects').select('event_id').where('project_id', 'in', options.projectIds));
  const rows = await query.orderBy('starts_at').limit(options.limit).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at, timezone: r.timezone }));
}

/**
 * The published events that started in a period (UTC instants, end excluded), for the impact report; only those
 * organised by the given projects when `projectIds` is set (an editor's report).
 */
export async function eventsHeld(db: Kysely<Database>, period: { start: string; end: string }, projectIds?: number[]): Promise<{ id: number; type: string; format: string }[]> {
  let query = db.selectFrom('events').select(['id', 'type', 'format']).where('status', '=', 'published').where('starts_at', '>=', period.start).where('starts_at', '<', period.end);
  if (projectIds) query = query.where('id', 'in', db.selectFrom('event_projects').select('event_id').where('project_id', 'in', projectIds.length ? projectIds : [-1]));
  return query.orderBy('starts_at').execute();
}

export async function countEvents(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Events not (yet) public: what they carry (documents, photos) must stay hidden too. */
export async function draftEventIds(db: Kysely<Database>): Promise<number[]> {
  return (await db.selectFrom('events').select('id').where('status', '!=', 'published').execute()).map((r) => r.id);
}

/** Ids of the projects that organise an event (editors of these may change it). */
export async function eventProjectIds(db: Kysely<Database>, eventId: number): Promise<number[]> {
  return (await eventProjectIdsQuery(db, eventId)).map((r) => r.project_id);
}

/** An event with its private meeting link, drafts included: for the back office only. */
export async function findEventForEditing(db: Kysely<Database>, id: number): Promise<(HubEvent & { meetingUrl: string | null; projectIds: number[] }) | null> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { ...toEvent(row), meetingUrl: row.meeting_url, projectIds: await eventProjectIds(db, id) };
}

/** A slug not taken by another event: the title's slug, then -2, -3… */
async function uniqueEventSlug(db: Kysely<Database>, title: string): Promise<string> {
  const base = toSlug(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await db.selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirst())) return slug;
  }
}

/** Creates an event from the back office with a slug that never collides. */
export async function createEventFromEditor(db: Kysely<Database>, input: EventInput): Promise<number> {
  return createEvent(db, { ...input, slug: await uniqueEventSlug(db, input.title) });
}

/**
 * Saves every field of an event, its organising projects and (when given) its whole programme
 * in one transaction, so a failed save leaves the previous version intact.
 */
export async function updateEvent(db: Kysely<Database>, id: number, input: EventInput): Promise<void> {
  await withTransaction(db, async (trx) => {
    const current = await trx.selectFrom('events').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const status = input.status ?? 'published';
    const publishedAt = status === 'published' ? (current.status === 'published' && current.published_at ? current.published_at : nowIso()) : null;
    await trx.updateTable('events').set({ ...eventColumns(input), published_at: publishedAt, updated_at: nowIso() }).where('id', '=', id).execute();
    if (input.projectIds) {
      await trx.deleteFrom('event_projects').where('event_id', '=', id).execute();
      if (input.projectIds.length) {
        await trx.insertInto('event_projects').values(input.projectIds.map((project_id) => ({ event_id: id, project_id, role: 'organiser' }))).execute();
      }
    }
    if (input.programme) await saveProgramme(trx, id, input.programme);
  });
  await syncSearchIndex(db, id);
}

/** Deletes an event with its programme (cascade); satellite events lose their parent link. */
export async function deleteEvent(db: Kysely<Database>, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('events').set({ parent_event_id: null }).where('parent_event_id', '=', id).execute();
    await trx.deleteFrom('events').where('id', '=', id).execute();
  });
  await syncSearchIndex(db, id);
}

export const ADMIN_EVENTS_PAGE_SIZE = 25;

/**
 * Every event (drafts included) for the back office, newest first. `projectIds` limits an
 * editor to events their projects organise; undefined means everything (admins).
 */
export async function listEventsForAdmin(db: Kysely<Database>, query: { q?: string; page: number; projectIds?: number[] }): Promise<EventPage> {
  let base = db.selectFrom('events');
  if (query.projectIds) {
    if (!query.projectIds.length) return { events: [], ...emptyPage(query.page) };
    base = base.where('id', 'in', db.selectFrom('event_projects').select('event_id').where('project_id', 'in', query.projectIds));
  }
  if (query.q) base = base.where(containsAny(db, ['title'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_EVENTS_PAGE_SIZE, (q) => q.select(PUBLIC_COLUMNS).orderBy('starts_at', 'desc'));
  return { events: rows.map((r) => toEvent({ ...r, meeting_url: null })), ...pager };
}

/** Title and id of every event, for the "part of" select. */
export async function listEventTitles(db: Kysely<Database>): Promise<{ id: number; title: string }[]> {
  return db.selectFrom('events').select(['id', 'title']).orderBy('starts_at', 'desc').execute();
}

/** Every public event page and when it last changed, for /sitemap.xml. */
export async function sitemapEntries(db: Kysely<Database>): Promise<{ path: string; lastmod: string }[]> {
  const rows = await db.selectFrom('events').where('status', '=', 'published').select(['slug', 'updated_at']).orderBy('slug').execute();
  return rows.map((r) => ({ path: `/events/${r.slug}`, lastmod: r.updated_at }));
}
