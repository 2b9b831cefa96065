import { AdminTable, Flash } from '../../web/admin.js';
import { counted } from '../../lib/plural.js';
import { ActionButton, Breadcrumbs, CsrfField, ErrorSummary, Field, FilterSelect } from '../../web/components/index.js';
import { formatDate, formatRange, formatTime, zoneAbbreviation } from '../../lib/time.js';
import type { HubEvent } from '../events/service.js';
import { COUNTRIES, countryName } from '../../lib/countries.js';
import { answerField, LIMITS } from './schema.js';
import { statusSentence } from './messages.js';
import {
  ACTIVE,
  type Attendance,
  type ListQuery,
  type Mode,
  MODE_LABELS,
  PLACE_NAMES,
  type PoolState,
  type Registration,
  type RegistrationSettings,
  type RegistrationSummary,
  STATUS_LABELS,
  STATUSES,
  MODES,
  modesOf,
} from './service.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

const when = (iso: string, zone: string) => `${formatDate(iso, zone)}, ${formatTime(iso, zone)} (${zone})`;

const isFull = (pool: PoolState) => pool.capacity !== null && pool.taken >= pool.capacity;

function placesLeft(pool: PoolState): string {
  if (pool.capacity === null) return 'places available';
  const left = Math.max(0, pool.capacity - pool.taken);
  return left === 0 ? 'full — waiting list open' : `${left.toLocaleString('en')} of ${counted(pool.capacity, 'place')} left`;
}

/** What the form says when places are gone, from the pools as they are: never offers a pool that is full too. */
function fullNotice(pools: PoolState[], modes: Mode[]): string | null {
  const full = pools.filter(isFull);
  if (!full.length) return null;
  if (full.length === pools.length) {
    return pools.length > 1
      ? 'All in-person and online places are taken. Register to join the waiting list: places are offered in order of arrival.'
      : `All ${PLACE_NAMES[pools[0].mode]}s are taken. Register to join the waiting list: places are offered in order of arrival.`;
  }
  if (full[0].mode === 'in-person' && modes.includes('online')) return 'All in-person places are taken. Choose an online place, or join the waiting list for an in-person place.';
  return `All ${PLACE_NAMES[full[0].mode]}s are taken; you can join the waiting list for one.`;
}

/** The registration box on the public event page: state, places per mode and, afterwards, the aggregate figures. */
export function RegistrationBox(props: { event: HubEvent; summary: RegistrationSummary }) {
  const { event, summary } = props;
  const zone = event.timezone;
  if (summary.outcome) {
    const o = summary.outcome;
    const parts = [o.onSite ? `${o.onSite} on site` : '', o.online ? `${o.online} online` : ''].filter(Boolean);
    return (
      <section class="registration-box" aria-labelledby="registration-heading">
        <h2 id="registration-heading">Attendance</h2>
        <p>
          {parts.length ? parts.join(', ') : 'No registered participants'}
          {o.organisations > 0 && `, from ${counted(o.organisations, 'organisation')}`}
          {o.countries > 0 && ` in ${counted(o.countries, 'country', 'countries')}`}.
        </p>
      </section>
    );
  }
  return (
    <section class="registration-box" aria-labelledby="registration-heading">
      <h2 id="registration-heading">Registration</h2>
      {summary.phase === 'open' && (
        <>
          <p>Open until {when(summary.closesAt!, zone)}.</p>
          <ul class="plain-list">
            {summary.pools.map((p) => (
              <li>
                {MODE_LABELS[p.mode]}: {placesLeft(p)}
              </li>
            ))}
          </ul>
          {summary.approvalRequired && <p>The organisers confirm each registration.</p>}
          <p>
            <a class="button" href={`/events/${event.slug}/register`}>{summary.pools.length > 0 && summary.pools.every(isFull) ? 'Join the waiting list' : 'Register'}</a>
          </p>
        </>
      )}
      {summary.phase === 'pre-registration' && (
        <>
          <p>Registration opens on {when(summary.opensAt!, zone)}. Pre-register now and you will be invited first.</p>
          <p>
            <a class="button" href={`/events/${event.slug}/register`}>Pre-register</a>
          </p>
        </>
      )}
      {summary.phase === 'not-yet' && <p>Registration opens on {when(summary.opensAt!, zone)}.</p>}
      {summary.phase === 'closed' && <p>Registration is closed.</p>}
    </section>
  );
}

function CountrySelect(props: { value: unknown; error?: string; required: boolean }) {
  const id = 'field-country';
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>Country{props.required ? '' : <span class="optional"> (optional)</span>}</label>
      {props.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <select id={id} name="country" required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined} autocomplete="country">
        <option value="">Choose a country</option>
        {COUNTRIES.map((c) => (
          <option value={c.code} selected={props.value === c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Radios(props: { name: string; legend: string; options: { value: string; label: string; hint?: string }[]; value: unknown; error?: string }) {
  const id = `field-${props.name}`;
  return (
    <fieldset class={`field${props.error ? ' field-error' : ''}`} id={id} aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      {props.options.map((o, i) => (
        <div class="radio">
          <input type="radio" id={`${id}-${i}`} name={props.name} value={o.value} checked={props.value === o.value} />
          <label for={`${id}-${i}`}>
            {o.label}
            {o.hint && <span class="hint"> — {o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** The questions both the registration form and the manage page ask. */
function AnswerFields(props: { settings: RegistrationSettings; values: Values; errors: Errors }) {
  const { questions } = props.settings;
  const { values, errors } = props;
  return (
    <>
      <Field name="name" label="Full name" value={values.name} error={errors.name} required autocomplete="name" maxLength={LIMITS.name} />
      {questions.organisation && <Field name="organisation" label="Organisation" value={values.organisation} error={errors.organisation} required autocomplete="organization" maxLength={LIMITS.organisation} />}
      {questions.country && <CountrySelect value={values.country} error={errors.country} required />}
      {questions.role && <Field name="role" label="Role or job title" value={values.role} error={errors.role} autocomplete="organization-title" maxLength={LIMITS.role} />}
      {questions.dietary && <Field name="dietary" label="Dietary needs" value={values.dietary} error={errors.dietary} multiline rows={2} maxLength={LIMITS.dietary} />}
      {questions.custom.map((q, i) => (
        <Field name={answerField(i)} label={q} value={values[answerField(i)]} error={errors[answerField(i)]} multiline rows={3} maxLength={LIMITS.answer} />
      ))}
    </>
  );
}

export interface RegisterViewProps {
  event: HubEvent;
  settings: RegistrationSettings;
  summary: RegistrationSummary;
  modes: Mode[];
  values: Values;
  errors: Errors;
  csrf: string;
}

/** The public registration (or pre-registration) form; without an account. */
export function RegisterView(props: RegisterViewProps) {
  const { event, settings, summary, modes, values, errors } = props;
  const pre = summary.phase === 'pre-registration';
  const inPerson = summary.pools.find((p) => p.mode === 'in-person');
  const online = summary.pools.find((p) => p.mode === 'online');
  const inPersonFull = inPerson ? isFull(inPerson) : false;
  const onlineFree = online ? !isFull(online) : false;
  const allFull = summary.pools.length > 0 && summary.pools.every(isFull);
  const notice = pre ? null : fullNotice(summary.pools, modes);
  const heading = pre ? `Pre-register for ${event.title}` : `Register for ${event.title}`;
  return (
    <div class="container narrow">
      <Breadcrumbs items={[{ href: '/events', label: 'Events' }, { href: `/events/${event.slug}`, label: event.shortTitle ?? event.title }, { label: pre ? 'Pre-register' : 'Register' }]} />
      <h1>{heading}</h1>
      <p class="lead">{formatRange(event.startsAt, event.endsAt, event.timezone, event.allDay)}</p>
      {summary.phase !== 'open' && !pre ? (
        <p class="note">{summary.phase === 'past' ? 'This event has already taken place.' : summary.phase === 'not-yet' ? `Registration opens on ${when(summary.opensAt!, event.timezone)}.` : 'Registration is closed.'}</p>
      ) : (
        <form method="post" action={`/events/${event.slug}/register`} novalidate class="registration-form">
          <ErrorSummary errors={errors} />
          <CsrfField token={props.csrf} />
          {pre && <p>Registration opens on {when(summary.opensAt!, event.timezone)}. Leave your details and we will invite you first.</p>}
          {notice && (
            <p class="note" role="status">
              {notice}
            </p>
          )}
          <p class="hint">
            Registered already and lost your link? <a href={`/events/${event.slug}/lost-link`}>Have it sent again</a>.
          </p>
          <Field name="email" label="E-mail address" type="email" value={values.email} error={errors.email} required autocomplete="email" maxLength={LIMITS.email} hint="We send your confirmation and a link to manage your registration here." />
          <AnswerFields settings={settings} values={values} errors={errors} />
          {modes.length > 1 ? (
            <Radios
              name="mode"
              legend="How will you attend?"
              value={values.mode ?? (inPersonFull && onlineFree ? 'online' : undefined)}
              error={errors.mode}
              options={summary.pools.map((p) => ({ value: p.mode, label: MODE_LABELS[p.mode], hint: placesLeft(p) }))}
            />
          ) : (
            <div class={`field${errors.mode ? ' field-error' : ''}`} id="field-mode">
              {errors.mode && (
                <p class="error-message">
                  <span class="visually-hidden">Error:</span> {errors.mode}
                </p>
              )}
              <p>This event takes place {modes[0] === 'online' ? 'online only' : 'in person only'}.</p>
              <input type="hidden" name="mode" value={modes[0]} />
            </div>
          )}
          {modes.length > 1 && !pre && onlineFree && (
            <Radios
              name="if_full"
              legend="If the in-person places are gone"
              value={values.if_full ?? 'waitlist'}
              error={errors.if_full}
              options={[
                { value: 'waitlist', label: 'Put me on the waiting list', hint: 'places are offered in order of arrival' },
                { value: 'online', label: 'Give me an online place instead' },
              ]}
            />
          )}
          <section aria-labelledby="privacy-heading" class="privacy">
            <h2 id="privacy-heading">Your personal data</h2>
            {settings.privacyNotice.split(/\n{2,}/).map((p) => (
              <p>{p}</p>
            ))}
            <p>We keep your registration for {counted(settings.retentionDays, 'day')} after the event, then anonymise it.</p>
          </section>
          <div class={`field${errors.consent ? ' field-error' : ''}`}>
            {errors.consent && (
              <p class="error-message" id="field-consent-error">
                <span class="visually-hidden">Error:</span> {errors.consent}
              </p>
            )}
            <div class="checkbox">
              <input type="checkbox" id="field-consent" name="consent" value="yes" checked={values.consent === 'yes'} aria-describedby={errors.consent ? 'field-consent-error' : undefined} />
              <label for="field-consent">{settings.consentText}</label>
            </div>
          </div>
          <button type="submit">{pre ? 'Pre-register' : allFull ? 'Join the waiting list' : 'Register'}</button>
        </form>
      )}
    </div>
  );
}

export interface ManageViewProps {
  event: HubEvent;
  settings: RegistrationSettings;
  registration: Registration;
  base: string;
  modes: Mode[];
  values: Values;
  errors: Errors;
  csrf: string;
  notice?: string;
  /** Registration is open now (a pre-registered person can take their place). */
  open: boolean;
  /** Place on the waiting list, when waiting. */
  position: number | null;
}

/** What a person sees behind their signed link: their status and every change they may make themself. */
export function ManageView(props: ManageViewProps) {
  const { event, registration: reg, base, errors } = props;
  const active = ACTIVE.includes(reg.status);
  const other = props.modes.find((m) => m !== reg.mode);
  return (
    <div class="container narrow">
      <h1>Your registration</h1>
      <p class="lead">
        <a href={`/events/${event.slug}`}>{event.title}</a> — {formatRange(event.startsAt, event.endsAt, event.timezone, event.allDay)}
      </p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <p class="registration-status">{statusSentence(reg, event.timezone, props.position)}</p>
      {reg.status === 'interested' && props.open && (
        <p>
          <a class="button" href={`/events/${event.slug}/register`}>Complete your registration</a>
        </p>
      )}
      {(reg.status === 'cancelled' || reg.status === 'lapsed') && props.open && (
        <p>
          <a class="button" href={`/events/${event.slug}/register`}>Register again</a> <span class="hint">with the same address; you join the end of the queue like anyone registering now.</span>
        </p>
      )}
      {reg.status === 'offered' && (
        <form method="post" action={`${base}/offer`} class="inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" name="answer" value="accept">Accept the place</button> <button type="submit" name="answer" value="decline" class="secondary">Decline</button>
        </form>
      )}
      <dl class="facts">
        <dt>Name</dt>
        <dd>{reg.name}</dd>
        <dt>E-mail</dt>
        <dd>{reg.email}</dd>
        <dt>How</dt>
        <dd>{MODE_LABELS[reg.mode]}</dd>
        {reg.organisation && (
          <>
            <dt>Organisation</dt>
            <dd>{reg.organisation}</dd>
          </>
        )}
        {reg.country && (
          <>
            <dt>Country</dt>
            <dd>{countryName(reg.country)}</dd>
          </>
        )}
      </dl>
      {active && other && (
        <section aria-labelledby="mode-heading">
          <h2 id="mode-heading">Change how you attend</h2>
          <form method="post" action={`${base}/mode`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="mode" value={other} />
            {errors.mode && <p class="error-message" id="field-mode">{errors.mode}</p>}
            <button type="submit">Switch to {MODE_LABELS[other].toLowerCase()}</button>
          </form>
        </section>
      )}
      {active && (
        <section aria-labelledby="answers-heading">
          <h2 id="answers-heading">Your details</h2>
          <form method="post" action={`${base}/answers`} novalidate>
            <CsrfField token={props.csrf} />
            <AnswerFields settings={props.settings} values={props.values} errors={errors} />
            <button type="submit">Save my details</button>
          </form>
        </section>
      )}
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <ul class="plain-list">
          {reg.status === 'confirmed' && (
            <li>
              <a href={`${base}/calendar.ics`} download>Add to my calendar (.ics)</a>
            </li>
          )}
          <li>
            <a href={`${base}/data.json`} download>Download my data (JSON)</a>
          </li>
        </ul>
        {active && (
          <p>
            <a class="button secondary" href={`${base}/cancel`}>Cancel my registration</a>
          </p>
        )}
        <form method="post" action={`${base}/delete`} class="inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" class="danger">Delete my registration and data</button>
        </form>
      </section>
    </div>
  );
}

/** What cancelling does to this person's place, said before they confirm. */
function cancelConsequence(reg: Registration, position: number | null): string {
  const place = PLACE_NAMES[reg.mode];
  switch (reg.status) {
    case 'waitlisted':
      return `You leave the waiting list${position ? ` and give up number ${position} in line` : ''}.`;
    case 'offered':
      return `The ${place} we offered you goes to the next person on the waiting list.`;
    case 'interested':
      return 'You will not be invited when registration opens.';
    default:
      return `Your ${place} goes to the next person on the waiting list, or to the next person who registers.`;
  }
}

/** The second step of cancelling: what happens to the place, and a way back. */
export function CancelView(props: { event: HubEvent; registration: Registration; base: string; position: number | null; csrf: string }) {
  const { event, registration: reg, base } = props;
  return (
    <div class="container narrow">
      <h1>Cancel your registration?</h1>
      <p class="lead">
        <a href={`/events/${event.slug}`}>{event.title}</a> — {formatRange(event.startsAt, event.endsAt, event.timezone, event.allDay)}
      </p>
      <p>{cancelConsequence(reg, props.position)}</p>
      <p>You can register again later with the same address while registration is open; you would join the end of the queue like anyone registering then.</p>
      <form method="post" action={`${base}/cancel`} class="actions">
        <CsrfField token={props.csrf} />
        <button type="submit" class="danger">Yes, cancel my registration</button>
        <a class="button secondary" href={base}>No, keep my registration</a>
      </form>
    </div>
  );
}

/** Asks for the address a lost manage link should go to. */
export function LostLinkView(props: { event: HubEvent; values: Values; errors: Errors; csrf: string; sentTo?: string }) {
  const { event, values, errors } = props;
  return (
    <div class="container narrow">
      <Breadcrumbs items={[{ href: '/events', label: 'Events' }, { href: `/events/${event.slug}`, label: event.shortTitle ?? event.title }, { label: 'Lost your link?' }]} />
      <h1>Lost your link?</h1>
      {props.sentTo ? (
        <>
          <p class="notice" role="status">
            If {props.sentTo} is registered for {event.title}, we have sent the link to manage that registration to it. It may take a minute to arrive; look in your spam folder too.
          </p>
          <p>
            <a href={`/events/${event.slug}`}>Back to {event.shortTitle ?? event.title}</a>
          </p>
        </>
      ) : (
        <form method="post" action={`/events/${event.slug}/lost-link`} novalidate>
          <ErrorSummary errors={errors} />
          <CsrfField token={props.csrf} />
          <p>Every mail about your registration for {event.title} has a link to change or cancel it. Enter the address you registered with and we send that link again.</p>
          <Field name="email" label="E-mail address" type="email" value={values.email} error={errors.email} required autocomplete="email" maxLength={LIMITS.email} />
          <button type="submit">Send my link</button>
        </form>
      )}
    </div>
  );
}

export function DeletedView(props: { event: HubEvent | null }) {
  return (
    <div class="container narrow">
      <h1>Your registration is deleted</h1>
      <p>We have removed your registration and the personal data in it.</p>
      {props.event && (
        <p>
          <a href={`/events/${props.event.slug}`}>Back to {props.event.title}</a>
        </p>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- organiser screens

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
