/**
 * What counts as a page view, and the in-memory tally that turns views into daily counts. No I/O here: the plugin
 * feeds it requests and the service writes what it drains.
 */

/** Crawlers, monitors, link previewers and command-line clients: their fetches are not readers. */
const BOT_PATTERN =
  /bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|uptime|pingdom|lighthouse|headless|phantomjs|curl|wget|python|java\/|go-http|node-fetch|axios|httpclient|okhttp|scrapy|feedfetcher|validator/i;

/** A person's browser, going by its user agent: none, or one that names a bot, is not counted. */
export function isBrowser(userAgent: string | undefined): boolean {
  return !!userAgent && userAgent.length <= 512 && !BOT_PATTERN.test(userAgent);
}

/** Browsers that fetch a page before anyone asks for it say so; a prefetch is not a view. */
export function isPrefetch(headers: Record<string, string | string[] | undefined>): boolean {
  const purpose = String(headers['sec-purpose'] ?? headers.purpose ?? headers['x-purpose'] ?? headers['x-moz'] ?? '');
  return /prefetch|preview|prerender/i.test(purpose);
}

/** Longer paths are not pages of the hub; keeping them would let anyone fill the table. */
export const MAX_PATH = 300;

/** The path that is counted: the address without its query string, or null when it is not worth a row. */
export function countedPath(url: string): string | null {
  const path = url.split('?')[0].split('#')[0];
  if (!path.startsWith('/') || path.length > MAX_PATH) return null;
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** The UTC day of an instant, as page_views keeps it. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Views counted since the last drain, by day and path. */
export class PageViewTally {
  private counts = new Map<string, number>();

  /** Bounds memory when the database is away for long: further paths wait for the next drain. */
  constructor(private readonly maxKeys = 50_000) {}

  add(day: string, path: string): void {
    const key = `${day} ${path}`;
    const n = this.counts.get(key);
    if (n === undefined && this.counts.size >= this.maxKeys) return;
    this.counts.set(key, (n ?? 0) + 1);
  }

  get size(): number {
    return this.counts.size;
  }

  /** Everything counted so far, emptied from the tally. */
  drain(): { day: string; path: string; views: number }[] {
    const rows = [...this.counts].map(([key, views]) => {
      const space = key.indexOf(' ');
      return { day: key.slice(0, space), path: key.slice(space + 1), views };
    });
    this.counts = new Map();
    return rows;
  }

  /** Puts rows back after a failed write, so a database hiccup loses nothing. */
  restore(rows: { day: string; path: string; views: number }[]): void {
    for (const row of rows) {
      const key = `${row.day} ${row.path}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + row.views);
    }
  }
}
