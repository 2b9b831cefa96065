import { counted } from '../../lib/plural.js';
import { formatInstant } from '../../lib/time.js';
import { ActionButton, Stamp } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import { groupItems } from './messages.js';
import { CONSENT_TEXT, type Choices, type DigestItem, type Frequency, type Issue, itemKey, type Subscriber } from './service.js';

type Values = Record<string, unknown>;

export interface FollowOptions {
  projects: { id: number; slug: string; label: string }[];
  topics: { slug: string; label: string }[];
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  instant: 'As it happens: a mail for each news post you follow and each event that opens registration',
  weekly: 'A weekly digest',
  monthly: 'A monthly digest',
};

const asList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** The choices as form values: what the form shows ticked. */
export function choiceValues(choices: Choices): Values {
  return {
    allNews: choices.allNews ? 'on' : undefined,
    allEvents: choices.allEvents ? 'on' : undefined,
    projects: choices.projectIds.map(String),
    topics: choices.topicSlugs,
    frequency: choices.frequency,
  };
}

/** What to follow and how often: the same fieldsets on the subscribe form and the preferences page. */
function ChoiceFields(props: { options: FollowOptions; values: Values; errors: Record<string, string> }) {
  const v = props.values;
  const projects = new Set(asList(v.projects));
  const topics = new Set(asList(v.topics));
  const frequency = typeof v.frequency === 'string' ? v.frequency : 'weekly';
  const followError = props.errors.follow ?? props.errors.projects ?? props.errors.topics;
  return (
    <>
      <fieldset id="field-follow" class={followError ? 'field-error' : undefined} aria-describedby={followError ? 'field-follow-error' : undefined}>
        <legend>What to follow</legend>
        {followError && (
          <p class="error-message" id="field-follow-error">
            <span class="visually-hidden">Error:</span> {followError}
          </p>
        )}
        <div class="checkbox">
          <input type="checkbox" id="follow-news" name="allNews" value="on" checked={!!v.allNews} />
          <label for="follow-news">All news of the hub</label>
        </div>
        <div class="checkbox">
          <input type="checkbox" id="follow-events" name="allEvents" value="on" checked={!!v.allEvents} />
          <label for="follow-events">All events</label>
        </div>
        {props.options.projects.length > 0 && (
          <details class="follow-list" open={projects.size > 0}>
            <summary>Chosen projects{projects.size ? ` (${projects.size})` : ''}</summary>
            <div class="follow-grid">
              {props.options.projects.map((p) => (
                <div class="checkbox">
                  <input type="checkbox" id={`project-${p.id}`} name="projects" value={String(p.id)} checked={projects.has(String(p.id))} />
                  <label for={`project-${p.id}`}>{p.label}</label>
                </div>
              ))}
            </div>
          </details>
        )}
        {props.options.topics.length > 0 && (
          <details class="follow-list" open={topics.size > 0}>
            <summary>Chosen topics{topics.size ? ` (${topics.size})` : ''}</summary>
            <div class="follow-grid">
              {props.options.topics.map((t) => (
                <div class="checkbox">
                  <input type="checkbox" id={`topic-${t.slug}`} name="topics" value={t.slug} checked={topics.has(t.slug)} />
                  <label for={`topic-${t.slug}`}>{t.label}</label>
                </div>
              ))}
            </div>
          </details>
        )}
      </fieldset>
      <fieldset id="field-frequency" aria-describedby={props.errors.frequency ? 'field-frequency-error' : undefined}>
        <legend>How often</legend>
        {props.errors.frequency && (
          <p class="error-message" id="field-frequency-error">
            <span class="visually-hidden">Error:</span> {props.errors.frequency}
          </p>
        )}
        {(Object.keys(FREQUENCY_LABELS) as Frequency[]).map((f) => (
          <div class="radio">
            <input type="radio" id={`frequency-${f}`} name="frequency" value={f} checked={frequency === f} />
            <label for={`frequency-${f}`}>{FREQUENCY_LABELS[f]}</label>
          </div>
        ))}
        <p class="hint">Whatever you choose, you also hear when an event you follow opens registration.</p>
      </fieldset>
    </>
  );
}

export function SubscribeView(props: { csrf: string; options: FollowOptions; values?: Values; errors?: Record<string, string> }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <div class="container narrow">
      <h1>Subscribe to the Cluster Hub</h1>
      <p class="lead">News, events and documents of the projects you care about, by e-mail. We send a link to confirm first.</p>
      <ErrorSummary errors={e} />
      <form method="post" action="/newsletter/subscribe" novalidate class="settings-form">
        <CsrfField token={props.csrf} />
        <Field name="email" label="Your e-mail address" type="email" required autocomplete="email" value={v.email} error={e.email} maxLength={254} />
        <ChoiceFields options={props.options} values={v} errors={e} />
        <div id="field-consent" class={`field${e.consent ? ' field-error' : ''}`}>
          {e.consent && (
            <p class="error-message" id="field-consent-error">
              <span class="visually-hidden">Error:</span> {e.consent}
            </p>
          )}
          <div class="checkbox">
            <input type="checkbox" id="consent" name="consent" value="on" checked={!!v.consent} aria-describedby={e.consent ? 'field-consent-error' : undefined} />
            <label for="consent">{CONSENT_TEXT}</label>
          </div>
        </div>
        <button type="submit">Subscribe</button>
      </form>
    </div>
  );
}

/** The one answer to every subscription request, whoever the address belongs to. */
export function CheckInboxView(props: { email: string }) {
  return (
    <div class="container narrow">
      <h1>Check your inbox</h1>
      <p class="lead" role="status">
        If {props.email} can receive our mail, a message is on its way to it. Follow the link inside to confirm; until then we send nothing else.
      </p>
      <p>No message after a few minutes? Look in the spam folder, or <a href="/newsletter/subscribe">try again</a>.</p>
    </div>
  );
}

export function LinkProblemView(props: { expired?: boolean }) {
  return (
    <div class="container narrow">
      <h1>{props.expired ? 'This link has expired' : 'This link does not work'}</h1>
      <p class="lead">
        {props.expired
          ? 'Confirmation links work for 7 days. Subscribe again and we will send you a new one.'
          : 'It may be incomplete, or the subscription it was for has been deleted. Copy the whole link from the mail, or subscribe again.'}
      </p>
      <p><a href="/newsletter/subscribe">Subscribe</a></p>
    </div>
  );
}

export function PreferencesView(props: { subscriber: Subscriber; csrf: string; options: FollowOptions; base: string; values?: Values; errors?: Record<string, string>; saved?: boolean }) {
  const s = props.subscriber;
  const e = props.errors ?? {};
  return (
    <div class="container narrow">
      <h1>Your subscription</h1>
      {props.saved && <p class="notice success" role="status">Saved. From now on you receive what you chose below.</p>}
      <p class="lead">
        For {s.email}.{' '}
        {s.status === 'confirmed' ? (
          <>Subscribed since {formatInstant(s.confirmedAt!)}.</>
        ) : s.status === 'unsubscribed' ? (
          <>Unsubscribed: we send you nothing. <a href="/newsletter/subscribe">Subscribe again</a> to restart.</>
        ) : (
          <>Waiting for you to confirm from the mail we sent.</>
        )}
      </p>
      <ErrorSummary errors={e} />
      <form method="post" action={props.base} novalidate class="settings-form">
        <CsrfField token={props.csrf} />
        <ChoiceFields options={props.options} values={props.values ?? choiceValues(s)} errors={e} />
        <button type="submit">Save my choices</button>
      </form>
      <h2>Stop or remove</h2>
      {s.status !== 'unsubscribed' && (
        <form method="post" action={props.base.replace('/preferences/', '/unsubscribe/')} class="inline-form">
          <button type="submit" class="secondary">Unsubscribe from everything</button>
        </form>
      )}
      <p>
        <a href={`${props.base}/export.json`} download>Download what the hub keeps about you (JSON)</a>
      </p>
      <details class="confirm-action">
        <summary>Delete my data</summary>
        <p>This removes your address, your choices, your consent record and the text of every newsletter we sent you. It cannot be undone.</p>
        <form method="post" action={`${props.base}/delete`} class="inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" class="danger">Yes, delete my data</button>
        </form>
      </details>
    </div>
  );
}

/** The button a confirmation link leads to: opening the link alone (as mail scanners do) confirms nothing. */
export function ConfirmView(props: { action: string }) {
  return (
    <div class="container narrow">
      <h1>Confirm your subscription</h1>
      <p class="lead">One more click and you are subscribed.</p>
      <form method="post" action={props.action}>
        <button type="submit">Confirm my subscription</button>
      </form>
    </div>
  );
}

export function UnsubscribeView(props: { action: string; email: string }) {
  return (
    <div class="container narrow">
      <h1>Unsubscribe</h1>
      <p class="lead">Stop every newsletter and alert to {props.email}?</p>
      <form method="post" action={props.action}>
        <button type="submit">Unsubscribe</button>
      </form>
    </div>
  );
}

export function DoneView(props: { title: string; message: string; preferences?: string }) {
  return (
    <div class="container narrow">
      <h1>{props.title}</h1>
      <p class="lead" role="status">{props.message}</p>
      {props.preferences && <p><a href={props.preferences}>Change what you receive</a></p>}
      <p><a href="/">Back to the home page</a></p>
    </div>
  );
}

// ---------------------------------------------------------------- the issue as a web page

function ItemList(props: { items: DigestItem[] }) {
  return (
    <>
      {groupItems(props.items).map((g) => (
        <section aria-labelledby={`issue-${g.kind}`}>
          <h2 id={`issue-${g.kind}`}>{g.heading}</h2>
          <ul class="issue-items">
            {g.items.map((item) => (
              <li>
                <a href={item.url}>{item.title}</a>
                {item.registration && <> · <span class="badge">{item.registration}</span></>}
                {item.summary && <p>{item.summary}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function ArchiveView(props: { issues: Issue[] }) {
  return (
    <div class="container narrow">
      <h1>Newsletter archive</h1>
      <p class="lead">
        Every issue we sent. <a href="/newsletter/subscribe">Subscribe</a> to get the next one, or follow the <a href="/newsletter/archive.xml">RSS feed</a>.
      </p>
      {props.issues.length ? (
        <ul class="issue-archive">
          {props.issues.map((i) => (
            <li>
              <a href={`/newsletter/issues/${i.id}`}>{i.subject}</a> — <Stamp iso={i.sentAt} />
            </li>
          ))}
        </ul>
      ) : (
        <p>No issues yet.</p>
      )}
    </div>
  );
}

export function IssuePageView(props: { issue: Issue }) {
  const i = props.issue;
  return (
    <div class="container narrow">
      <p><a href="/newsletter">Newsletter archive</a></p>
      <h1>{i.subject}</h1>
      <p class="meta">Sent <Stamp iso={i.sentAt} /></p>
      {i.intro.split(/\n{2,}/).filter(Boolean).map((p) => <p>{p}</p>)}
      <ItemList items={i.items} />
      <p><a href="/newsletter/subscribe">Subscribe to the newsletter</a></p>
    </div>
  );
}

// ---------------------------------------------------------------- back office

const STATUS_BADGES: Record<Issue['status'], string> = { draft: 'draft', scheduled: 'draft', sending: 'published', sent: 'published' };

export function NewsletterAdminView(props: { issues: Issue[]; counts: Record<string, number>; csrf: string }) {
  const c = props.counts;
  return (
    <>
      <p>
        {counted(c.confirmed ?? 0, 'confirmed subscriber')} ({c.instant ?? 0} as it happens, {c.weekly ?? 0} weekly, {c.monthly ?? 0} monthly);{' '}
        {counted(c.pending ?? 0, 'address', 'addresses')} waiting to confirm. No opens or clicks are tracked.{' '}
        <a href="/admin/newsletter/suppressions">Suppression list</a> · <a href="/newsletter">Public archive</a>
      </p>
      <h2>Draft the next issue</h2>
      <form method="post" action="/admin/newsletter/issues" class="filters">
        <CsrfField token={props.csrf} />
        <div class="filter">
          <label for="cadence">For</label>
          <select id="cadence" name="cadence">
            <option value="weekly">weekly subscribers</option>
            <option value="monthly">monthly subscribers</option>
          </select>
        </div>
        <button type="submit">Draft from what is new</button>
      </form>
      <h2>Issues</h2>
      {props.issues.length ? (
        <div class="table-scroll">
          <table class="data-table">
            <caption class="visually-hidden">Newsletter issues, newest first</caption>
            <thead>
              <tr><th scope="col">Subject</th><th scope="col">For</th><th scope="col">State</th><th scope="col">Sent or due</th><th scope="col">Recipients</th></tr>
            </thead>
            <tbody>
              {props.issues.map((i) => (
                <tr>
                  <td><a href={`/admin/newsletter/issues/${i.id}`}>{i.subject}</a></td>
                  <td>{i.cadence}</td>
                  <td><span class={`badge status-${STATUS_BADGES[i.status]}`}>{i.status}</span></td>
                  <td><Stamp iso={i.sentAt ?? i.scheduledAt} /></td>
                  <td>{i.status === 'sent' ? i.recipients : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No issues yet.</p>
      )}
    </>
  );
}

export function IssueEditView(props: { issue: Issue; csrf: string; values?: Values; errors?: Record<string, string>; preview?: { as: string; text: string | null }; timeZone: string }) {
  const i = props.issue;
  const v = props.values ?? { subject: i.subject, intro: i.intro };
  const e = props.errors ?? {};
  const editable = i.status === 'draft' || i.status === 'scheduled';
  const base = `/admin/newsletter/issues/${i.id}`;
  return (
    <>
      <p>
        {i.cadence === 'weekly' ? 'Weekly' : 'Monthly'} issue covering what was published since <Stamp iso={i.coversFrom} />, and the events to come. State: {i.status}
        {i.scheduledAt && i.status === 'scheduled' && <> for <Stamp iso={i.scheduledAt} /></>}
        {i.status === 'sent' && <> to {counted(i.recipients, 'subscriber')} on <Stamp iso={i.sentAt} /> · <a href={`/newsletter/issues/${i.id}`}>public page</a></>}.
      </p>
      <ErrorSummary errors={e} />
      {editable ? (
        <form method="post" action={base} novalidate class="settings-form">
          <CsrfField token={props.csrf} />
          <Field name="subject" label="Subject" required value={v.subject} error={e.subject} maxLength={150} />
          <Field name="intro" label="Introduction" hint="A few words from the coordinators above the items; a blank line starts a new paragraph." multiline rows={5} value={v.intro} error={e.intro} maxLength={5000} />
          <fieldset>
            <legend>Items, in order</legend>
            <p class="hint">Change the numbers to reorder; 0 leaves an item out. Each subscriber gets only the items they follow, and nothing when none are.</p>
            {i.items.length ? (
              <ol class="issue-order">
                {i.items.map((item, index) => (
                  <li>
                    <label for={`pos-${itemKey(item)}`} class="visually-hidden">Position of {item.title}</label>
                    <input id={`pos-${itemKey(item)}`} name={`pos-${itemKey(item)}`} type="number" min={0} max={999} value={String(index + 1)} inputMode="numeric" class="position" />{' '}
                    <span class="badge">{item.kind}</span> {item.title}
                    {item.registration && <> · {item.registration}</>}
                  </li>
                ))}
              </ol>
            ) : (
              <p>Nothing new since the last issue.</p>
            )}
          </fieldset>
          <button type="submit">Save</button>
        </form>
      ) : (
        <ItemList items={i.items} />
      )}
      <h2>Preview as a subscriber</h2>
      <form method="get" action={base} class="filters">
        <div class="filter">
          <label for="preview-as">Subscriber’s e-mail address</label>
          <input id="preview-as" name="as" type="email" value={props.preview?.as ?? ''} maxLength={254} />
        </div>
        <button type="submit">Preview</button>
      </form>
      {props.preview &&
        (props.preview.text === null ? (
          <p class="notice" role="status">{props.preview.as} is not a confirmed subscriber of {i.cadence} issues, or follows nothing in this one.</p>
        ) : (
          <>
            <p><a href={`${base}/preview.html?as=${encodeURIComponent(props.preview.as)}`}>Open the HTML version</a></p>
            <pre class="mail-body">{props.preview.text}</pre>
          </>
        ))}
      {editable && (
        <>
          <h2>Send</h2>
          <ActionButton action={`${base}/test`} label="Send a test to me" csrf={props.csrf} secondary />
          <form method="post" action={`${base}/schedule`} class="filters">
            <CsrfField token={props.csrf} />
            <div class="filter">
              <label for="field-at">Send at ({props.timeZone})</label>
              <input id="field-at" name="at" type="datetime-local" required aria-invalid={e.at ? 'true' : undefined} />
            </div>
            <button type="submit" class="secondary">Schedule</button>
          </form>
          {i.status === 'scheduled' && <ActionButton action={`${base}/unschedule`} label="Back to draft" csrf={props.csrf} secondary />}
          <ActionButton action={`${base}/send`} label="Send now" csrf={props.csrf} confirm={`Every ${i.cadence} subscriber who follows something in it gets this issue. It cannot be called back.`} />
        </>
      )}
    </>
  );
}

export function SuppressionsView(props: { rows: { email: string; reason: string; created_at: string }[]; csrf: string; values?: Values; errors?: Record<string, string> }) {
  const e = props.errors ?? {};
  return (
    <>
      <p>Addresses here never get a newsletter, an alert or a confirmation mail, whatever their subscription says.</p>
      <ErrorSummary errors={e} />
      <form method="post" action="/admin/newsletter/suppressions" novalidate class="settings-form">
        <CsrfField token={props.csrf} />
        <Field name="email" label="E-mail address" type="email" required value={props.values?.email} error={e.email} maxLength={254} />
        <Field name="reason" label="Reason" hint="For the record, e.g. “asked by phone”, “bounces”." value={props.values?.reason} error={e.reason} maxLength={300} />
        <button type="submit">Add to the list</button>
      </form>
      {props.rows.length ? (
        <div class="table-scroll">
          <table class="data-table">
            <caption>{counted(props.rows.length, 'suppressed address', 'suppressed addresses')}</caption>
            <thead>
              <tr><th scope="col">Address</th><th scope="col">Reason</th><th scope="col">Added</th><th scope="col"><span class="visually-hidden">Action</span></th></tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{r.email}</td>
                  <td>{r.reason}</td>
                  <td><Stamp iso={r.created_at} /></td>
                  <td>
                    <form method="post" action="/admin/newsletter/suppressions/remove" class="inline-form">
                      <CsrfField token={props.csrf} />
                      <input type="hidden" name="email" value={r.email} />
                      <button type="submit" class="secondary">Remove<span class="visually-hidden"> {r.email}</span></button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No suppressed addresses.</p>
      )}
    </>
  );
}
