import { Breadcrumbs, SafeHtml } from '../../web/components/index.js';
import type { StaticPage } from './service.js';

/** A static page: its trail of parent pages, its text, and the pages below it. */
export function StaticPageView(props: { page: StaticPage; trail: StaticPage[]; children: StaticPage[]; bodyHtml: string }) {
  const p = props.page;
  return (
    <div class="container narrow">
      <Breadcrumbs items={[{ href: '/', label: 'Home' }, ...props.trail.map((t) => ({ href: t.url, label: t.title })), { label: p.title }]} />
      <article aria-labelledby="page-title">
        <h1 id="page-title">{p.title}</h1>
        <SafeHtml html={props.bodyHtml} />
      </article>
      {props.children.length > 0 && (
        <nav aria-labelledby="subpages-heading" class="subpages">
          <h2 id="subpages-heading">In this section</h2>
          <ul>
            {props.children.map((c) => (
              <li>
                <a href={c.url}>{c.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
