import type { ComponentChildren } from 'preact';
import { ActionButton, AdminTable, CheckboxField, ProjectChoices, SelectField } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import { COUNTRY_OPTIONS } from '../../lib/countries.js';
import { formatRange } from '../../lib/time.js';
import type { Project } from '../directory/service.js';
import { PROGRAMME_FORMAT_HELP } from './programme-text.js';
import { EVENT_FORMAT_LABELS, EVENT_FORMATS, EVENT_TYPE_LABELS, EVENT_TYPES } from './schema.js';
import type { EventPage, HubEvent } from './service.js';

type Values = Record<string, unknown>;

export function EventsAdminList(props: EventPage & { q?: string; registrations?: boolean }) {
  return (
    <AdminTable
      caption="Events, latest first"
      one="event"
      columns={['Title', 'When', 'State', 'Links']}
      rows={props.events.map((e) => [
        <a href={props.registrations ? `/admin/events/${e.id}/registrations` : `/admin/events/${e.id}`}>{e.title}</a>,
        formatRange(e.startsAt, e.endsAt, e.timezone, e.allDay),
        <span class={`badge status-${e.status}`}>{e.status}</span>,
        <>
          {e.status === 'published' && <a href={e.url}>Public page<span class="visually-hidden"> of {e.title}</span></a>}
          {' · '}
          <a href={`/admin/events/${e.id}/registrations`}>Registrations<span class="visually-hidden"> of {e.title}</span></a>
        </>,
      ])}
      total={props.total}
      page={props.page}
      pageCount={props.pageCount}
      base={props.registrations ? '/admin/registrations' : '/admin/events'}
      params={{ q: props.q }}
    />
  );
}

export function EventFormView(props: {
  csrf: string;
  action: string;
  values: Values;
  errors: Record<string, string>;
  projects: Project[];
  parents: { id: number; title: string }[];
  isAdmin: boolean;
  event?: HubEvent;
  /** What other modules say about this event above the form (where its registration stands). */
  notes?: ComponentChildren;
}) {
  const v = props.values;
  const e = props.errors;
  const selected = ([] as unknown[]).concat(v.projectIds ?? []).map(Number);
  return (
    <>
      {props.event && (
        <div class="actions">
          {props.event.status === 'published' && <a href={props.event.url}>View the public page</a>}
          <a href={`/admin/events/${props.event.id}/preview`}>Preview</a>
          <a href={`/admin/events/${props.event.id}/registrations`}>Registrations</a>
          <a href={`/admin/events/${props.event.id}/registration`}>Registration settings</a>
          <ActionButton action={`/admin/events/${props.event.id}/delete`} label="Delete this event" csrf={props.csrf} danger confirm="The event, its programme and its page disappear for good." />
        </div>
      )}
      {props.notes}
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <h2>About the event</h2>
        <Field name="title" label="Title" required value={v.title} error={e.title} maxLength={200} />
        <Field name="shortTitle" label="Short title" hint="For lists and calendars." value={v.shortTitle} error={e.shortTitle} maxLength={80} />
        <SelectField name="type" label="Type" value={v.type} error={e.type} options={EVENT_TYPES.map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t] }))} />
        <SelectField name="format" label="Format" value={v.format} error={e.format} options={EVENT_FORMATS.map((f) => ({ value: f, label: EVENT_FORMAT_LABELS[f] }))} />
        <Field name="summary" label="Summary" multiline rows={3} value={v.summary} error={e.summary} maxLength={1000} />
        <Field name="descriptionMd" label="Description" hint="Markdown." multiline rows={10} value={v.descriptionMd} error={e.descriptionMd} />
        <Field name="organisers" label="Organisers" hint="As shown on the page, e.g. “EXCEED with the Cluster Hub”." value={v.organisers} error={e.organisers} maxLength={500} />
        <ProjectChoices projects={props.projects} selected={selected} error={e.projectIds} legend="Organising projects" hint="Their editors can change this event; it appears on their project pages." />
        {props.isAdmin && <CheckboxField name="isHubEvent" label="An event of the hub itself" checked={Boolean(v.isHubEvent)} />}
        <SelectField name="parentEventId" label="Part of" hint="For satellite sessions of a larger event." value={v.parentEventId} error={e.parentEventId} options={[{ value: '', label: 'Not part of another event' }, ...props.parents.filter((p) => p.id !== props.event?.id).map((p) => ({ value: String(p.id), label: p.title }))]} />

        <h2>When</h2>
        <Field name="timezone" label="Time zone" hint="The zone the times below are in, e.g. Europe/Brussels." required value={v.timezone} error={e.timezone} maxLength={60} />
        <Field name="startsAt" type="datetime-local" label="Starts" required value={v.startsAt} error={e.startsAt} />
        <Field name="endsAt" type="datetime-local" label="Ends" required value={v.endsAt} error={e.endsAt} />
        <CheckboxField name="allDay" label="All-day event (times are not shown)" checked={Boolean(v.allDay)} />

        <h2>Where</h2>
        <Field name="venueName" label="Venue" value={v.venueName} error={e.venueName} maxLength={200} />
        <Field name="venueAddress" label="Address" value={v.venueAddress} error={e.venueAddress} maxLength={300} />
        <Field name="city" label="City" value={v.city} error={e.city} maxLength={100} />
        <SelectField name="country" label="Country" options={COUNTRY_OPTIONS} value={v.country} error={e.country} />
        <Field name="directions" label="Directions" multiline rows={3} value={v.directions} error={e.directions} maxLength={2000} />
        <Field name="onlinePlatform" label="Online platform" hint="e.g. Zoom, Teams, Webex." value={v.onlinePlatform} error={e.onlinePlatform} maxLength={100} />
        <Field name="meetingUrl" type="url" label="Meeting link" hint="Private: sent only to people registered online, never shown on the page." value={v.meetingUrl} error={e.meetingUrl} />

        <h2>Registration and links</h2>
        <Field name="registrationUrl" type="url" label="External registration link" value={v.registrationUrl} error={e.registrationUrl} />
        <Field name="registrationNote" label="Registration note" multiline rows={2} value={v.registrationNote} error={e.registrationNote} maxLength={1000} />
        <Field name="externalUrl" type="url" label="Event website" value={v.externalUrl} error={e.externalUrl} />
        <Field name="topics" label="Topics" hint="One per line." multiline rows={4} value={v.topics} error={e.topics} />
        <Field name="tags" label="Tags" hint="Separated by commas." value={v.tags} error={e.tags} maxLength={300} />
        <Field name="attendanceNote" label="Attendance" hint="After the event, e.g. “120 participants, 40 in person”." value={v.attendanceNote} error={e.attendanceNote} maxLength={1000} />

        <h2>Programme</h2>
        <div class={`field${e.programme ? ' field-error' : ''}`}>
          <label for="field-programme">Programme</label>
          <p class="hint" id="field-programme-hint">{PROGRAMME_FORMAT_HELP}</p>
          {e.programme && <p class="error-message" id="field-programme-error"><span class="visually-hidden">Error:</span> {e.programme}</p>}
          <textarea id="field-programme" name="programme" rows={18} class="programme-source" spellcheck={false} aria-describedby={`field-programme-hint${e.programme ? ' field-programme-error' : ''}`} aria-invalid={e.programme ? 'true' : undefined}>
            {String(v.programme ?? '')}
          </textarea>
          <details>
            <summary>Kinds and roles</summary>
            <p>Kinds: session, talk, keynote, panel, round_table, interactive, break, networking. Roles: moderator, chair, speaker, lecturer, panellist. Add “| Project” after a person to say whom they represent.</p>
          </details>
        </div>

        <h2>Publication</h2>
        <SelectField name="status" label="State" value={v.status} error={e.status} options={[{ value: 'draft', label: 'Draft (not on the site)' }, { value: 'published', label: 'Published' }]} />
        <div class="actions">
          <button type="submit">Save</button>
          <a href="/admin/events">Cancel</a>
        </div>
      </form>
    </>
  );
}
