import type { Generated } from 'kysely';

export interface NewsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string;
  body_md: string;
  project_id: number | null;
  event_id: number | null;
  image_path: string | null;
  image_alt: string | null;
  /** JSON array of strings. */
  tags: string;
  /** draft | published | scheduled (published_at in the future) */
  status: string;
  /** 1 lists the post before the others (WordPress's sticky posts). */
  pinned: Generated<number>;
  published_at: string | null;
  author_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface NewsTables {
  news: NewsTable;
}
