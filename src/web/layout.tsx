import type { ComponentChildren } from 'preact';
import type { Actor } from '../lib/policy.js';

export interface LayoutProps {
  title: string;
  description?: string;
  /** Path of the current page, to mark the current navigation item. */
  path: string;
  actor: Actor | null;
  /** CSRF token for the sign-out form, present when someone is signed in. */
  csrfToken?: string;
  /** Links to alternate representations (feeds, calendars). */
  alternates?: { type: string; href: string; title: string }[];
  /** Extra client modules to load (paths under /static). */
  scripts?: string[];
  /** Adds a class on <body>, e.g. for the full-screen presenter view. */
  bodyClass?: string;
  /** What the header's search box shows: the query on the results page. */
  searchQuery?: string;
  /** Skip the site header and footer (presenter view, print-only pages). */
  bare?: boolean;
  /** Static pages an editor placed in the main navigation and the footer. */
  siteLinks?: SiteLinks;
  children: ComponentChildren;
}

export interface SiteLinks {
  main: { href: string; label: string }[];
  footer: { href: string; label: string }[];
}

export const SITE_NAME = 'Cluster Hub';
export const HUB_NAME = 'Production of raw materials for batteries from European resources';

const NAV = [
  { href: '/news', label: 'News' },
  { href: '/events', label: 'Events' },
  { href: '/projects', label: 'Projects' },
  { href: '/library', label: 'Library' },
  { href: '/synergies', label: 'Synergies' },
  { href: '/map', label: 'Map' },
  { href: '/about', label: 'About' },
];

function isCurrent(path: string, href: string): boolean {
  return path === href || path.startsWith(href + '/');
}

/** The one component that owns <html>: head, assets, header, navigation, footer. */
export function Layout(props: LayoutProps) {
  const { actor } = props;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === SITE_NAME ? SITE_NAME : `${props.title} · ${SITE_NAME}`}</title>
        {props.description && <meta name="description" content={props.description} />}
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/print.css" media="print" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/rss+xml" title="Cluster Hub news" href="/news.xml" />
        <link rel="alternate" type="text/calendar" title="Cluster Hub events" href="/events.ics" />
        {props.alternates?.map((a) => <link rel="alternate" type={a.type} href={a.href} title={a.title} />)}
        {props.scripts?.map((src) => <script type="module" src={src} />)}
      </head>
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">Skip to main content</a>
        {!props.bare && (
          <header class="site-header">
            <div class="container header-inner">
              <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">⬡</span>
                <span>
                  <span class="brand-name">{SITE_NAME}</span>
                  <span class="brand-sub">{HUB_NAME}</span>
                </span>
              </a>
              <nav aria-label="Main" class="main-nav">
                <ul>
                  {[...NAV.slice(0, -1), ...(props.siteLinks?.main ?? []), ...NAV.slice(-1)].map((item) => (
                    <li>
                      <a href={item.href} aria-current={isCurrent(props.path, item.href) ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <form class="header-search" role="search" action="/search" method="get">
                <label for="site-search" class="visually-hidden">
                  Search the hub
                </label>
                <input id="site-search" type="search" name="q" value={props.searchQuery} placeholder="Search the hub" />
                <button type="submit">Search</button>
              </form>
              <nav aria-label="Account" class="account-nav">
                {actor ? (
                  <>
                    <a href="/admin">Back office</a>
                    <form method="post" action="/sign-out" class="inline-form">
                      {props.csrfToken && <input type="hidden" name="_csrf" value={props.csrfToken} />}
                      <button type="submit" class="link-button">
                        Sign out
                      </button>
                    </form>
                  </>
                ) : (
                  <a href="/sign-in">Sign in</a>
                )}
              </nav>
            </div>
          </header>
        )}
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        {!props.bare && (
          <footer class="site-footer">
            <div class="container footer-inner">
              <p>
                <strong>{SITE_NAME}</strong> — the knowledge-exchange platform of the EU Cluster Hub “{HUB_NAME}”.
              </p>
              <ul class="footer-links">
                <li><a href="/about">About and how to join</a></li>
                <li><a href="/join">Ask to join</a></li>
                <li><a href="/news.xml">News feed (RSS)</a></li>
                <li><a href="/events.ics">Events calendar (iCal)</a></li>
                <li><a href="/api/openapi.json">Open data API</a></li>
                <li><a href="/live">Join a live session</a></li>
                {props.siteLinks?.footer.map((link) => (
                  <li>
                    <a href={link.href}>{link.label}</a>
                  </li>
                ))}
              </ul>
              <p class="small">Project facts partly from CORDIS. Source: CORDIS, European Commission (CC BY 4.0).</p>
            </div>
          </footer>
        )}
      </body>
    </html>
  );
}
