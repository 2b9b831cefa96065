import { AdminTable, SelectField } from '../../../web/admin.js';
import { counted } from '../../../lib/plural.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/components/index.js';
import { formatDate } from '../../../lib/time.js';
import type { LiveSession } from '../service.js';
import { PaceField, PostButton } from './common.js';

export interface AdminListProps {
  sessions: { session: LiveSession; eventTitle: string }[];
  events: { id: number; title: string; startsAt: string; timezone: string }[];
  /** Templates to start a session from; `deletable` when this person may remove it (its author, or an admin). */
  templates: { id: number; title: string; questions: number; deletable: boolean }[];
  csrf: string;
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Body of /admin/live inside the back-office layout: the sessions this person may run, and a form for a new one. */
export function AdminListView(props: AdminListProps) {
  const values = props.values ?? {};
  return (
    <>
      {props.sessions.length === 0 ? (
        <p>No live sessions yet.</p>
      ) : (
        <AdminTable
          caption="Live sessions"
          columns={['Session', 'Event', 'Code', 'Status']}
          rows={props.sessions.map(({ session, eventTitle }) => [
            <a href={`/admin/live/${session.id}`}>{session.title}</a>,
            eventTitle,
            <span class="live-code">{session.code}</span>,
            session.status,
          ])}
          total={props.sessions.length}
          page={1}
          pageCount={1}
          base="/admin/live"
          one="session"
        />
      )}
      <h2 id="new-session">New session</h2>
      {props.events.length === 0 ? (
        <p>You can run live sessions for events your projects organise; there are none yet.</p>
      ) : (
        <form method="post" action="/admin/live" aria-labelledby="new-session">
          <CsrfField token={props.csrf} />
          <ErrorSummary errors={props.errors ?? {}} />
          <SelectField
            name="eventId"
            label="Event"
            value={values.eventId}
            error={props.errors?.eventId}
            options={props.events.map((e) => ({ value: String(e.id), label: `${e.title} (${formatDate(e.startsAt, e.timezone)})` }))}
          />
          <Field name="title" label="Session title" value={values.title} error={props.errors?.title} required maxLength={200} hint="Shown to participants and on the big screen." />
          <PaceField value={values.pace} error={props.errors?.pace} />
          {props.templates.length > 0 && (
            <SelectField
              name="templateId"
              label="Start from a template"
              value={values.templateId ?? ''}
              error={props.errors?.templateId}
              options={[{ value: '', label: 'No template: start without questions' }, ...props.templates.map((t) => ({ value: String(t.id), label: `${t.title} (${counted(t.questions, 'question')})` }))]}
            />
          )}
          <button type="submit">Create session</button>
        </form>
      )}
      <h2 id="templates">Templates</h2>
      {props.templates.length === 0 ? (
        <p>No templates yet. Save a session’s questions as a template from its page, to start the next event’s session with them.</p>
      ) : (
        <ul class="live-templates">
          {props.templates.map((t) => (
            <li>
              {t.title} <span class="small">({counted(t.questions, 'question')})</span>{' '}
              {t.deletable && <PostButton action={`/admin/live/templates/${t.id}/delete`} csrf={props.csrf} label="Delete" hidden={`the template “${t.title}”`} variant="danger" />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The hub's blocked words for word clouds and open text, kept by an admin. */
export function BlockedWordsView(props: { words: string[]; csrf: string; errors?: Record<string, string>; saved?: boolean }) {
  return (
    <form method="post" action="/admin/live/blocked-words">
      <CsrfField token={props.csrf} />
      <ErrorSummary errors={props.errors ?? {}} />
      {props.saved && (
        <p class="notice" role="status">
          The blocked words are saved.
        </p>
      )}
      <Field
        name="words"
        label="Blocked words and phrases"
        multiline
        rows={12}
        value={props.words.join('\n')}
        error={props.errors?.words}
        hint="One per line. A word cloud or open-text answer containing one of them is refused with a request to rephrase. Case, punctuation and plural -s do not matter."
      />
      <p class="actions">
        <button type="submit">Save blocked words</button> <a href="/admin/live">Back to live sessions</a>
      </p>
    </form>
  );
}
