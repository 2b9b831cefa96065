import { ActionButton, Stamp } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import type { JoinRequest } from './service.js';

type Values = Record<string, unknown>;

export function JoinFormView(props: { csrf: string; values?: Values; errors?: Record<string, string> }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <div class="container narrow">
      <h1>Ask to join the Cluster Hub</h1>
      <p class="lead">
        Projects funded by Horizon Europe or Horizon 2020 that work on raw materials for batteries can join the hub. Tell us about yours; the
        coordinators reply by e-mail.
      </p>
      <ErrorSummary errors={e} />
      <form method="post" action="/join" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="acronym" label="Project acronym" required value={v.acronym} error={e.acronym} maxLength={30} />
        <Field name="title" label="Project title" required value={v.title} error={e.title} maxLength={300} />
        <Field name="grantId" label="Grant agreement number" hint="As on CORDIS, e.g. 101091682." required value={v.grantId} error={e.grantId} maxLength={10} />
        <Field name="contactName" label="Your name" required autocomplete="name" value={v.contactName} error={e.contactName} maxLength={120} />
        <Field name="contactEmail" label="Your e-mail address" hint="We send our answer and, if approved, your editor invitation here." type="email" required autocomplete="email" value={v.contactEmail} error={e.contactEmail} />
        <Field name="why" label="Why the project wants to join" multiline rows={6} required value={v.why} error={e.why} maxLength={3000} />
        <button type="submit">Send the request</button>
      </form>
    </div>
  );
}

export function JoinThanksView(props: { acronym: string }) {
  return (
    <div class="container narrow">
      <h1>Thank you</h1>
      <p class="lead" role="status">
        We received {props.acronym}’s request and sent you a confirmation by e-mail. The coordinators will write to you after their review.
      </p>
      <p><a href="/">Back to the home page</a></p>
    </div>
  );
}

export function JoinListView(props: { requests: JoinRequest[] }) {
  if (!props.requests.length) return <p>No requests yet.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden">Requests to join, pending first</caption>
        <thead>
          <tr><th scope="col">Project</th><th scope="col">Contact</th><th scope="col">Received</th><th scope="col">State</th></tr>
        </thead>
        <tbody>
          {props.requests.map((r) => (
            <tr>
              <td><a href={`/admin/join/${r.id}`}>{r.acronym}</a> — {r.title}</td>
              <td>{r.contactName}</td>
              <td><Stamp iso={r.createdAt} /></td>
              <td><span class={`badge status-${r.status === 'pending' ? 'draft' : r.status === 'approved' ? 'published' : 'failed'}`}>{r.status}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function JoinReviewView(props: { request: JoinRequest; csrf: string; error?: string; note?: string }) {
  const r = props.request;
  return (
    <>
      {props.error && <div class="error-summary" role="alert"><h2>There is a problem</h2><p>{props.error}</p></div>}
      <dl class="facts">
        <dt>Project</dt><dd>{r.acronym} — {r.title}</dd>
        <dt>Grant agreement</dt><dd><a href={`https://cordis.europa.eu/project/id/${r.grantId}`}>{r.grantId} on CORDIS</a></dd>
        <dt>Contact</dt><dd>{r.contactName} &lt;{r.contactEmail}&gt;</dd>
        <dt>Received</dt><dd><Stamp iso={r.createdAt} /></dd>
        <dt>Why</dt><dd class="mail-body">{r.why}</dd>
        <dt>State</dt><dd>{r.status}{r.decidedAt && <> on <Stamp iso={r.decidedAt} /></>}</dd>
      </dl>
      {r.status === 'pending' ? (
        <>
          <h2>Decide</h2>
          <p>Approving creates the project in the directory and invites {r.contactName} as its editor.</p>
          <ActionButton action={`/admin/join/${r.id}/approve`} label={`Approve ${r.acronym}`} csrf={props.csrf} />
          <form method="post" action={`/admin/join/${r.id}/decline`} class="auth-alt">
            <CsrfField token={props.csrf} />
            <Field name="note" label="A personal note for the decline message" hint="Added to a polite standard message." multiline rows={3} value={props.note} maxLength={2000} />
            <button type="submit" class="danger">Decline</button>
          </form>
        </>
      ) : (
        r.projectId && <p><a href={`/admin/projects/${r.projectId}`}>Edit the project’s profile</a></p>
      )}
    </>
  );
}
