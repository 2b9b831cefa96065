/** The organisers' registration screens: settings, the list and its figures, the door and group mail. */
import { AdminTable, Flash } from '../../web/admin.js';
import { counted } from '../../lib/plural.js';
import { ActionButton, CsrfField, ErrorSummary, Field, FilterSelect, Radios } from '../../web/components/index.js';
import { formatTime, zoneAbbreviation } from '../../lib/time.js';
import type { HubEvent } from '../events/service.js';
import { countryName } from '../../lib/countries.js';
import {
  type Attendance,
  type ListQuery,
  type Mode,
  MODE_LABELS,
  type PoolState,
  type Registration,
  STATUS_LABELS,
  STATUSES,
  MODES,
  modesOf,
} from './service.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

/** Links between one event's registration screens, under the back office's own navigation. */
function RegistrationNav(props: { event: HubEvent; current: string }) {
  const base = `/admin/events/${props.event.id}`;
  const items = [
    { href: `${base}/registrations`, label: 'Registrations' },
    { href: `${base}/check-in`, label: 'Check-in' },
    { href: `${base}/registrations/mail`, label: 'Mail participants' },
    { href: `${base}/registration`, label: 'Settings' },
  ];
  return (
    <nav aria-label="Registration" class="sub-nav">
      <ul class="inline-list">
        {items.map((i) => (
          <li>
            <a href={i.href} aria-current={i.href === props.current ? 'page' : undefined}>
              {i.label}
            </a>
          </li>
        ))}
        <li>
          <a href={`${base}/registrations.csv`} download>Export CSV</a>
        </li>
      </ul>
    </nav>
  );
}

function AdminHeader(props: { event: HubEvent; current: string }) {
  return (
    <>
      <p class="lead">
        <a href={`/events/${props.event.slug}`}>{props.event.title}</a>
      </p>
      <RegistrationNav event={props.event} current={props.current} />
    </>
  );
}

function Checkbox(props: { name: string; label: string; checked: boolean }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={`field-${props.name}`} name={props.name} checked={props.checked} />
      <label for={`field-${props.name}`}>{props.label}</label>
    </div>
  );
}

export function SettingsView(props: { event: HubEvent; values: Values; errors: Errors; csrf: string; saved?: boolean }) {
  const { event, values: v, errors } = props;
  const modes = modesOf(event.format);
  const checked = (name: string) => v[name] === 'on' || v[name] === true;
  return (
    <div>
      <AdminHeader event={event} current={`/admin/events/${event.id}/registration`} />
      <Flash message={props.saved ? 'Settings saved.' : undefined} />
      <form method="post" action={`/admin/events/${event.id}/registration`} novalidate class="settings-form">
        <ErrorSummary errors={errors} />
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>When</legend>
          <Field name="opens_at" type="datetime-local" label={`Registration opens (${event.timezone})`} value={v.opens_at} error={errors.opens_at} hint="Empty: open now." />
          <Field name="closes_at" type="datetime-local" label={`Registration closes (${event.timezone})`} value={v.closes_at} error={errors.closes_at} hint="Empty: when the event ends." />
          <Checkbox name="pre_registration" label="Pre-registration: collect interest before registration opens; those people are invited first" checked={checked('pre_registration')} />
        </fieldset>
        <fieldset>
          <legend>Places</legend>
          {modes.includes('in-person') && <Field name="in_person_capacity" type="number" label="In-person places" value={v.in_person_capacity} error={errors.in_person_capacity} hint="Empty: unlimited." />}
          {modes.includes('online') && <Field name="online_capacity" type="number" label="Online places" value={v.online_capacity} error={errors.online_capacity} hint="Empty: unlimited." />}
          <Checkbox name="approval_required" label="Organisers approve each registration" checked={checked('approval_required')} />
          <Field name="offer_hours" type="number" label="Hours to accept an offered place" value={v.offer_hours} error={errors.offer_hours} required />
          <Field name="reminder_hours" label="Reminders, hours before the start" value={v.reminder_hours} error={errors.reminder_hours} hint='For example "24, 2". Empty: no reminders.' />
        </fieldset>
        <fieldset>
          <legend>Questions</legend>
          <Checkbox name="ask_organisation" label="Organisation" checked={checked('ask_organisation')} />
          <Checkbox name="ask_country" label="Country" checked={checked('ask_country')} />
          <Checkbox name="ask_role" label="Role or job title" checked={checked('ask_role')} />
          <Checkbox name="ask_dietary" label="Dietary needs" checked={checked('ask_dietary')} />
          <Field name="custom_questions" label="Custom questions, one per line" value={v.custom_questions} error={errors.custom_questions} multiline rows={4} />
        </fieldset>
        <fieldset>
          <legend>Personal data</legend>
          <Field name="privacy_notice" label="Privacy notice" value={v.privacy_notice} error={errors.privacy_notice} multiline rows={5} required />
          <Field name="consent_text" label="Consent sentence" value={v.consent_text} error={errors.consent_text} required />
          <Field name="retention_days" type="number" label="Days to keep registrations after the event" value={v.retention_days} error={errors.retention_days} required />
        </fieldset>
        <button type="submit">Save settings</button>
      </form>
    </div>
  );
}

/** Horizontal bars drawn as SVG on the server: readable at a glance, no script, no inline styles. */
export function BarChart(props: { title: string; rows: { label: string; value: number; secondary?: number }[]; secondaryLabel?: string }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const rowHeight = 28;
  const labelWidth = 160;
  const barWidth = 300;
  const height = props.rows.length * rowHeight + 8;
  return (
    <figure class="bar-chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${labelWidth + barWidth + 70} ${height}`} role="img" aria-label={`${props.title}: ${props.rows.map((r) => `${r.label} ${r.value}`).join(', ')}`}>
        {props.rows.map((r, i) => {
          const y = i * rowHeight + 4;
          return (
            <g>
              <text x={labelWidth - 8} y={y + 17} text-anchor="end" class="bar-label">
                {r.label}
              </text>
              <rect x={labelWidth} y={y} width={Math.max(1, (r.value / max) * barWidth)} height={rowHeight - 8} class="bar" />
              {r.secondary !== undefined && <rect x={labelWidth} y={y + 6} width={(r.secondary / max) * barWidth} height={rowHeight - 20} class="bar-secondary" />}
              <text x={labelWidth + (r.value / max) * barWidth + 6} y={y + 17} class="bar-value">
                {r.secondary !== undefined ? `${r.secondary} / ${r.value}` : r.value}
              </text>
            </g>
          );
        })}
      </svg>
      {props.secondaryLabel && <p class="hint">{props.secondaryLabel}</p>}
    </figure>
  );
}

export function AttendanceFigures(props: { attendance: Attendance; pools: PoolState[] }) {
  const a = props.attendance;
  // Every mode the event offers gets its row, registered or not yet, so an empty table never has only headers.
  const modes = [...new Set([...props.pools.map((p) => p.mode), ...a.byMode.map((m) => m.mode)])];
  return (
    <section aria-labelledby="figures-heading" class="attendance">
      <h2 id="figures-heading">Attendance</h2>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden">Registrations and attendance by mode</caption>
          <thead>
            <tr>
              <th scope="col">Mode</th>
              <th scope="col">Places</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Attended</th>
              <th scope="col">Awaiting approval</th>
              <th scope="col">Waiting list</th>
            </tr>
          </thead>
          <tbody>
            {modes.map((mode) => {
              const pool = props.pools.find((p) => p.mode === mode);
              const m = a.byMode.find((row) => row.mode === mode);
              return (
                <tr>
                  <th scope="row">{MODE_LABELS[mode]}</th>
                  <td>{pool?.capacity ?? 'unlimited'}</td>
                  <td>{m?.registered ?? 0}</td>
                  <td>{m?.attended ?? 0}</td>
                  <td>{m?.pending ?? 0}</td>
                  <td>{m?.waitlisted ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {a.byMode.every((m) => m.registered === 0) ? (
        <p>No confirmed participants yet.</p>
      ) : (
        (a.organisations > 0 || a.countries.length > 0) && (
          <p>
            From {counted(a.organisations, 'organisation')} in {counted(a.countries.length, 'country', 'countries')}.
          </p>
        )
      )}
      {a.byMode.length > 0 && (
        <BarChart
          title="Confirmed and attended, by mode"
          rows={a.byMode.map((m) => ({ label: MODE_LABELS[m.mode], value: m.registered, secondary: m.attended }))}
          secondaryLabel="The darker inner bar is the number checked in."
        />
      )}
      {a.countries.length > 0 && <BarChart title="Confirmed participants by country" rows={a.countries.slice(0, 12).map((c) => ({ label: countryName(c.country), value: c.count }))} />}
    </section>
  );
}

export interface ListViewProps {
  event: HubEvent;
  list: { registrations: Registration[]; total: number; page: number; pageCount: number };
  query: ListQuery;
  attendance: Attendance;
  pools: PoolState[];
  modes: Mode[];
  csrf: string;
}

export function RegistrationListView(props: ListViewProps) {
  const { event, query, list } = props;
  const base = `/admin/events/${event.id}/registrations`;
  return (
    <div>
      <AdminHeader event={event} current={base} />
      <AttendanceFigures attendance={props.attendance} pools={props.pools} />
      <h2>People</h2>
      <form class="filters" method="get" action={base} aria-label="Filter registrations">
        <div class="filter">
          <label for="f-q">Search</label>
          <input id="f-q" name="q" type="search" value={query.q ?? ''} maxLength={200} />
        </div>
        <FilterSelect name="mode" label="Mode" any="Any" value={query.mode} options={MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }))} />
        <FilterSelect name="status" label="Status" any="Any" value={query.status} options={STATUSES.map((st) => ({ value: st, label: STATUS_LABELS[st] }))} />
        <button type="submit">Filter</button>
      </form>
      <AdminTable
        caption="Registrations"
        columns={['Name', 'E-mail', 'Organisation', 'Country', 'Mode', 'Status', 'Actions']}
        rows={list.registrations.map((r) => {
          const other = props.modes.find((m) => m !== r.mode);
          const active = ['pending', 'confirmed', 'waitlisted', 'offered', 'interested'].includes(r.status);
          return [
            r.name,
            r.email,
            r.organisation,
            countryName(r.country),
            MODE_LABELS[r.mode],
            `${STATUS_LABELS[r.status]}${r.checkedInAt ? ' · checked in' : ''}`,
            <>
              {r.status === 'pending' && (
                <>
                  <ActionButton action={`${base}/${r.id}/decision`} csrf={props.csrf} label={`Approve ${r.name}`} name="decision" value="approve" small />
                  <ActionButton action={`${base}/${r.id}/decision`} csrf={props.csrf} label={`Decline ${r.name}`} name="decision" value="decline" small secondary />
                </>
              )}
              {active && other && <ActionButton action={`${base}/${r.id}/mode`} csrf={props.csrf} label={`Move to ${MODE_LABELS[other].toLowerCase()}`} name="mode" value={other} small secondary />}
            </>,
          ];
        })}
        total={list.total}
        page={list.page}
        pageCount={list.pageCount}
        base={base}
        params={{ q: query.q || undefined, mode: query.mode || undefined, status: query.status || undefined }}
        one="registration"
      />
    </div>
  );
}

/** Lower case without accents, so "alvarez" finds Álvarez at the door; check-in.js matches the same way. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export interface DoorProps {
  event: HubEvent;
  /** Everyone expected, alphabetical; the filter only hides rows. */
  people: Registration[];
  q: string;
  csrf: string;
}

/**
 * The check-in screen for a phone at the door: no back-office menu, the counts and the filter always at the top,
 * one button per person. It works with reloads; check-in.js filters as you type and checks in without a reload.
 */
export function CheckInView(props: DoorProps) {
  const { event, people } = props;
  const base = `/admin/events/${event.id}/check-in`;
  const q = folded(props.q.trim());
  const shown = q ? people.filter((r) => folded(`${r.name} ${r.organisation ?? ''} ${r.email}`).includes(q)) : people;
  const checkedIn = people.filter((r) => r.checkedInAt).length;
  return (
    <div class="door" data-door>
      <div class="door-bar">
        <p class="door-event">
          <a href={`/admin/events/${event.id}/registrations`}>Registrations</a> › {event.shortTitle ?? event.title}
        </p>
        <p class="door-count" role="status">
          <strong data-door-checked>{checkedIn}</strong> checked in / <span data-door-expected>{people.length}</span> expected
        </p>
        <form method="get" action={base} role="search" class="door-filter" aria-label="Find a participant">
          <label for="door-q">Name, organisation or e-mail</label>
          <div class="door-filter-row">
            <input id="door-q" name="q" type="search" value={props.q} maxLength={200} autocomplete="off" data-door-filter />
            <button type="submit">Find</button>
          </div>
        </form>
        <p class="door-problem" role="alert" data-door-problem hidden />
      </div>
      <ul class="door-list">
        {shown.map((r) => (
          <li id={`person-${r.id}`} class={r.checkedInAt ? 'checked-in' : undefined} data-door-person data-search={folded(`${r.name} ${r.organisation ?? ''} ${r.email}`)}>
            <span class="door-name">
              <strong>{r.name}</strong>
              {r.organisation && <span class="door-org">{r.organisation}</span>}
            </span>
            <CheckInButton event={event} registration={r} csrf={props.csrf} q={props.q} />
          </li>
        ))}
      </ul>
      <p data-door-none hidden={shown.length > 0}>{people.length === 0 ? 'Nobody is registered in person yet.' : 'Nobody expected matches this search.'}</p>
    </div>
  );
}

function CheckInButton(props: { event: HubEvent; registration: Registration; csrf: string; q?: string }) {
  const r = props.registration;
  const present = r.checkedInAt !== null;
  return (
    <form method="post" action={`/admin/events/${props.event.id}/check-in/${r.id}`} class="inline-form" data-door-toggle>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="present" value={present ? 'no' : 'yes'} />
      {props.q && <input type="hidden" name="q" value={props.q} />}
      <button type="submit" class={present ? 'secondary' : undefined} aria-label={present ? `Undo check-in of ${r.name}` : `Check in ${r.name}`}>
        {present ? `✓ ${formatTime(r.checkedInAt!, props.event.timezone)} · Undo` : 'Check in'}
      </button>
    </form>
  );
}

/** Why a registration cannot be checked in at the door, in words for the person holding the phone. */
export function checkInRefusal(reg: Registration): string | null {
  if (reg.status === 'confirmed' && reg.mode === 'online') return `${reg.name} registered to attend online; check-in is for people in the room.`;
  if (reg.status !== 'confirmed') return `${reg.name} cannot be checked in: ${STATUS_LABELS[reg.status].toLowerCase()}.`;
  return null;
}

/** What an organiser's phone shows after scanning a participant's QR code. */
export function CheckInPersonView(props: { event: HubEvent; registration: Registration; csrf: string }) {
  const r = props.registration;
  const refusal = checkInRefusal(r);
  return (
    <div class="door">
      <p class="door-event">
        <a href={`/admin/events/${props.event.id}/check-in`}>Check-in</a> › {props.event.shortTitle ?? props.event.title}
      </p>
      <h1>{r.name}</h1>
      <dl class="facts">
        <dt>Organisation</dt>
        <dd>{r.organisation ?? '—'}</dd>
        <dt>How</dt>
        <dd>{MODE_LABELS[r.mode]}</dd>
        <dt>Status</dt>
        <dd>
          {STATUS_LABELS[r.status]}
          {r.checkedInAt && `, checked in at ${formatTime(r.checkedInAt, props.event.timezone)} ${zoneAbbreviation(r.checkedInAt, props.event.timezone)}`}
        </dd>
      </dl>
      {refusal ? (
        <p class="notice" role="alert">
          {refusal}
        </p>
      ) : (
        <div class="door-single">
          <CheckInButton event={props.event} registration={r} csrf={props.csrf} />
        </div>
      )}
    </div>
  );
}

export const GROUPS: Record<string, string> = {
  confirmed: 'Everyone confirmed',
  'confirmed-in-person': 'Confirmed, in person',
  'confirmed-online': 'Confirmed, online',
  waitlisted: 'Waiting list',
  pending: 'Awaiting approval',
  interested: 'Pre-registered',
};

export function GroupMailView(props: { event: HubEvent; values: Values; errors: Errors; csrf: string; sent?: number }) {
  const { event, values, errors } = props;
  return (
    <div class="narrow">
      <AdminHeader event={event} current={`/admin/events/${event.id}/registrations/mail`} />
      <Flash message={props.sent === undefined ? undefined : `Message queued for ${counted(props.sent, 'person', 'people')}.`} />
      <form method="post" action={`/admin/events/${event.id}/registrations/mail`} novalidate>
        <ErrorSummary errors={errors} />
        <CsrfField token={props.csrf} />
        <Radios name="group" legend="Who receives it" value={values.group ?? 'confirmed'} error={errors.group} options={Object.entries(GROUPS).map(([value, label]) => ({ value, label }))} />
        <Field name="subject" label="Subject" value={values.subject} error={errors.subject} required maxLength={200} />
        <Field name="body" label="Message" value={values.body} error={errors.body} required multiline rows={10} hint="Plain text. Each person's manage link is added at the end." />
        <button type="submit">Send</button>
      </form>
    </div>
  );
}
