import { Breadcrumbs, CsrfField, ErrorSummary, Field, FilterSelect, Pager, ResultCount } from '../../web/components/index.js';
import type { Project } from '../directory/service.js';
import type { HubEvent } from '../events/service.js';
import { ACCEPTED_DESCRIPTION } from './files.js';
import { counted } from '../../lib/plural.js';
import { formatDate, formatInstant } from '../../lib/time.js';
import type { Gallery, GalleryListing, Photo } from './galleries.js';
import { CATEGORIES, CATEGORY_LABELS, type DocumentVersion, type LibraryDocument, type LibraryPage, type MaterialsGroup } from './service.js';
import type { LibraryQuery } from './schema.js';
import { AdminTable, ListSearch } from '../../web/admin.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function DocumentMeta(props: { document: LibraryDocument }) {
  const d = props.document;
  return (
    <>
      <span class="badge">{CATEGORY_LABELS[d.category]}</span>
      {d.date && <> <time dateTime={d.date}>{d.date}</time></>}
      {d.authors && <> · {d.authors}</>}
    </>
  );
}

/** A list of documents with their type, date, authors and a download link. */
export function DocumentList(props: { documents: LibraryDocument[]; headingLevel?: 2 | 3 | 4 }) {
  const Heading = props.headingLevel === 4 ? 'h4' : props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="document-list">
      {props.documents.map((d) => (
        <li class="document-item">
          <Heading class="document-title"><a href={d.url}>{d.title}</a></Heading>
          <p class="document-meta"><DocumentMeta document={d} /></p>
          <p>
            <a class="download-link" href={d.downloadUrl} rel={d.externalUrl ? 'external' : undefined}>
              {d.externalUrl ? 'Open the document' : 'Download'}<span class="visually-hidden"> {d.title}</span>
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The "Materials" section of an event page: documents per programme item, then photo galleries. */
export function EventMaterials(props: { groups: MaterialsGroup[]; galleries: Gallery[] }) {
  if (!props.groups.length && !props.galleries.length) return null;
  return (
    <section aria-labelledby="materials-heading" class="materials">
      <h2 id="materials-heading">Presentations and materials</h2>
      {props.groups.map((group) => (
        <div class="materials-group">
          <h3>{group.item ? <>Presentations from <a href={`#slot-${group.item.id}`}>{group.item.title}</a></> : 'Documents for the whole event'}</h3>
          <DocumentList documents={group.documents} headingLevel={4} />
        </div>
      ))}
      {props.galleries.length > 0 && (
        <div class="materials-group">
          <h3>Photos</h3>
          <ul class="gallery-cards">
            {props.galleries.map((g) => (
              <li>
                <a href={g.url}>
                  {g.cover && <img src={g.cover.thumbSrc} alt="" width={g.cover.thumbWidth} height={g.cover.thumbHeight} loading="lazy" />}
                  <span>{g.title} ({counted(g.photoCount, 'photo')})</span>
                </a>
              </li>
            ))}
          </ul>
          <p><a href="/galleries">All photo galleries</a></p>
        </div>
      )}
    </section>
  );
}

/** The "Documents" section of a project page. */
export function ProjectDocuments(props: { documents: LibraryDocument[] }) {
  if (!props.documents.length) return null;
  return (
    <section aria-labelledby="documents-heading" class="materials">
      <h2 id="documents-heading">Documents</h2>
      <DocumentList documents={props.documents} />
    </section>
  );
}

export function LibraryView(props: { page: LibraryPage; query: LibraryQuery; projects: Project[]; events: HubEvent[]; years: number[] }) {
  const { query } = props;
  const params = { type: query.type || undefined, project: query.project || undefined, event: query.event || undefined, year: query.year ? String(query.year) : undefined };
  return (
    <div class="container">
      <h1>Library</h1>
      <p class="lead">Presentations, reports and documents from the hub, its member projects and their events. To find words inside documents, use <a href="/search?type=document">search</a>. Photos from events are in the <a href="/galleries">photo galleries</a>.</p>
      <form class="filters" method="get" action="/library" aria-label="Filter documents">
        <FilterSelect id="l-type" name="type" label="Type" any="Any type" value={query.type} options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
        <FilterSelect id="l-project" name="project" label="Project" any="Any project" value={query.project} options={props.projects.map((p) => ({ value: p.slug, label: p.acronym }))} />
        <FilterSelect id="l-event" name="event" label="Event" any="Any event" value={query.event} options={props.events.map((e) => ({ value: e.slug, label: e.shortTitle ?? e.title }))} />
        <FilterSelect id="l-year" name="year" label="Year" any="Any year" value={query.year} options={props.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <button type="submit">Filter</button>
      </form>
      <ResultCount total={props.page.total} one="document" filtered={Object.values(params).some(Boolean)} />
      <DocumentList documents={props.page.documents} headingLevel={2} />
      <Pager page={props.page.page} pageCount={props.page.pageCount} base="/library" params={params} />
    </div>
  );
}

const TEXT_STATUS: Record<DocumentVersion['textStatus'], string> = {
  pending: 'text being read for search',
  extracted: 'text indexed for search',
  not_extracted: 'text not extracted',
  not_applicable: 'not searchable by content',
};

export function DocumentView(props: { document: LibraryDocument; versions: DocumentVersion[]; attachedTo: { label: string; href: string } | null; canManage: boolean; draft: boolean }) {
  const d = props.document;
  return (
    <div class="container narrow">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/library', label: 'Library' }, { label: d.title }]} />
      <article aria-labelledby="document-title">
        <h1 id="document-title">{d.title}</h1>
        {props.draft && <p class="note">This document belongs to an unpublished event: only its editors can see it.</p>}
        <p class="document-meta"><DocumentMeta document={d} /></p>
        {d.description && <p>{d.description}</p>}
        <dl class="facts">
          {props.attachedTo && (
            <>
              <dt>From</dt>
              <dd><a href={props.attachedTo.href}>{props.attachedTo.label}</a></dd>
            </>
          )}
          {d.licence && (
            <>
              <dt>Licence</dt>
              <dd>{d.licence}</dd>
            </>
          )}
          <dt>Downloads</dt>
          <dd>{d.downloadCount}</dd>
        </dl>
        <p class="actions">
          <a class="button" href={d.downloadUrl} rel={d.externalUrl ? 'external' : undefined}>
            {d.externalUrl ? 'Open the document' : `Download (${props.versions[0] ? formatBytes(props.versions[0].sizeBytes) : ''})`}
          </a>
          {props.canManage && <a href={`/admin/library/${d.id}`}>Edit or upload a new version</a>}
        </p>
        {props.versions.length > 0 && (
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            <table class="versions">
              <caption class="visually-hidden">Every version of this document, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Uploaded (UTC)</th>
                  <th scope="col">File</th>
                  <th scope="col">Search</th>
                </tr>
              </thead>
              <tbody>
                {props.versions.map((v) => (
                  <tr>
                    <td>{v.version}{v.version === d.currentVersion ? ' (current)' : ''}</td>
                    <td><time dateTime={v.createdAt}>{formatInstant(v.createdAt)}</time></td>
                    <td><a href={`${d.url}/versions/${v.version}/download`}>{v.fileName}</a> ({formatBytes(v.sizeBytes)})</td>
                    <td>{TEXT_STATUS[v.textStatus]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </article>
    </div>
  );
}

/** /galleries: one card per gallery, its cover, the event it comes from and how many photos it holds. */
export function GalleryIndexView(props: { galleries: GalleryListing[] }) {
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/library', label: 'Library' }, { label: 'Photo galleries' }]} />
      <h1>Photo galleries</h1>
      <p class="lead">Photos from the hub’s events, newest event first.</p>
      {props.galleries.length === 0 ? (
        <p role="status">No photo galleries yet.</p>
      ) : (
        <ul class="gallery-index">
          {props.galleries.map((g) => (
            <li class="gallery-index-card">
              {g.cover && <img src={g.cover.thumbSrc} alt="" width={g.cover.thumbWidth} height={g.cover.thumbHeight} loading="lazy" />}
              <h2><a href={g.url}>{g.title}</a></h2>
              <p class="small">
                {counted(g.photoCount, 'photo')} · <a href={g.event.url}>{g.event.title}</a>, <time dateTime={g.event.startsAt}>{formatDate(g.event.startsAt, g.event.timezone)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function GalleryView(props: { gallery: Gallery; photos: Photo[]; event: HubEvent }) {
  const g = props.gallery;
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: props.event.url, label: props.event.shortTitle ?? props.event.title }, { label: g.title }]} />
      <h1>{g.title}</h1>
      {g.description && <p class="lead">{g.description}</p>}
      {props.photos.length === 0 ? (
        <p>No photos yet.</p>
      ) : (
        <ul class="gallery-grid">
          {props.photos.map((p) => (
            <li>
              <a href={p.url}>
                <img src={p.thumbSrc} alt={p.alt} width={p.thumbWidth} height={p.thumbHeight} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One photo at web size with previous/next links: a lightbox that needs no script, usable with Tab and Enter. */
export function PhotoView(props: { gallery: Gallery; photo: Photo; previous: Photo | null; next: Photo | null; index: number; count: number }) {
  const { photo } = props;
  return (
    <div class="container lightbox">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: props.gallery.url, label: props.gallery.title }, { label: `Photo ${props.index + 1}` }]} />
      <h1 class="visually-hidden">{props.gallery.title}: photo {props.index + 1} of {props.count}</h1>
      <figure class="lightbox-figure">
        <img src={photo.webSrc} alt={photo.alt} width={photo.width} height={photo.height} />
        <figcaption>
          {photo.caption || photo.alt} <span class="small">(photo {props.index + 1} of {props.count})</span>
        </figcaption>
      </figure>
      <nav class="lightbox-nav" aria-label="Photos">
        {props.previous ? <a href={props.previous.url} rel="prev" data-key="ArrowLeft">← Previous photo</a> : <span />}
        <a href={props.gallery.url} data-key="Escape">Back to all photos</a>
        {props.next ? <a href={props.next.url} rel="next" data-key="ArrowRight">Next photo →</a> : <span />}
      </nav>
    </div>
  );
}

// Back office

export interface TargetGroup {
  label: string;
  options: { value: string; label: string }[];
}

function TargetSelect(props: { targets: TargetGroup[]; value?: string; error?: string }) {
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for="field-attach">Where it belongs</label>
      <p class="hint" id="field-attach-hint">The hub, a project, an event, or one session or talk of an event’s programme.</p>
      {props.error && <p class="error-message" id="field-attach-error"><span class="visually-hidden">Error:</span> {props.error}</p>}
      <select id="field-attach" name="attach" required aria-describedby={props.error ? 'field-attach-hint field-attach-error' : 'field-attach-hint'} aria-invalid={props.error ? 'true' : undefined}>
        <option value="">Choose…</option>
        {props.targets.map((group) => (
          <optgroup label={group.label}>
            {group.options.map((o) => <option value={o.value} selected={props.value === o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

function FileField(props: { name: string; label: string; error?: string; hint: string; required?: boolean; accept: string }) {
  const id = `field-${props.name}`;
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={id}>{props.label}{props.required ? '' : <span class="optional"> (optional)</span>}</label>
      <p class="hint" id={`${id}-hint`}>{props.hint}</p>
      {props.error && <p class="error-message" id={`${id}-error`}><span class="visually-hidden">Error:</span> {props.error}</p>}
      <input id={id} name={props.name} type="file" accept={props.accept} required={props.required} aria-describedby={props.error ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid={props.error ? 'true' : undefined} />
    </div>
  );
}

const DOCUMENT_ACCEPT = '.pdf,.pptx,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.gif';

export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  csrf: string;
}

function DocumentFields(props: { state: FormState; targets: TargetGroup[] }) {
  const { values, errors } = props.state;
  return (
    <>
      <Field name="title" label="Title" value={values.title} error={errors.title} required maxLength={200} />
      <Field name="authors" label="Authors" value={values.authors} error={errors.authors} hint="For example: Maria Rossi, Jan Novák" maxLength={300} />
      <Field name="date" label="Date" type="date" value={values.date} error={errors.date} hint="When it was presented or issued (YYYY-MM-DD)." />
      <Field name="description" label="Description" value={values.description} error={errors.description} multiline rows={4} maxLength={4000} />
      <Field name="licence" label="Licence" value={values.licence} error={errors.licence} hint="For example: CC BY 4.0" maxLength={100} />
      <TargetSelect targets={props.targets} value={values.attach as string | undefined} error={errors.attach} />
    </>
  );
}

export function NewDocumentView(props: { state: FormState; targets: TargetGroup[]; maxMb: number }) {
  const { values, errors } = props.state;
  return (
    <div class="narrow">
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/library" enctype="multipart/form-data" novalidate>
        <CsrfField token={props.state.csrf} />
        <DocumentFields state={props.state} targets={props.targets} />
        <FileField name="file" label="File" error={errors.file} hint={`${ACCEPTED_DESCRIPTION}, up to ${props.maxMb} MB. Leave empty to link to a document kept elsewhere.`} accept={DOCUMENT_ACCEPT} />
        <Field name="url" label="Or the address of a document kept elsewhere" type="url" value={values.url} error={errors.url} hint="https://…" maxLength={2000} />
        <button type="submit">Add the document</button>
      </form>
    </div>
  );
}

/** What search knows of the current file, and why when it knows nothing of its text. */
function CurrentTextStatus(props: { status?: DocumentVersion['textStatus'] }) {
  if (props.status === 'not_extracted') {
    return (
      <p class="note">
        <strong>Text not extracted.</strong> The file could not be read within the hub’s limits for PDFs (too many pages, or too long or
        too large to read), or it holds no text, like a scan. It downloads as usual; search finds it by its title, authors and description.
      </p>
    );
  }
  if (props.status === 'pending') return <p>Its text is being read for search; this takes a few seconds.</p>;
  if (props.status === 'extracted') return <p>Its text is indexed for search.</p>;
  return null;
}

export function EditDocumentView(props: { document: LibraryDocument; versions: DocumentVersion[]; state: FormState; versionError?: string; targets: TargetGroup[]; maxMb: number }) {
  const d = props.document;
  return (
    <div class="narrow">
      <p><a href={d.url}>See the public page</a> · downloaded {counted(d.downloadCount, 'time')}</p>
      {!d.externalUrl && (
        <section aria-labelledby="new-version">
          <h2 id="new-version">Upload a new version</h2>
          <p>The current file is version {d.currentVersion}; earlier versions stay listed on the document page.</p>
          <CurrentTextStatus status={props.versions.find((v) => v.version === d.currentVersion)?.textStatus} />
          <form method="post" action={`/admin/library/${d.id}/versions`} enctype="multipart/form-data" novalidate>
            <CsrfField token={props.state.csrf} />
            <FileField name="file" label="New file" required error={props.versionError} hint={`${ACCEPTED_DESCRIPTION}, up to ${props.maxMb} MB.`} accept={DOCUMENT_ACCEPT} />
            <button type="submit">Upload the new version</button>
          </form>
        </section>
      )}
      <section aria-labelledby="details">
        <h2 id="details">Details</h2>
        <ErrorSummary errors={props.state.errors} />
        <form method="post" action={`/admin/library/${d.id}`} novalidate>
          <CsrfField token={props.state.csrf} />
          <DocumentFields state={props.state} targets={props.targets} />
          <button type="submit">Save the details</button>
        </form>
      </section>
      <section aria-labelledby="delete">
        <h2 id="delete">Delete</h2>
        <form method="post" action={`/admin/library/${d.id}/delete`}>
          <CsrfField token={props.state.csrf} />
          <button type="submit" class="danger">Delete this document and all its versions</button>
        </form>
      </section>
    </div>
  );
}

export function AdminLibraryView(props: {
  documents: LibraryDocument[];
  total: number;
  page: number;
  pageCount: number;
  q?: string;
  galleries: (Gallery & { eventTitle: string })[];
}) {
  return (
    <div>
      <p class="actions">
        <a class="button" href="/admin/library/new">Add a document</a>
        <a class="button secondary" href="/admin/galleries/new">Add a photo gallery</a>
      </p>
      <h2>Documents you can edit</h2>
      <ListSearch action="/admin/library" q={props.q} label="Search titles and authors" />
      <AdminTable
        caption="Documents you can edit"
        columns={['Title', 'Type', 'Version', 'Downloads']}
        rows={props.documents.map((d) => [<a href={`/admin/library/${d.id}`}>{d.title}</a>, CATEGORY_LABELS[d.category], d.currentVersion || '—', d.downloadCount])}
        total={props.total}
        page={props.page}
        pageCount={props.pageCount}
        base="/admin/library"
        params={{ q: props.q }}
        one="document"
      />
      <h2>Photo galleries you can edit</h2>
      {props.galleries.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul>
          {props.galleries.map((g) => <li><a href={`/admin/galleries/${g.id}`}>{g.title}</a> — {g.eventTitle} ({counted(g.photoCount, 'photo')})</li>)}
        </ul>
      )}
    </div>
  );
}

export function NewGalleryView(props: { state: FormState; events: HubEvent[] }) {
  const { values, errors } = props.state;
  return (
    <div class="narrow">
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/galleries" novalidate>
        <CsrfField token={props.state.csrf} />
        <div class={`field${errors.event ? ' field-error' : ''}`}>
          <label for="field-event">Event</label>
          {errors.event && <p class="error-message" id="field-event-error"><span class="visually-hidden">Error:</span> {errors.event}</p>}
          <select id="field-event" name="event" required aria-invalid={errors.event ? 'true' : undefined} aria-describedby={errors.event ? 'field-event-error' : undefined}>
            <option value="">Choose…</option>
            {props.events.map((e) => <option value={String(e.id)} selected={values.event === String(e.id)}>{e.title}</option>)}
          </select>
        </div>
        <Field name="title" label="Title" value={values.title} error={errors.title} required maxLength={200} />
        <Field name="description" label="Description" value={values.description} error={errors.description} multiline rows={3} maxLength={2000} />
        <button type="submit">Create the gallery</button>
      </form>
    </div>
  );
}

export function GalleryAdminView(props: { gallery: Gallery; photos: Photo[]; state: FormState; maxMb: number }) {
  const { values, errors } = props.state;
  return (
    <div>
      <p><a href={props.gallery.url}>See the public gallery</a></p>
      <section aria-labelledby="add-photo" class="narrow">
        <h2 id="add-photo">Add a photo</h2>
        <p>Photos are resized for the web; their location and camera data are removed.</p>
        <ErrorSummary errors={errors} />
        <form method="post" action={`/admin/galleries/${props.gallery.id}/photos`} enctype="multipart/form-data" novalidate>
          <CsrfField token={props.state.csrf} />
          <FileField name="photo" label="Photo" required error={errors.photo} hint={`JPEG, PNG, WebP or GIF, up to ${props.maxMb} MB.`} accept=".jpg,.jpeg,.png,.webp,.gif" />
          <Field name="alt" label="Alt text" value={values.alt} error={errors.alt} required hint="What the photo shows, for people who cannot see it." maxLength={300} />
          <Field name="caption" label="Caption" value={values.caption} error={errors.caption} maxLength={500} />
          <button type="submit">Add the photo</button>
        </form>
      </section>
      <ul class="gallery-grid">
        {props.photos.map((p) => <li><img src={p.thumbSrc} alt={p.alt} width={p.thumbWidth} height={p.thumbHeight} loading="lazy" /></li>)}
      </ul>
    </div>
  );
}
