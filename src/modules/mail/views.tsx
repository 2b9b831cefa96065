import type { Selectable } from 'kysely';
import { AdminTable, Stamp } from '../../web/admin.js';
import { FilterSelect } from '../../web/components/index.js';
import { MAIL_STATUSES } from './service.js';
import type { MailMessagesTable } from './tables.js';

type Row = Pick<Selectable<MailMessagesTable>, 'id' | 'to_address' | 'subject' | 'status' | 'attempts' | 'last_error' | 'created_at' | 'sent_at'>;

const STATUS_CLASS: Record<string, string> = { sent: 'published', stored: 'scheduled', queued: 'draft', failed: 'failed' };

export function MailListView(props: { messages: Row[]; page: number; pageCount: number; total: number; status?: string; smtp: boolean }) {
  return (
    <>
      <p>
        {props.smtp
          ? 'Messages are delivered over SMTP; failed attempts are retried with growing delays.'
          : 'No SMTP server is configured (SMTP_URL): messages are kept here, marked “stored”, and not delivered.'}
      </p>
      <form method="get" action="/admin/mail" class="filters">
        <FilterSelect id="mail-status" name="status" label="Status" any="All" value={props.status} options={MAIL_STATUSES.map((s) => ({ value: s, label: s }))} />
        <button type="submit">Show</button>
      </form>
      <AdminTable
        caption="Outgoing mail, newest first"
        one="message"
        columns={['Subject', 'To', 'Status', 'Created', 'Attempts']}
        rows={props.messages.map((m) => [
          <a href={`/admin/mail/${m.id}`}>{m.subject}</a>,
          m.to_address,
          <>
            <span class={`badge status-${STATUS_CLASS[m.status] ?? 'draft'}`}>{m.status}</span>
            {m.last_error && <span class="small"> {m.last_error}</span>}
          </>,
          <Stamp iso={m.created_at} />,
          m.attempts,
        ])}
        total={props.total}
        page={props.page}
        pageCount={props.pageCount}
        base="/admin/mail"
        params={{ status: props.status }}
      />
    </>
  );
}

export function MailView(props: { message: Selectable<MailMessagesTable> }) {
  const m = props.message;
  const attachments = (() => {
    try {
      return (JSON.parse(m.attachments) as { filename: string }[]).map((a) => a.filename);
    } catch {
      return [];
    }
  })();
  return (
    <>
      <dl class="facts">
        <dt>To</dt><dd>{m.to_address}</dd>
        <dt>Status</dt><dd>{m.status}{m.last_error ? ` (last error: ${m.last_error})` : ''}</dd>
        <dt>Created</dt><dd><Stamp iso={m.created_at} /></dd>
        <dt>Sent</dt><dd><Stamp iso={m.sent_at} /></dd>
        {attachments.length > 0 && <><dt>Attachments</dt><dd>{attachments.join(', ')}</dd></>}
      </dl>
      <h2>Text</h2>
      {/* Shown as text, never as HTML: the plain-text twin says everything the HTML says. */}
      <pre class="mail-body">{m.text_body}</pre>
      <p><a href="/admin/mail">Back to the mailbox</a></p>
    </>
  );
}
