/** A shared topic's page: the members and known projects on it, and its discussion. */
import type { ComponentChildren } from 'preact';
import { Breadcrumbs, CsrfField } from '../../web/components/index.js';
import { formatDate } from '../../lib/time.js';
import type { HubEvent } from '../events/service.js';
import type { NewsPost } from '../news/service.js';
import type { Project } from '../directory/service.js';
import {
  type RelatedEntry,
  type Topic,
  type TopicPost,
} from './service.js';

import { CordisCredit } from './views.js';

export function TopicView(props: {
  topic: Topic;
  projects: Project[];
  /** What other modules show about these projects (TOPIC_PAGE_MAIN): their documents. */
  sections: ComponentChildren;
  known: RelatedEntry[];
  events: HubEvent[];
  news: NewsPost[];
  thread: TopicPost[] | null;
  csrfToken: string | null;
  error?: string;
  body?: string;
}) {
  const { topic } = props;
  return (
    <div class="container">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/synergies', label: 'Synergies' }, { label: topic.label }]} />
      <h1>
        Topic: {topic.label}
      </h1>
      <p><a href={`/newsletter/subscribe?topic=${topic.slug}`}>Follow this topic by e-mail</a></p>
      <section aria-labelledby="topic-projects">
        <h2 id="topic-projects">Member projects</h2>
        <ul>
          {props.projects.map((p) => (
            <li>
              <a href={p.url}>{p.acronym}</a> — {p.title}
            </li>
          ))}
        </ul>
        {props.known.length > 0 && (
          <>
            <h3>Known projects on this topic</h3>
            <ul>
              {props.known.map((k) => (
                <li>
                  <a href={k.url} rel="external">
                    {k.acronym}
                  </a>{' '}
                  {k.title}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="topic-events">
        <h2 id="topic-events">Events</h2>
        {props.events.length ? (
          <ul>
            {props.events.map((e) => (
              <li>
                <a href={`/events/${e.slug}`}>{e.title}</a> <span class="small">{formatDate(e.startsAt, e.timezone)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No events of these projects yet.</p>
        )}
      </section>
      <section aria-labelledby="topic-news">
        <h2 id="topic-news">News</h2>
        {props.news.length ? (
          <ul>
            {props.news.map((n) => (
              <li>
                <a href={`/news/${n.slug}`}>{n.title}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>No news of these projects yet.</p>
        )}
      </section>
      {props.sections}
      <section aria-labelledby="topic-discussion">
        <h2 id="topic-discussion">Discussion</h2>
        {props.thread === null ? (
          <p>
            The discussion is for members of the hub. <a href={`/sign-in?next=${encodeURIComponent(`/topics/${topic.slug}`)}`}>Sign in</a> to read and take part.
          </p>
        ) : (
          <>
            {props.thread.length === 0 && <p>No posts yet. Start the discussion.</p>}
            <ol class="thread">
              {props.thread.map((post) => (
                <li>
                  <PostView post={post} />
                  {post.replies.length > 0 && (
                    <ol class="replies">
                      {post.replies.map((reply) => (
                        <li>
                          <PostView post={reply} />
                        </li>
                      ))}
                    </ol>
                  )}
                  {props.csrfToken && <PostForm slug={topic.slug} token={props.csrfToken} parentId={post.id} label={`Reply to ${post.authorName}`} />}
                </li>
              ))}
            </ol>
            {props.csrfToken && <PostForm slug={topic.slug} token={props.csrfToken} parentId={null} label="New post" error={props.error} body={props.body} />}
          </>
        )}
      </section>
      <CordisCredit />
    </div>
  );
}

function PostView(props: { post: TopicPost }) {
  return (
    <article class="post" aria-label={`Post by ${props.post.authorName}`}>
      <p class="small">
        <strong>{props.post.authorName}</strong> · <time dateTime={props.post.createdAt}>{formatDate(props.post.createdAt)}</time>
      </p>
      {props.post.body.split(/\n{2,}/).map((para) => (
        <p>{para}</p>
      ))}
    </article>
  );
}

function PostForm(props: { slug: string; token: string; parentId: number | null; label: string; error?: string; body?: string }) {
  const id = props.parentId === null ? 'post-body' : `reply-body-${props.parentId}`;
  return (
    <form method="post" action={`/topics/${props.slug}/posts`} class={props.parentId === null ? 'post-form' : 'reply-form'}>
      <CsrfField token={props.token} />
      {props.parentId !== null && <input type="hidden" name="parentId" value={String(props.parentId)} />}
      <div class={`field${props.error ? ' field-error' : ''}`}>
        <label for={id}>{props.label}</label>
        {props.error && (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">Error:</span> {props.error}
          </p>
        )}
        <textarea id={id} name="body" rows={props.parentId === null ? 5 : 2} required maxLength={5000} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined}>
          {props.body ?? ''}
        </textarea>
      </div>
      <button type="submit">{props.parentId === null ? 'Post' : 'Reply'}</button>
    </form>
  );
}
