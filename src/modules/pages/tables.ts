import type { Generated } from 'kysely';

export interface PagesTable {
  id: Generated<number>;
  slug: string;
  /** Address below /pages/: the parent's path, a slash, the slug. */
  path: string;
  parent_id: number | null;
  title: string;
  body_md: string;
  /** draft | published */
  status: string;
  /** none | main | footer */
  nav_placement: string;
  nav_order: number;
  created_at: string;
  updated_at: string;
}

export interface PagesTables {
  pages: PagesTable;
}
