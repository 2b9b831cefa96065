import { ActionButton, AdminTable, Stamp } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import type { Redirect } from './service.js';

type Values = Record<string, unknown>;

export function RedirectsAdminList(props: { redirects: Redirect[]; page: number; pageCount: number; total: number; q?: string }) {
  return (
    <AdminTable
      caption="Redirects, by old address"
      one="redirect"
      columns={['Old address', 'New address', 'Made by', 'Changed']}
      rows={props.redirects.map((r) => [
        <a href={`/admin/redirects/${r.id}`}>
          <code>{r.fromPath}</code>
        </a>,
        <code>{r.toPath}</code>,
        r.origin === 'wordpress' ? 'WordPress import' : 'Hand',
        <Stamp iso={r.updatedAt} />,
      ])}
      total={props.total}
      page={props.page}
      pageCount={props.pageCount}
      base="/admin/redirects"
      params={{ q: props.q }}
    />
  );
}

export function RedirectFormView(props: { csrf: string; action: string; values: Values; errors: Record<string, string>; redirect?: Redirect }) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="fromPath" label="Old address" hint="A path on this site, like /2019/05/old-post/ or /?p=123. Letter case and a final slash do not matter." required value={v.fromPath} error={e.fromPath} maxLength={500} />
        <Field name="toPath" label="New address" hint="Where visitors go instead (permanently, 301): a path like /news/new-post, or https://…" required value={v.toPath} error={e.toPath} maxLength={500} />
        <div class="actions">
          <button type="submit">Save</button>
          <a href="/admin/redirects">Cancel</a>
        </div>
      </form>
      {props.redirect && (
        <div class="actions">
          <ActionButton action={`/admin/redirects/${props.redirect.id}/delete`} label="Delete this redirect" csrf={props.csrf} danger confirm="The old address will answer “not found” again." />
        </div>
      )}
    </>
  );
}
