import { ActionButton, AdminTable, DraftOrPublished, Stamp } from '../../web/admin.js';
import { hubTimeZone } from '../../lib/time.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import type { Project } from '../directory/service.js';
import { newsState, type NewsPost } from './service.js';

type Values = Record<string, unknown>;

export function StateBadge(props: { state: string }) {
  return <span class={`badge status-${props.state}`}>{props.state}</span>;
}

export function NewsAdminList(props: { posts: NewsPost[]; projects: Map<number, Project>; page: number; pageCount: number; total: number; q?: string }) {
  return (
    <AdminTable
      caption="News posts, most recently changed first"
      one="post"
      columns={['Title', 'Project', 'State', 'Changed', 'Preview']}
      rows={props.posts.map((p) => [
        <a href={`/admin/news/${p.id}`}>{p.title}</a>,
        p.projectId ? (props.projects.get(p.projectId)?.acronym ?? '—') : 'Hub',
        <StateBadge state={newsState(p)} />,
        <Stamp iso={p.updatedAt} />,
        <a href={`/admin/news/${p.id}/preview`}>Preview<span class="visually-hidden"> {p.title}</span></a>,
      ])}
      total={props.total}
      page={props.page}
      pageCount={props.pageCount}
      base="/admin/news"
      params={{ q: props.q }}
    />
  );
}

/** Values of the form for an existing post. */
export function newsValues(post: NewsPost, publishAtLocal: string): Values {
  return {
    title: post.title,
    summary: post.summary,
    bodyMd: post.bodyMd,
    projectId: post.projectId ? String(post.projectId) : '',
    tags: post.tags.join(', '),
    imageAlt: post.imageAlt ?? '',
    status: post.status === 'published' ? 'published' : 'draft',
    publishAt: publishAtLocal,
  };
}

export function NewsFormView(props: {
  csrf: string;
  action: string;
  projects: Project[];
  allowHub: boolean;
  values: Values;
  errors: Record<string, string>;
  post?: NewsPost;
}) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <ErrorSummary errors={e} />
      <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="title" label="Title" required value={v.title} error={e.title} maxLength={200} />
        <Field name="summary" label="Summary" hint="One or two sentences shown in lists and feeds." value={v.summary} error={e.summary} multiline rows={2} maxLength={500} />
        <Field name="bodyMd" label="Text" hint="Markdown: **bold**, _italic_, [link](https://…), lists with -, headings with ##." required value={v.bodyMd} error={e.bodyMd} multiline rows={14} />
        <div class={`field${e.projectId ? ' field-error' : ''}`}>
          <label for="field-projectId">Project</label>
          {e.projectId && <p class="error-message"><span class="visually-hidden">Error:</span> {e.projectId}</p>}
          <select id="field-projectId" name="projectId">
            {props.allowHub && <option value="">The hub (no project)</option>}
            {props.projects.map((p) => (
              <option value={String(p.id)} selected={String(v.projectId) === String(p.id)}>{p.acronym}</option>
            ))}
          </select>
        </div>
        <Field name="tags" label="Tags" hint="Separated by commas." value={v.tags} error={e.tags} maxLength={300} />
        <div class={`field${e.image ? ' field-error' : ''}`}>
          <label for="field-image">Image</label>
          <p class="hint" id="field-image-hint">JPEG, PNG, WebP or GIF, up to 5 MB. It is resized to 1600 pixels wide at most.</p>
          {e.image && <p class="error-message" id="field-image-error"><span class="visually-hidden">Error:</span> {e.image}</p>}
          {props.post?.imagePath && (
            <p>
              <img src={props.post.imagePath} alt="" width={240} /> <br />
              <label class="checkbox"><input type="checkbox" name="removeImage" value="on" /> Remove the current image</label>
            </p>
          )}
          <input id="field-image" name="image" type="file" accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby={`field-image-hint${e.image ? ' field-image-error' : ''}`} />
        </div>
        <Field name="imageAlt" label="Image description (alt text)" hint="What the image shows, for people who cannot see it. Required with an image." value={v.imageAlt} error={e.imageAlt} maxLength={300} />
        <DraftOrPublished value={v.status} error={e.status} />
        <Field name="publishAt" type="datetime-local" label={`Publication time (${hubTimeZone().replace(/_/g, ' ')} time)`} hint="Leave empty to publish at once; a future time schedules the post." value={v.publishAt} error={e.publishAt} />
        <div class="actions">
          <button type="submit">Save</button>
          <a href="/admin/news">Cancel</a>
        </div>
      </form>
    </>
  );
}

export function NewsEditActions(props: { post: NewsPost; csrf: string }) {
  const state = newsState(props.post);
  return (
    <>
      <p>
        <StateBadge state={state} /> {state !== 'draft' && <a href={props.post.url}>View on the site</a>} · <a href={`/admin/news/${props.post.id}/preview`}>Preview</a>
      </p>
      <div class="actions">
        {state === 'draft' ? (
          <ActionButton action={`/admin/news/${props.post.id}/publish`} label="Publish now" csrf={props.csrf} />
        ) : (
          <ActionButton action={`/admin/news/${props.post.id}/unpublish`} label="Unpublish" csrf={props.csrf} secondary />
        )}
        <ActionButton action={`/admin/news/${props.post.id}/delete`} label="Delete this post" csrf={props.csrf} danger confirm="The post and its address disappear for good." />
      </div>
    </>
  );
}
