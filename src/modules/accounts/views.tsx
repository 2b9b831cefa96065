import type { ComponentChildren } from 'preact';
import { AdminTable, ProjectChoices, Stamp } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import type { Project } from '../directory/service.js';
import { MIN_PASSWORD } from './schema.js';
import { ROLES, type AuditEntry, type User } from './service.js';

type Values = Record<string, unknown>;
type Errors = Record<string, string>;


export function SignInView(props: { csrf: string; values?: Values; errors?: Errors; next?: string; linkErrors?: Errors; linkValues?: Values }) {
  const v = props.values ?? {};
  return (
    <div class="container narrow">
      <h1>Sign in</h1>
      <p class="lead">For the hub’s coordinators and the editors of member projects.</p>
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action="/sign-in" novalidate>
        <CsrfField token={props.csrf} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <Field name="email" label="E-mail address" type="email" autocomplete="email" required value={v.email} error={props.errors?.email} />
        <Field name="password" label="Password" type="password" autocomplete="current-password" required error={props.errors?.password} />
        <div class="actions">
          <button type="submit">Sign in</button>
          <a href="/password/forgot">Forgotten your password?</a>
        </div>
      </form>
      <section class="auth-alt" aria-labelledby="magic-heading">
        <h2 id="magic-heading">Sign in without a password</h2>
        <p>We mail you a link that signs you in once, within 15 minutes.</p>
        <ErrorSummary errors={props.linkErrors ?? {}} />
        <form method="post" action="/sign-in/link" novalidate>
          <CsrfField token={props.csrf} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <div class={`field${props.linkErrors?.email ? ' field-error' : ''}`}>
            <label for="field-link-email">E-mail address for the link</label>
            {props.linkErrors?.email && (
              <p class="error-message" id="field-link-email-error">
                <span class="visually-hidden">Error:</span> {props.linkErrors.email}
              </p>
            )}
            <input
              id="field-link-email"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={String(props.linkValues?.email ?? '')}
              aria-invalid={props.linkErrors?.email ? 'true' : undefined}
              aria-describedby={props.linkErrors?.email ? 'field-link-email-error' : undefined}
            />
          </div>
          <button type="submit" class="secondary">Mail me a sign-in link</button>
        </form>
      </section>
    </div>
  );
}

export function CheckMailView(props: { email: string; what: string }) {
  return (
    <div class="container narrow">
      <h1>Check your mail</h1>
      <p class="lead" role="status">
        If an account exists for {props.email}, we have sent it {props.what}. It may take a minute to arrive.
      </p>
      <p><a href="/sign-in">Back to sign in</a></p>
    </div>
  );
}

export function ConfirmLinkView(props: { csrf: string; action: string }) {
  return (
    <div class="container narrow">
      <h1>Sign in to the Cluster Hub</h1>
      <p>This link signs you in once. Press the button to continue.</p>
      <form method="post" action={props.action}>
        <CsrfField token={props.csrf} />
        <button type="submit">Sign in</button>
      </form>
    </div>
  );
}

export function ForgotView(props: { csrf: string; values?: Values; errors?: Errors }) {
  return (
    <div class="container narrow">
      <h1>Reset your password</h1>
      <p>Enter the address you sign in with; we mail you a link to choose a new password.</p>
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action="/password/forgot" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="email" label="E-mail address" type="email" autocomplete="email" required value={props.values?.email} error={props.errors?.email} />
        <button type="submit">Send the link</button>
      </form>
    </div>
  );
}

export function SetPasswordView(props: { csrf: string; action: string; invite: boolean; errors?: Errors }) {
  return (
    <div class="container narrow">
      <h1>{props.invite ? 'Welcome: choose your password' : 'Choose a new password'}</h1>
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="password" label="New password" type="password" autocomplete="new-password" required hint={`At least ${MIN_PASSWORD} characters.`} error={props.errors?.password} />
        <Field name="confirm" label="New password again" type="password" autocomplete="new-password" required error={props.errors?.confirm} />
        <button type="submit">Save and sign in</button>
      </form>
    </div>
  );
}

export function RoleSelect(props: { value?: unknown; error?: string }) {
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for="field-role">Role</label>
      {props.error && <p class="error-message"><span class="visually-hidden">Error:</span> {props.error}</p>}
      <select id="field-role" name="role">
        {ROLES.map((r) => (
          <option value={r} selected={props.value === r}>
            {r === 'admin' ? 'Admin (everything)' : r === 'editor' ? 'Editor (chosen projects)' : 'Member'}
          </option>
        ))}
      </select>
    </div>
  );
}

function selectedIds(values: Values, fallback: number[]): number[] {
  const raw = values.projectIds;
  if (raw === undefined) return fallback;
  return ([] as unknown[]).concat(raw).map(Number);
}

export function InviteView(props: { csrf: string; projects: Project[]; values?: Values; errors?: Errors }) {
  const v = props.values ?? { role: 'editor' };
  return (
    <>
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action="/admin/users/invite" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="name" label="Name" required value={v.name} error={props.errors?.name} maxLength={120} />
        <Field name="email" label="E-mail address" type="email" required value={v.email} error={props.errors?.email} />
        <RoleSelect value={v.role} error={props.errors?.role} />
        <ProjectChoices projects={props.projects} selected={selectedIds(v, [])} error={props.errors?.projectIds} />
        <button type="submit">Send the invitation</button>
      </form>
    </>
  );
}

export function UserEditView(props: { csrf: string; user: User; projects: Project[]; values?: Values; errors?: Errors }) {
  const v = props.values ?? { name: props.user.name, role: props.user.role, disabled: props.user.disabled ? 'on' : undefined };
  return (
    <>
      <p>
        {props.user.email} · last signed in <Stamp iso={props.user.lastSignInAt} />
      </p>
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action={`/admin/users/${props.user.id}`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="name" label="Name" required value={v.name} error={props.errors?.name} maxLength={120} />
        <RoleSelect value={v.role} error={props.errors?.role} />
        <ProjectChoices projects={props.projects} selected={selectedIds(v, props.user.projectIds)} error={props.errors?.projectIds} />
        <label class="checkbox">
          <input type="checkbox" name="disabled" value="on" checked={Boolean(v.disabled)} /> Disabled (cannot sign in; signs them out now)
        </label>
        <p><button type="submit">Save</button></p>
      </form>
    </>
  );
}

export function UsersListView(props: {
  users: { id: number; email: string; name: string; role: string; disabled: number; last_sign_in_at: string | null }[];
  page: number;
  pageCount: number;
  total: number;
  q?: string;
}) {
  return (
    <AdminTable
      caption="Accounts"
      one="account"
      columns={['Name', 'E-mail', 'Role', 'Last sign-in']}
      rows={props.users.map((u) => [<><a href={`/admin/users/${u.id}`}>{u.name}</a>{u.disabled ? ' (disabled)' : ''}</>, u.email, u.role, <Stamp iso={u.last_sign_in_at} />])}
      total={props.total}
      page={props.page}
      pageCount={props.pageCount}
      base="/admin/users"
      params={{ q: props.q }}
    />
  );
}

export function AuditView(props: { entries: AuditEntry[]; page: number; pageCount: number; total: number; q?: string }) {
  return (
    <AdminTable
      caption="Audit log, newest first"
      one="entry"
      other="entries"
      columns={['When', 'Who', 'Action', 'Subject', 'Detail']}
      rows={props.entries.map((e) => [
        <Stamp iso={e.createdAt} />,
        e.userEmail ?? (e.userId ? `user ${e.userId}` : 'system'),
        e.action,
        `${e.subjectType}${e.subjectId ? ` #${e.subjectId}` : ''}`,
        e.detail,
      ])}
      total={props.total}
      page={props.page}
      pageCount={props.pageCount}
      base="/admin/audit"
      params={{ q: props.q }}
    />
  );
}

export interface OverviewProps {
  name: string;
  role: string;
  projects: Project[];
  /** Things waiting for someone, each a link to where it is done. */
  tasks: { href: string; text: string }[];
  /** What other modules show (BACK_OFFICE_HOME): upcoming registrations, scheduled news. */
  sections: ComponentChildren;
}

/** The back-office home: what needs doing now, then the upcoming events and news. */
export function OverviewView(props: OverviewProps) {
  return (
    <>
      {props.tasks.length > 0 && (
        <div class="notice warning" role="status">
          <ul class="plain-list">
            {props.tasks.map((task) => (
              <li><a href={task.href}>{task.text}</a></li>
            ))}
          </ul>
        </div>
      )}
      <p class="lead">
        Welcome, {props.name}. You are signed in as {props.role === 'admin' ? 'an admin: you can change everything' : props.role === 'editor' ? 'an editor' : 'a member'}.
      </p>
      {props.role === 'member' && <p>Your account has no back-office role yet. Ask the hub’s coordinators if you should edit a project.</p>}
      {props.role !== 'member' && (
        <ul class="plain-list">
          <li><a href="/admin/news/new">Write a news post</a></li>
          <li><a href="/admin/events/new">Add an event</a></li>
        </ul>
      )}
      {props.sections}
      {props.projects.length > 0 && (
        <>
          <h2>Your projects</h2>
          <ul>
            {props.projects.map((p) => (
              <li>
                <a href={`/admin/projects/${p.id}`}>{p.acronym}</a> — {p.title}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
