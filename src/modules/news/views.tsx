import { BoxedImage, Breadcrumbs, Card, Pager, ResultCount, SafeHtml, Tags } from '../../web/components/index.js';
import { formatDate } from '../../lib/time.js';
import type { Project } from '../directory/service.js';
import type { NewsPost } from './service.js';

export function NewsCard(props: { post: NewsPost; headingLevel?: 2 | 3 }) {
  const p = props.post;
  return (
    <Card href={p.url} title={p.title} headingLevel={props.headingLevel} image={p.imagePath && <BoxedImage src={p.imagePath} alt={p.imageAlt ?? ''} kind="photo" />} meta={p.publishedAt && <time dateTime={p.publishedAt}>{formatDate(p.publishedAt)}</time>}>
      {p.summary && <p>{p.summary}</p>}
    </Card>
  );
}

export function NewsListView(props: { posts: NewsPost[]; page: number; pageCount: number; total: number; tag?: string }) {
  return (
    <div class="container">
      <h1>News</h1>
      <p class="lead">
        What the hub and its member projects publish. Follow it in any feed reader: <a href="/news.xml">news.xml</a>, or <a href="/newsletter/subscribe?follow=news">by e-mail</a>.
      </p>
      {props.tag && <p role="status">Showing posts tagged “{props.tag}”. <a href="/news">Show all</a></p>}
      <ResultCount total={props.total} one="news post" filtered={Boolean(props.tag)} />
      <div class="card-list">{props.posts.map((p) => <NewsCard post={p} headingLevel={2} />)}</div>
      <Pager page={props.page} pageCount={props.pageCount} base="/news" params={{ tag: props.tag }} />
    </div>
  );
}

export function NewsView(props: { post: NewsPost; bodyHtml: string; project: Project | null }) {
  const p = props.post;
  return (
    <div class="container narrow">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, { href: '/news', label: 'News' }, { label: p.title }]} />
      <article aria-labelledby="post-title">
        <h1 id="post-title">{p.title}</h1>
        <p class="card-meta">
          {p.publishedAt && <time dateTime={p.publishedAt}>{formatDate(p.publishedAt)}</time>}
          {props.project && (
            <>
              {' '}· <a href={props.project.url}>{props.project.acronym}</a>
            </>
          )}
        </p>
        {p.imagePath && <BoxedImage src={p.imagePath} alt={p.imageAlt ?? ''} kind="photo" large eager />}
        {p.summary && <p class="lead">{p.summary}</p>}
        <SafeHtml html={props.bodyHtml} />
        <Tags tags={p.tags} />
      </article>
    </div>
  );
}
