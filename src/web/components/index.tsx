import type { ComponentChildren } from 'preact';
import { counted } from '../../lib/plural.js';

/** `base` with the parameters that have a value as its query string. */
export function hrefWith(base: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const qs = search.toString();
  return qs ? `${base}?${qs}` : base;
}

/** Paging links that keep the other query parameters. */
export function Pager(props: { page: number; pageCount: number; base: string; params?: Record<string, string | undefined> }) {
  if (props.page > Math.max(props.pageCount, 1)) {
    return (
      <p role="status" class="notice warning">
        Page {props.page} is past the end of this list. <a href={props.base}>Go to the first page</a>.
      </p>
    );
  }
  if (props.pageCount <= 1) return null;
  const href = (page: number) => hrefWith(props.base, { ...props.params, page: page > 1 ? String(page) : undefined });
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 && <a href={href(props.page - 1)} rel="prev">← Previous</a>}
      <span>
        Page {props.page} of {props.pageCount}
      </span>
      {props.page < props.pageCount && <a href={href(props.page + 1)} rel="next">Next →</a>}
    </nav>
  );
}

export function Tags(props: { tags: string[]; label?: string }) {
  if (!props.tags.length) return null;
  return (
    <ul class="tags" aria-label={props.label ?? 'Tags'}>
      {props.tags.map((t) => <li class="tag">{t}</li>)}
    </ul>
  );
}

export function Breadcrumbs(props: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" class="breadcrumbs">
      <ol>
        {props.items.map((item) =>
          item.href ? <li><a href={item.href}>{item.label}</a></li> : <li aria-current="page">{item.label}</li>,
        )}
      </ol>
    </nav>
  );
}

/** Renders trusted, already sanitised HTML (Markdown output). */
export function SafeHtml(props: { html: string; class?: string }) {
  return <div class={props.class ?? 'prose'} dangerouslySetInnerHTML={{ __html: props.html }} />;
}

export function Card(props: { href: string; title: string; meta?: ComponentChildren; children?: ComponentChildren; headingLevel?: 2 | 3; image?: ComponentChildren }) {
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="card">
      {props.image}
      <Heading class="card-title">
        <a href={props.href}>{props.title}</a>
      </Heading>
      {props.meta && <p class="card-meta">{props.meta}</p>}
      {props.children}
    </article>
  );
}

/**
 * An uploaded image in a box of fixed proportions. Uploads keep their own shape and their size is not stored, so the
 * width and height give the box (no layout shift while it loads) and CSS fits the image inside: `logo` whole on a
 * 2:1 box, `photo` filling a 16:9 box.
 */
export function BoxedImage(props: { src: string; alt: string; kind: 'logo' | 'photo'; large?: boolean; eager?: boolean }) {
  const [width, height] = props.kind === 'logo' ? (props.large ? [240, 120] : [160, 80]) : props.large ? [1600, 900] : [640, 360];
  return <img class={`boxed-${props.kind}${props.large ? ' large' : ''}`} src={props.src} alt={props.alt} width={width} height={height} loading={props.eager ? undefined : 'lazy'} decoding="async" />;
}

/** Hidden CSRF field every POST form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A labelled text field with hint and error, GOV.UK style. */
export function Field(props: {
  name: string;
  label: string;
  value?: unknown;
  error?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  const id = `field-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const value = props.value == null ? '' : String(props.value);
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? '' : <span class="optional"> (optional)</span>}
      </label>
      {props.hint && <p class="hint" id={`${id}-hint`}>{props.hint}</p>}
      {props.error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      {props.multiline ? (
        <textarea id={id} name={props.name} rows={props.rows ?? 6} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy} maxLength={props.maxLength}>
          {value}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={value}
          required={props.required}
          autocomplete={props.autocomplete}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          maxLength={props.maxLength}
        />
      )}
    </div>
  );
}

/**
 * The count above a filtered list: "3 documents"; when the list is empty, "No documents yet." without a filter and
 * "No documents match these filters." with one, since an empty hub and a too narrow filter call for different steps.
 */
export function ResultCount(props: { total: number; one: string; other?: string; filtered: boolean }) {
  const other = props.other ?? `${props.one}s`;
  const text = props.total > 0 ? counted(props.total, props.one, other) : props.filtered ? `No ${other} match these filters.` : `No ${other} yet.`;
  return <p role="status" class="result-count">{text}</p>;
}

/** Summary of all form errors at the top of a form, linking to each field. */
/**
 * A select of a GET filter form: the "any" choice first (its value empty; leave `any` out when every choice is a value),
 * then the choices, the current one selected.
 */
export function FilterSelect(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | number | null;
  any?: string;
  id?: string;
}) {
  const id = props.id ?? `f-${props.name}`;
  const current = props.value === undefined || props.value === null ? undefined : String(props.value);
  return (
    <div class="filter">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={current === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorSummary(props: { errors: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>There is a problem</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#field-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A button that posts one action (approve, delete, move) as its own small form, so it works without JavaScript.
 * With `confirm`, the button first opens a disclosure that says what will happen, so one
 * stray click never deletes anything. `name` and `value` say which of a form's actions was chosen.
 */
export function ActionButton(props: {
  action: string;
  label: string;
  csrf: string;
  name?: string;
  value?: string;
  danger?: boolean;
  secondary?: boolean;
  /** The compact button of a table row. */
  small?: boolean;
  confirm?: string;
}) {
  const classes = [props.small && 'button-small', props.danger ? 'danger' : props.secondary && 'secondary'].filter(Boolean).join(' ');
  const form = (label: string) => (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit" name={props.name} value={props.value} class={classes || undefined}>
        {label}
      </button>
    </form>
  );
  if (!props.confirm) return form(props.label);
  return (
    <details class="confirm-action">
      <summary>{props.label}</summary>
      <p>{props.confirm}</p>
      {form(`Yes, ${props.label.charAt(0).toLowerCase()}${props.label.slice(1)}`)}
    </details>
  );
}

/** A group of radio buttons under one legend, with its error message and an optional hint per choice. */
export function Radios(props: { name: string; legend: string; options: { value: string; label: string; hint?: string }[]; value: unknown; error?: string }) {
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
