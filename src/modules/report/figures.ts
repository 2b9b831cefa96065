/**
 * The report's figures: each section is a list of tables (the same rows feed the HTML table, its chart and its CSV).
 * Every count comes from another module's service, aggregated in SQL; counts of people pass through `people()`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { countryName } from '../../lib/countries.js';
import { counted } from '../../lib/plural.js';
import { findProjectsByIds } from '../directory/service.js';
import { EVENT_FORMAT_LABELS, EVENT_TYPE_LABELS, eventsHeld } from '../events/service.js';
import { downloadFigures } from '../library/service.js';
import { participationAtEvents } from '../live/service.js';
import { joinRequestsReceived } from '../membership/service.js';
import { newsPerProject } from '../news/service.js';
import { subscribersAt } from '../newsletter/service.js';
import { attendanceTotals, MODE_LABELS, type ModeFigures, reachFigures, type ReachFigures, ORGANISATION_TYPE_LABELS, type OrganisationType } from '../registration/service.js';
import { mostReadPages, totalPageViews } from '../visits/service.js';
import { instants, monthEnds, type Period, previousPeriod } from './period.js';
import { type Cell, people, share } from './privacy.js';

export interface ReportTable {
  /** Names the CSV file and the anchor. */
  id: string;
  caption: string;
  /** The first column's heading, then one per value. */
  columns: string[];
  rows: { label: string; values: Cell[]; country?: string }[];
  chart?: 'bar' | 'line' | 'map';
}

export interface ReportSection {
  id: string;
  title: string;
  note?: string;
  tables: ReportTable[];
}

export interface Report {
  period: Period;
  previous: Period;
  /** Editors see their projects' events only. */
  scoped: boolean;
  sections: ReportSection[];
}

type Db = Kysely<Database>;
type Scope = number[] | undefined;

const label = <K extends string>(labels: Record<K, string>, key: string): string => labels[key as K] ?? key;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * The headline figures of one period. The previous period gets the cheap ones only (events, registrations,
 * attendance, downloads, page views): whom it reached would sort every registration a second time.
 */
interface Headline {
  events: { id: number; type: string; format: string }[];
  byMode: ModeFigures;
  reach: ReachFigures | null;
  downloads?: Awaited<ReturnType<typeof downloadFigures>>;
  pageViews?: number;
}

async function headline(db: Db, period: Period, scope: Scope, withReach: boolean): Promise<Headline> {
  const events = await eventsHeld(db, instants(period), scope);
  const ids = events.map((e) => e.id);
  const [byMode, reach, downloads, pageViews] = await Promise.all([
    attendanceTotals(db, ids),
    withReach ? reachFigures(db, ids) : null,
    scope ? undefined : downloadFigures(db, period),
    scope ? undefined : totalPageViews(db, period),
  ]);
  return { events, byMode, reach, downloads, pageViews };
}

const registered = (h: Headline) => h.byMode.reduce((sum, m) => sum + m.registered, 0);
const inPerson = (h: Headline) => h.byMode.find((m) => m.mode === 'in-person') ?? { registered: 0, checkedIn: 0 };
const online = (h: Headline) => h.byMode.find((m) => m.mode === 'online')?.registered ?? 0;
/** A figure of whom a period reached, or "–" for the previous period, whose reach is not counted. */
const reached = (h: Headline, pick: (r: ReachFigures) => Cell): Cell => (h.reach ? pick(h.reach) : '–');

function change(now: Cell, before: Cell): Cell {
  if (typeof now !== 'number' || typeof before !== 'number') return '–';
  if (before === 0) return now === 0 ? '0%' : 'new';
  const pct = Math.round(((now - before) / before) * 100);
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

function summaryTable(now: Headline, before: Headline): ReportTable {
  const line = (text: string, pick: (h: Headline) => Cell) => {
    const a = pick(now);
    const b = pick(before);
    return { label: text, values: [a, b, change(a, b)] };
  };
  const rows = [
    line('Events held', (h) => h.events.length),
    line('Registrations (confirmed)', (h) => people(registered(h))),
    line('Checked in at the venue', (h) => people(inPerson(h).checkedIn)),
    line('Registered to attend online', (h) => people(online(h))),
    line('People reached', (h) => reached(h, (r) => people(r.people))),
    line('Returning participants', (h) => reached(h, (r) => people(r.returning))),
    line('Organisations reached', (h) => reached(h, (r) => r.organisations)),
    line('Countries reached', (h) => reached(h, (r) => r.countries.length)),
  ];
  if (now.downloads && before.downloads) rows.push(line('Library downloads', (h) => h.downloads?.total ?? 0));
  if (now.pageViews !== undefined) rows.push(line('Page views', (h) => h.pageViews ?? 0));
  return { id: 'summary', caption: 'The period compared with the previous one', columns: ['Figure', 'This period', 'Previous', 'Change'], rows };
}

function eventTables(events: Headline['events']): ReportTable[] {
  const byType = [...countBy(events, (e) => e.type)].sort((a, b) => b[1] - a[1]);
  const byFormat = [...countBy(events, (e) => e.format)].sort((a, b) => b[1] - a[1]);
  return [
    { id: 'events-by-type', caption: 'Events held by type', columns: ['Type', 'Events'], rows: byType.map(([k, n]) => ({ label: label(EVENT_TYPE_LABELS, k), values: [n] })), chart: 'bar' },
    { id: 'events-by-format', caption: 'Events held by format', columns: ['Format', 'Events'], rows: byFormat.map(([k, n]) => ({ label: label(EVENT_FORMAT_LABELS, k), values: [n] })), chart: 'bar' },
  ];
}

function participationTables(now: Headline, impact: ReachFigures): ReportTable[] {
  const venue = inPerson(now);
  return [
    {
      id: 'attendance',
      caption: 'Registrations and attendance',
      columns: ['Figure', 'People'],
      rows: [
        ...now.byMode.map((m) => ({ label: `Registered (${MODE_LABELS[m.mode].toLowerCase()})`, values: [people(m.registered)] })),
        { label: 'Checked in at the venue', values: [people(venue.checkedIn)] },
        { label: 'No-show rate (in person, not checked in)', values: [share(venue.registered - venue.checkedIn, venue.registered)] },
        { label: 'People reached (distinct e-mail addresses)', values: [people(impact.people)] },
        { label: 'Returning participants (two events or more)', values: [people(impact.returning)] },
        { label: 'Organisations reached', values: [impact.organisations] },
      ],
    },
    {
      id: 'countries',
      caption: 'Participants by country',
      columns: ['Country', 'Participants'],
      rows: impact.countries.map((c) => ({ label: countryName(c.country), values: [people(c.people)], country: c.country })),
      chart: 'map',
    },
    {
      id: 'organisation-types',
      caption: 'Participants by type of organisation',
      columns: ['Type of organisation', 'Participants'],
      rows: impact.organisationTypes.map((t) => ({ label: t.type ? label(ORGANISATION_TYPE_LABELS, t.type as OrganisationType) : 'Not given', values: [people(t.people)] })),
      chart: 'bar',
    },
  ];
}

async function liveTable(db: Db, eventIds: number[]): Promise<ReportTable> {
  const live = await participationAtEvents(db, eventIds);
  return {
    id: 'live',
    caption: 'Live sessions at the events',
    columns: ['Figure', 'Count'],
    rows: [
      { label: 'Live sessions', values: [live.sessions] },
      { label: 'Phones that joined', values: [people(live.participants)] },
      { label: 'Answers given', values: [live.answers] },
    ],
  };
}

/** The sections about the whole hub rather than its events: shown to admins only. */
async function hubSections(db: Db, period: Period, now: Headline): Promise<ReportSection[]> {
  const span = instants(period);
  const months = monthEnds(period);
  const [news, joins, subscribers, pages] = await Promise.all([newsPerProject(db, span), joinRequestsReceived(db, span), subscribersAt(db, months.map((m) => m.at)), mostReadPages(db, period, 10)]);
  const projects = new Map((await findProjectsByIds(db, news.flatMap((n) => (n.projectId === null ? [] : [n.projectId])))).map((p) => [p.id, p.acronym]));
  const downloads = now.downloads ?? { total: 0, documents: [] };
  return [
    {
      id: 'library',
      title: 'Library',
      note: `${counted(downloads.total, 'download')} in the period.`,
      tables: [{ id: 'downloads', caption: 'Most downloaded documents', columns: ['Document', 'Downloads'], rows: downloads.documents.map((d) => ({ label: d.title, values: [d.downloads] })), chart: 'bar' }],
    },
    {
      id: 'news',
      title: 'News',
      tables: [{ id: 'news-per-project', caption: 'News published per project', columns: ['Project', 'Posts'], rows: news.map((n) => ({ label: n.projectId === null ? 'The hub' : (projects.get(n.projectId) ?? 'Former project'), values: [n.posts] })), chart: 'bar' }],
    },
    {
      id: 'newsletter',
      title: 'Newsletter',
      tables: [{ id: 'subscribers', caption: 'Newsletter subscribers at the end of each month', columns: ['Month', 'Subscribers'], rows: months.map((m, i) => ({ label: m.label, values: [people(subscribers[i])] })), chart: 'line' }],
    },
    {
      id: 'membership',
      title: 'Join requests',
      tables: [{ id: 'join-requests', caption: 'Join requests received, by where they stand', columns: ['State', 'Requests'], rows: joins.map((j) => ({ label: j.status[0].toUpperCase() + j.status.slice(1), values: [j.requests] })) }],
    },
    {
      id: 'pages',
      title: 'Most read pages',
      note: `${counted(now.pageViews ?? 0, 'page view')} in the period, counted without cookies.`,
      tables: [{ id: 'pages', caption: 'Most read pages', columns: ['Page', 'Views'], rows: pages.map((p) => ({ label: p.path, values: [p.views] })), chart: 'bar' }],
    },
  ];
}

/** The whole report of a period: for the hub (scope undefined) or for an editor's projects' events. */
export async function buildReport(db: Db, period: Period, scope: Scope): Promise<Report> {
  const previous = previousPeriod(period);
  const [now, before] = await Promise.all([headline(db, period, scope, true), headline(db, previous, scope, false)]);
  const eventIds = now.events.map((e) => e.id);
  const [live, hub] = await Promise.all([liveTable(db, eventIds), scope ? [] : hubSections(db, period, now)]);
  return {
    period,
    previous,
    scoped: !!scope,
    sections: [
      { id: 'summary', title: 'Summary', note: 'Whom the period reached (people, returning participants, organisations, countries) is counted for this period only.', tables: [summaryTable(now, before)] },
      { id: 'events', title: 'Events', tables: eventTables(now.events) },
      { id: 'participation', title: 'Participation', tables: participationTables(now, now.reach ?? (await reachFigures(db, []))) },
      { id: 'live-sessions', title: 'Live sessions', tables: [live] },
      ...hub,
    ],
  };
}
