import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import { counted } from '../lib/plural.js';
import type { Database } from '../db/types.js';
import { extensionPoint } from '../lib/modules.js';
import { isAdmin, type Actor } from '../lib/policy.js';
import { formatInstant } from '../lib/time.js';
import { Pager } from './components/index.js';
import { flashMessage } from './flash.js';

/** The back-office views take their action buttons from here with the rest of the admin kit. */
export { ActionButton } from './components/index.js';

export interface AdminSection {
  href: string;
  label: string;
  /** Hidden from editors and members. */
  adminOnly?: boolean;
}

/**
 * The back office's sections, in the order the navigation shows them. Other modules add a
 * line here for their own admin pages.
 */
export const ADMIN_SECTIONS: AdminSection[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/news', label: 'News' },
  { href: '/admin/events', label: 'Events' },
  { href: '/admin/registrations', label: 'Registrations' },
  { href: '/admin/projects', label: 'Projects' },
  { href: '/admin/people', label: 'People', adminOnly: true },
  { href: '/admin/organisations', label: 'Organisations', adminOnly: true },
  { href: '/admin/live', label: 'Live sessions' },
  { href: '/admin/library', label: 'Library' },
  { href: '/admin/passports', label: 'Battery passports' },
  { href: '/synergies', label: 'Synergies' },
  { href: '/admin/pages', label: 'Pages', adminOnly: true },
  { href: '/admin/redirects', label: 'Redirects', adminOnly: true },
  { href: '/admin/join', label: 'Join requests', adminOnly: true },
  { href: '/admin/users', label: 'Users', adminOnly: true },
  { href: '/admin/mail', label: 'Mail', adminOnly: true },
  { href: '/admin/newsletter', label: 'Newsletter', adminOnly: true },
  { href: '/admin/report', label: 'Impact report' },
  { href: '/admin/audit', label: 'Audit log', adminOnly: true },
];

function isCurrent(path: string, href: string): boolean {
  return href === '/admin' ? path === '/admin' : path === href || path.startsWith(href + '/');
}

/** Navigation between back-office sections; admin-only sections are left out for others. */
export function AdminNav(props: { actor: Actor | null; path: string }) {
  const sections = ADMIN_SECTIONS.filter((s) => !s.adminOnly || isAdmin(props.actor));
  return (
    <nav aria-label="Back office" class="admin-nav">
      <ul>
        {sections.map((s) => (
          <li>
            <a href={s.href} aria-current={isCurrent(props.path, s.href) ? 'page' : undefined}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A back-office page: the section navigation beside the content, with one h1. */
export function AdminLayout(props: { actor: Actor | null; path: string; title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="container admin-layout">
      <AdminNav actor={props.actor} path={props.path} />
      <div class="admin-content">
        <div class="admin-heading">
          <h1>{props.title}</h1>
          {props.actions && <div class="actions">{props.actions}</div>}
        </div>
        {props.children}
      </div>
    </div>
  );
}

/** A search box for back-office lists (GET, keeps the query in the address). */
export function ListSearch(props: { action: string; q?: string; label: string }) {
  return (
    <form method="get" action={props.action} class="filters" role="search">
      <div class="filter">
        <label for="admin-q">{props.label}</label>
        <input id="admin-q" type="search" name="q" value={props.q ?? ''} maxLength={200} />
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

/** Tells the person what just happened: after a redirect, the catalogue's message for its `?done=` key (flash.ts). */
export function Flash(props: { message?: string }) {
  if (!props.message) return null;
  return (
    <p class="notice success" role="status">
      {props.message}
    </p>
  );
}

/** Renders a back-office page inside the site layout with the section navigation. */
export function adminPage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: ComponentChildren,
  options: { status?: number; actions?: ComponentChildren } = {},
): FastifyReply {
  const path = request.url.split('?')[0];
  return reply.page(
    <AdminLayout actor={request.user} path={path} title={title} actions={options.actions}>
      <Flash message={flashMessage(request.query)} />
      {body}
    </AdminLayout>,
    { title: `${title} · Back office`, status: options.status },
  );
}

/** The draft / published choice of a back-office form (field `status`). */
export function DraftOrPublished(props: { value: unknown; error?: string }) {
  return (
    <fieldset class={`field${props.error ? ' field-error' : ''}`} id="field-status">
      <legend>State</legend>
      {props.error && <p class="error-message"><span class="visually-hidden">Error:</span> {props.error}</p>}
      <label class="checkbox"><input type="radio" name="status" value="draft" checked={props.value !== 'published'} /> Draft (not on the site)</label>
      <label class="checkbox"><input type="radio" name="status" value="published" checked={props.value === 'published'} /> Published</label>
    </fieldset>
  );
}

/** A labelled select with its error beside it. */
export function SelectField(props: { name: string; label: string; options: { value: string; label: string }[]; value?: unknown; error?: string; hint?: string }) {
  const id = `field-${props.name}`;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {props.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <select id={id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={[props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={String(props.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A single checkbox whose presence means yes. */
export function CheckboxField(props: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label class="checkbox">
        <input type="checkbox" name={props.name} value="on" checked={props.checked} /> {props.label}
      </label>
    </div>
  );
}

/** A back-office list: a caption, columns and rows, with paging. */
/** Checkboxes for projects: those a user may edit, or those organising an event. */
export function ProjectChoices(props: { projects: { id: number; acronym: string }[]; selected: number[]; error?: string; legend?: string; hint?: string }) {
  return (
    <fieldset class={`field${props.error ? ' field-error' : ''}`} id="field-projectIds">
      <legend>{props.legend ?? 'Projects this person edits'}</legend>
      <p class="hint">{props.hint ?? 'Editors can change only these projects’ profile, news, events and materials.'}</p>
      {props.error && <p class="error-message"><span class="visually-hidden">Error:</span> {props.error}</p>}
      {props.projects.map((p) => (
        <label class="checkbox">
          <input type="checkbox" name="projectIds" value={String(p.id)} checked={props.selected.includes(p.id)} /> {p.acronym}
        </label>
      ))}
    </fieldset>
  );
}

export function AdminTable(props: {
  caption: string;
  columns: string[];
  rows: ComponentChildren[][];
  total: number;
  page: number;
  pageCount: number;
  base: string;
  /** Query parameters the pager keeps (search text, filters). */
  params?: Record<string, string | undefined>;
  /** What one row is, e.g. "post"; `other` when its plural is not one + "s" ("entry", "entries"). */
  one: string;
  other?: string;
}) {
  return (
    <>
      <p class="result-count">{counted(props.total, props.one, props.other)}</p>
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>{props.columns.map((c) => <th scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>{row.map((cell) => <td>{cell}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={props.page} pageCount={props.pageCount} base={props.base} params={props.params} />
    </>
  );
}

/** "19 February 2024, 09:00 CET": a back-office time in the hub's zone (HUB_TIME_ZONE), which it names. */
export function Stamp(props: { iso: string | null }) {
  if (!props.iso) return <span>—</span>;
  return <time dateTime={props.iso}>{formatInstant(props.iso)}</time>;
}

/** What a module shows on the back office's home (`/admin`) for this person. */
export interface BackOfficeWidget {
  /** Place among the widgets, lowest first: registration 10, membership 20, mail 30, news 40. */
  order: number;
  load(db: Kysely<Database>, actor: Actor): Promise<{ tasks?: BackOfficeTask[]; section?: ComponentChildren }>;
}

/** Something waiting for someone, a link to where it is done. */
export interface BackOfficeTask {
  href: string;
  text: string;
}

/** Declared here, beside the back office's layout, so that modules below accounts (mail) can add to it. */
export const BACK_OFFICE_HOME = extensionPoint<BackOfficeWidget>('back-office.home');
