import { describe, expect, it } from 'vitest';
import { countedPath, isBrowser, isPrefetch, PageViewTally } from './counter.js';

describe('page view counting', () => {
  it('tells browsers from bots by their user agent', () => {
    expect(isBrowser('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36')).toBe(true);
    expect(isBrowser('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(false);
    expect(isBrowser('Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0')).toBe(false);
    expect(isBrowser('curl/8.5.0')).toBe(false);
    expect(isBrowser('facebookexternalhit/1.1')).toBe(false);
    expect(isBrowser(undefined)).toBe(false);
    expect(isBrowser('')).toBe(false);
  });

  it('leaves out prefetches and previews', () => {
    expect(isPrefetch({ 'sec-purpose': 'prefetch;prerender' })).toBe(true);
    expect(isPrefetch({ purpose: 'prefetch' })).toBe(true);
    expect(isPrefetch({ 'x-moz': 'prefetch' })).toBe(true);
    expect(isPrefetch({ accept: 'text/html' })).toBe(false);
  });

  it('counts the path without its query string or trailing slash, and refuses overlong ones', () => {
    expect(countedPath('/news/launch?utm_source=mail&email=ana@example.org')).toBe('/news/launch');
    expect(countedPath('/events/')).toBe('/events');
    expect(countedPath('/')).toBe('/');
    expect(countedPath('/' + 'a'.repeat(400))).toBeNull();
  });

  it('adds views per day and path, drains them once, and takes back a failed write', () => {
    const tally = new PageViewTally(2);
    tally.add('2026-12-07', '/news');
    tally.add('2026-12-07', '/news');
    tally.add('2026-12-08', '/news');
    tally.add('2026-12-08', '/events'); // beyond the bound: waits for the next drain
    const rows = tally.drain();
    expect(rows).toEqual([
      { day: '2026-12-07', path: '/news', views: 2 },
      { day: '2026-12-08', path: '/news', views: 1 },
    ]);
    expect(tally.drain()).toEqual([]);
    tally.add('2026-12-07', '/news');
    tally.restore(rows);
    expect(tally.drain()).toContainEqual({ day: '2026-12-07', path: '/news', views: 3 });
  });
});
