/** The public registration screens: the box on the event page, the form, and the person's own manage, cancel and lost-link pages. */
import { counted } from '../../lib/plural.js';
import { Breadcrumbs, CsrfField, ErrorSummary, Field, Radios } from '../../web/components/index.js';
import { formatDate, formatRange, formatTime } from '../../lib/time.js';
import type { HubEvent } from '../events/service.js';
import { COUNTRIES, countryName } from '../../lib/countries.js';
import { answerField, LIMITS } from './schema.js';
import { statusSentence } from './messages.js';
import {
  ACTIVE,
  type Mode,
  MODE_LABELS,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  PLACE_NAMES,
  type PoolState,
  type Registration,
  type RegistrationSettings,
  type RegistrationSummary,
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

/** Optional: the hub reports how many kinds of organisation its events reach, never who came from which. */
function OrganisationTypeSelect(props: { value: unknown; error?: string }) {
  const id = 'field-organisation_type';
  const hint = `${id}-hint`;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        Type of organisation<span class="optional"> (optional)</span>
      </label>
      <p class="hint" id={hint}>
        Only counted in the hub's figures.
      </p>
      {props.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <select id={id} name="organisation_type" aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${hint} ${id}-error` : hint}>
        <option value="">Prefer not to say</option>
        {ORGANISATION_TYPES.map((type) => (
          <option value={type} selected={props.value === type}>
            {ORGANISATION_TYPE_LABELS[type]}
          </option>
        ))}
      </select>
    </div>
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
      {questions.organisation && <OrganisationTypeSelect value={values.organisation_type} error={errors.organisation_type} />}
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
