import type { Generated } from 'kysely';

export interface RedirectsTable {
  id: Generated<number>;
  /** A normalised old address: path without a trailing slash, or "/?p=123" for WordPress's query links. */
  from_path: string;
  to_path: string;
  /** manual | wordpress */
  origin: string;
  created_at: string;
  updated_at: string;
}

export interface RedirectsTables {
  redirects: RedirectsTable;
}
