export interface PageViewsTable {
  /** YYYY-MM-DD in UTC. */
  day: string;
  /** The page's path without its query string. */
  path: string;
  views: number;
}

export interface PageViewMonthsTable {
  /** YYYY-MM in UTC. */
  month: string;
  path: string;
  views: number;
}

export interface VisitsTables {
  page_views: PageViewsTable;
  page_view_months: PageViewMonthsTable;
}
