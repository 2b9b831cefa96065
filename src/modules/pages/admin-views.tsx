import { ActionButton, AdminTable, DraftOrPublished, SelectField, Stamp } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import type { StaticPage } from './service.js';

type Values = Record<string, unknown>;

const PLACEMENT_LABELS: Record<string, string> = { none: 'Not linked', main: 'Main navigation', footer: 'Footer' };

export function PagesAdminList(props: { pages: StaticPage[] }) {
  return (
    <AdminTable
      caption="Static pages, by address"
      one="page"
      columns={['Title', 'Address', 'State', 'Linked from', 'Changed']}
      rows={props.pages.map((p) => [
        <a href={`/admin/pages/${p.id}`}>{p.title}</a>,
        <code>{p.url}</code>,
        <span class={`badge status-${p.status}`}>{p.status}</span>,
        PLACEMENT_LABELS[p.navPlacement],
        <Stamp iso={p.updatedAt} />,
      ])}
      total={props.pages.length}
      page={1}
      pageCount={1}
      base="/admin/pages"
    />
  );
}

export function pageValues(page: StaticPage): Values {
  return {
    title: page.title,
    slug: page.slug,
    parentId: page.parentId ? String(page.parentId) : '',
    bodyMd: page.bodyMd,
    status: page.status,
    navPlacement: page.navPlacement,
    navOrder: String(page.navOrder),
  };
}

/** The page editor: text, address, place in the tree, and where the site links to it. */
export function PageFormView(props: { csrf: string; action: string; values: Values; errors: Record<string, string>; parents: StaticPage[]; page?: StaticPage }) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="title" label="Title" required value={v.title} error={e.title} maxLength={200} />
        <Field name="slug" label="Address" hint="The last part of the page's address, like privacy-policy. Leave empty to make it from the title." value={v.slug} error={e.slug} maxLength={80} />
        <SelectField
          name="parentId"
          label="Parent page"
          hint="A page under another gets an address below it, like /pages/about/team."
          options={[{ value: '', label: 'None (a top-level page)' }, ...props.parents.map((p) => ({ value: String(p.id), label: `${p.title} (/pages/${p.path})` }))]}
          value={v.parentId}
          error={e.parentId}
        />
        <Field name="bodyMd" label="Text" hint="Markdown: **bold**, _italic_, [link](https://…), lists with -, headings with ##." value={v.bodyMd} error={e.bodyMd} multiline rows={16} />
        <DraftOrPublished value={v.status} error={e.status} />
        <SelectField
          name="navPlacement"
          label="Linked from"
          hint="A published page can be linked from the main navigation (before About) or from the footer of every page."
          options={Object.entries(PLACEMENT_LABELS).map(([value, label]) => ({ value, label }))}
          value={v.navPlacement}
          error={e.navPlacement}
        />
        <Field name="navOrder" type="number" label="Order in the navigation" hint="Lower numbers come first." value={v.navOrder} error={e.navOrder} />
        <div class="actions">
          <button type="submit">Save</button>
          <a href="/admin/pages">Cancel</a>
        </div>
      </form>
    </>
  );
}

export function PageEditActions(props: { page: StaticPage; csrf: string }) {
  return (
    <div class="actions">
      {props.page.status === 'published' && <a href={props.page.url}>View on the site</a>}
      <ActionButton action={`/admin/pages/${props.page.id}/delete`} label="Delete this page" csrf={props.csrf} danger confirm="The page disappears; pages below it move to the top level." />
    </div>
  );
}
