import type { Generated } from 'kysely';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  /** pending | running | done | failed */
  status: string;
  attempts: number;
  last_error: string | null;
  /** Until when the claim of a running job holds; renewed while it runs. */
  locked_until: string | null;
  /** The worker instance that claimed a running job. */
  locked_by: string | null;
  /** Optional: a second job with the same key is not created. */
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobsTables {
  jobs: JobsTable;
}
