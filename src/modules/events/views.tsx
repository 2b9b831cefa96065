import type { ComponentChildren } from 'preact';
import { Breadcrumbs, Card, FilterSelect, Pager, ResultCount, SafeHtml, Tags } from '../../web/components/index.js';
import { countryName } from '../../lib/countries.js';
import { renderHtml } from '../../lib/render.js';
import { formatRange, formatTime, zoneAbbreviation } from '../../lib/time.js';
import type { Project } from '../directory/service.js';
import { EVENT_FORMAT_LABELS, EVENT_FORMATS, EVENT_TYPE_LABELS, EVENT_TYPES, type EventListQuery } from './schema.js';
import type { EventPage, HubEvent, ProgrammeItem } from './service.js';

const typeLabel = (type: string) => EVENT_TYPE_LABELS[type as keyof typeof EVENT_TYPE_LABELS] ?? type;
const formatLabel = (format: string) => EVENT_FORMAT_LABELS[format as keyof typeof EVENT_FORMAT_LABELS] ?? format;

function place(event: HubEvent): string {
  if (event.format === 'online') return event.onlinePlatform ? `Online (${event.onlinePlatform})` : 'Online';
  const where = [event.venueName, event.city, countryName(event.country)].filter(Boolean).join(', ');
  return event.format === 'hybrid' ? `${where || 'Venue to be announced'} and online` : where || 'Venue to be announced';
}

export function EventMeta(props: { event: HubEvent }) {
  const e = props.event;
  return (
    <>
      <span class={`badge badge-${e.format}`}>{formatLabel(e.format)}</span> <span class="badge">{typeLabel(e.type)}</span>{' '}
      <time dateTime={e.startsAt}>{formatRange(e.startsAt, e.endsAt, e.timezone, e.allDay)}</time> · {place(e)}
    </>
  );
}

export function EventCard(props: { event: HubEvent; headingLevel?: 2 | 3 }) {
  return (
    <Card href={props.event.url} title={props.event.title} meta={<EventMeta event={props.event} />} headingLevel={props.headingLevel}>
      {props.event.summary && <p>{props.event.summary}</p>}
    </Card>
  );
}

export function EventListView(props: { upcoming: HubEvent[] | null; page: EventPage; query: EventListQuery; projects: Project[] }) {
  const { query } = props;
  const params = { when: query.when === 'all' ? undefined : query.when, type: query.type || undefined, format: query.format || undefined, project: query.project || undefined };
  const filtered = Boolean(params.type || params.format || params.project);
  return (
    <div class="container">
      <h1>Events</h1>
      <p class="lead">Symposia, webinars, workshops and the hub’s annual meeting. Subscribe to all of them in your calendar: <a href="/events.ics">events.ics</a>, or hear of new ones <a href="/newsletter/subscribe?follow=events">by e-mail</a>.</p>
      <form class="filters" method="get" action="/events" aria-label="Filter events">
        <FilterSelect name="when" label="When" value={query.when} options={[{ value: 'all', label: 'All' }, { value: 'upcoming', label: 'Upcoming' }, { value: 'past', label: 'Past' }]} />
        <FilterSelect name="type" label="Type" any="Any type" value={query.type} options={EVENT_TYPES.map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t] }))} />
        <FilterSelect name="format" label="Format" any="Any format" value={query.format} options={EVENT_FORMATS.map((f) => ({ value: f, label: EVENT_FORMAT_LABELS[f] }))} />
        <FilterSelect name="project" label="Project" any="Any project" value={query.project} options={props.projects.map((p) => ({ value: p.slug, label: p.acronym }))} />
        <button type="submit">Filter</button>
      </form>
      {props.upcoming && (
        <section aria-labelledby="upcoming-events">
          <h2 id="upcoming-events">Upcoming</h2>
          {props.upcoming.length ? (
            <div class="card-list">{props.upcoming.map((e) => <EventCard event={e} headingLevel={3} />)}</div>
          ) : (
            <p>
              {filtered ? 'No upcoming events match these filters.' : 'No upcoming events yet.'} New dates are announced in the news and in the calendar feed.
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="listed-events">
        <h2 id="listed-events">{query.when === 'upcoming' ? 'Upcoming' : 'Past events'}</h2>
        <ResultCount total={props.page.total} one="event" filtered={filtered || query.when !== 'all'} />
        <div class="card-list">{props.page.events.map((e) => <EventCard event={e} headingLevel={3} />)}</div>
      </section>
      <Pager page={props.page.page} pageCount={props.page.pageCount} base="/events" params={params} />
    </div>
  );
}

const ROLE_LABELS: Record<string, string> = { moderator: 'Moderator', chair: 'Chair', speaker: 'Speaker', lecturer: 'Lecturer', panellist: 'Panellist' };

function People(props: { item: ProgrammeItem }) {
  if (!props.item.people.length) return null;
  return (
    <ul class="programme-people">
      {props.item.people.map((p) => (
        <li>
          <span class="role">{ROLE_LABELS[p.role] ?? p.role}:</span> <strong>{[p.honorific, p.name].filter(Boolean).join(' ')}</strong>
          {(p.jobTitle || p.affiliation) && <span class="affiliation">, {[p.jobTitle, p.affiliation].filter(Boolean).join(', ')}</span>}
          {p.representing && <span class="representing"> (for {p.representing})</span>}
        </li>
      ))}
    </ul>
  );
}

function TimeCell(props: { item: ProgrammeItem; zone: string }) {
  const { item, zone } = props;
  // Empty rather than a dash: on a phone an empty time cell takes no line at all.
  if (!item.startsAt) return <td class="slot-time" />;
  return (
    <td class="slot-time">
      <time dateTime={item.startsAt}>{formatTime(item.startsAt, zone)}</time>
      {item.endsAt && (
        <>
          –<time dateTime={item.endsAt}>{formatTime(item.endsAt, zone)}</time>
        </>
      )}
    </td>
  );
}

function ProgrammeRows(props: { items: ProgrammeItem[]; zone: string; depth: number; timed: boolean }) {
  return (
    <>
      {props.items.map((item) => (
        <>
          <tr class={`slot slot-${item.kind} depth-${props.depth}`} id={`slot-${item.id}`}>
            {props.timed && <TimeCell item={item} zone={props.zone} />}
            <td>
              <span class="slot-kind">{item.kind.replace('_', ' ')}</span>
              <span class="slot-title">{item.title}</span>
              {item.description && <p class="slot-description">{item.description}</p>}
              <People item={item} />
            </td>
          </tr>
          {item.children.length > 0 && <ProgrammeRows items={item.children} zone={props.zone} depth={props.depth + 1} timed={props.timed} />}
        </>
      ))}
    </>
  );
}

export function Programme(props: { programme: ProgrammeItem[]; event: HubEvent }) {
  if (!props.programme.length) {
    return props.event.endsAt < new Date().toISOString() ? <p>No detailed programme was published for this event.</p> : <p>The programme will be published here.</p>;
  }
  const zone = props.event.timezone;
  const timed = (items: ProgrammeItem[]): string | undefined => {
    for (const item of items) {
      const found = item.startsAt ?? timed(item.children);
      if (found) return found;
    }
    return undefined;
  };
  const first = timed(props.programme);
  // A programme published without times gets no time column: a column of dashes would only take width.
  return (
    <table class={first ? 'programme' : 'programme untimed'}>
      <caption>
        {first ? `Programme — times in ${zoneAbbreviation(first, zone)} (${zone.replace('_', ' ')})` : 'Programme — in the order it was held; times were not published'}
      </caption>
      <thead>
        <tr>
          {first && <th scope="col">Time</th>}
          <th scope="col">Session</th>
        </tr>
      </thead>
      <tbody>
        <ProgrammeRows items={props.programme} zone={zone} depth={0} timed={!!first} />
      </tbody>
    </table>
  );
}

const programmeHtml = new WeakMap<ProgrammeItem[], { zone: string; html: string }>();

/**
 * The programme section as HTML. A long programme is the largest part of an event page and the same for every viewer:
 * its HTML is kept with the tree it is drawn from, which `getProgrammeOfVersion` hands out again while nothing in it
 * changed.
 */
export function programmeSectionHtml(programme: ProgrammeItem[], event: HubEvent): string {
  // An empty programme reads differently once the event is over: cheap to draw, and not kept.
  const keep = programme.length > 0;
  const kept = programmeHtml.get(programme);
  if (keep && kept?.zone === event.timezone) return kept.html;
  const html = renderHtml(
    <>
      <h2 id="programme-heading">Programme</h2>
      <Programme programme={programme} event={event} />
    </>,
  );
  if (keep) programmeHtml.set(programme, { zone: event.timezone, html });
  return html;
}

export interface EventPageProps {
  event: HubEvent;
  descriptionHtml: string;
  /** The programme section's content (`programmeSectionHtml`). */
  programmeHtml: string;
  projects: Project[];
  parent: HubEvent | null;
  children: HubEvent[];
  /** What other modules show beside the facts (the hub's registration). */
  aside?: ComponentChildren;
  /** What other modules show below the programme (presentations and photos, live results). */
  sections?: ComponentChildren;
}

export function EventView(props: EventPageProps) {
  const e = props.event;
  const past = e.endsAt < new Date().toISOString();
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/events', label: 'Events' }, { label: e.shortTitle ?? e.title }]} />
      <article class="event" aria-labelledby="event-title">
        <header class="event-header">
          <h1 id="event-title">{e.title}</h1>
          <p class="event-meta"><EventMeta event={e} /></p>
          {e.summary && <p class="lead">{e.summary}</p>}
        </header>
        <div class="event-layout">
          <aside class="event-aside" aria-label="Registration and practical information">
            {props.aside}
            {e.registrationNote && <p class="note">{e.registrationNote}</p>}
            <p class="actions">
              {e.registrationUrl && <a class="button" href={e.registrationUrl}>Register</a>}
              <a class="button secondary" href={`/events/${e.slug}.ics`} download>Add to calendar (.ics)</a>
              {e.externalUrl && <a href={e.externalUrl} rel="external">Organiser’s website</a>}
            </p>
            <dl class="facts">
              <dt>When</dt>
              <dd>{formatRange(e.startsAt, e.endsAt, e.timezone, e.allDay)}</dd>
              <dt>Format</dt>
              <dd>{formatLabel(e.format)}</dd>
              {e.venueName && (
                <>
                  <dt>Venue</dt>
                  <dd>
                    {e.venueName}
                    {e.venueAddress && <><br />{e.venueAddress}</>}
                  </dd>
                </>
              )}
              {e.format !== 'in-person' && (
                <>
                  <dt>Online</dt>
                  <dd>
                    {e.onlinePlatform ?? 'Online'}
                    {!past && ' — the link is sent to registered participants.'}
                  </dd>
                </>
              )}
              {e.organisers && (
                <>
                  <dt>Organisers</dt>
                  <dd>{e.organisers}</dd>
                </>
              )}
              {props.projects.length > 0 && (
                <>
                  <dt>Member projects involved</dt>
                  <dd>
                    <ul class="inline-list">{props.projects.map((p) => <li><a href={p.url}>{p.acronym}</a></li>)}</ul>
                  </dd>
                </>
              )}
              {e.attendanceNote && (
                <>
                  <dt>Attendance</dt>
                  <dd>{e.attendanceNote}</dd>
                </>
              )}
              {props.parent && (
                <>
                  <dt>Part of</dt>
                  <dd><a href={props.parent.url}>{props.parent.title}</a></dd>
                </>
              )}
            </dl>
            <Tags tags={e.tags} />
          </aside>
          <div class="event-main">
            <SafeHtml html={props.descriptionHtml} />
            {e.topics.length > 0 && (
              <section aria-labelledby="topics-heading">
                <h2 id="topics-heading">Topics</h2>
                <ul class="topic-list">{e.topics.map((t) => <li>{t}</li>)}</ul>
              </section>
            )}
            <section aria-labelledby="programme-heading" class="programme-section" dangerouslySetInnerHTML={{ __html: props.programmeHtml }} />
            {props.sections}
            {props.children.length > 0 && (
              <section aria-labelledby="side-events">
                <h2 id="side-events">Sessions and satellite events</h2>
                <div class="card-list">{props.children.map((c) => <EventCard event={c} headingLevel={3} />)}</div>
              </section>
            )}
          </div>
        </div>
      </article>
    </div>
  );
}
