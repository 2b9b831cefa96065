import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { dialectOf, nowIso } from '../db/dialect.js';
import type { Database } from '../db/types.js';

export type JobHandler = (payload: any, context: { db: Kysely<Database>; log: FastifyBaseLogger }) => Promise<void>;

const MAX_ATTEMPTS = 8;
const LOCK_SECONDS = 120;

/** Job handlers by kind; modules register theirs when the app is built. */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly dailyKinds = new Set<string>();

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /**
   * A job that runs once a day (housekeeping). Each run schedules the next one, and the worker
   * makes sure one is pending when it starts; the dedupe key keeps several instances from doubling it.
   */
  registerDaily(kind: string, handler: JobHandler): void {
    this.dailyKinds.add(kind);
    this.register(kind, async (payload, context) => {
      await handler(payload, context);
      await scheduleDailyRun(context.db, kind, new Date(Date.now() + DAY_MS));
    });
  }

  get(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  get daily(): string[] {
    return [...this.dailyKinds];
  }
}

const DAY_MS = 86_400_000;
/** Daily jobs run at this hour (UTC), when hubs in Europe are quiet. */
const DAILY_HOUR_UTC = 3;

function scheduleDailyRun(db: Kysely<Database>, kind: string, day: Date): Promise<void> {
  const runAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), DAILY_HOUR_UTC));
  return enqueueJob(db, kind, {}, { runAt, dedupeKey: `${kind}:${runAt.toISOString().slice(0, 10)}` });
}

/** Makes sure every daily job has its next run pending: the first one today (or at once, if today's hour has passed). */
export async function scheduleDailyJobs(db: Kysely<Database>, registry: JobRegistry, now = new Date()): Promise<void> {
  for (const kind of registry.daily) await scheduleDailyRun(db, kind, now);
}

/**
 * Finished jobs are kept a month for the record, then deleted so the table stays small. Jobs with a
 * dedupe key stay: their row is what keeps them from being created again (an invitation, a reminder).
 */
export async function deleteFinishedJobs(db: Kysely<Database>, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const result = await db.deleteFrom('jobs').where('status', '=', 'done').where('finished_at', '<', before).where('dedupe_key', 'is', null).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface EnqueueOptions {
  runAt?: Date;
  /** A job with the same key is created once only. */
  dedupeKey?: string;
}

/** Adds a job to the table; pass a transaction to make it part of the same commit as the change that caused it. */
export async function enqueueJob(db: Kysely<Database>, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
  // A template, not the builder: this runs inside every registration of a rush (see registration's insertRegistration).
  await sql`
    insert into jobs (kind, payload, run_at, status, attempts, dedupe_key, created_at)
    values (${kind}, ${JSON.stringify(payload ?? {})}, ${(options.runAt ?? new Date()).toISOString()}, 'pending', 0, ${options.dedupeKey ?? null}, ${nowIso()})
    on conflict (dedupe_key) do nothing`.execute(db);
}

/** Back-off after a failure: 30 s, 1 min, 2 min, ... capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Claims due jobs. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several instances share the table;
 * SQLite has one writer, so the conditional update is enough.
 */
async function claimDueJobs(db: Kysely<Database>, limit: number) {
  const now = nowIso();
  const lockedUntil = new Date(Date.now() + LOCK_SECONDS * 1000).toISOString();
  const lock = dialectOf(db) === 'postgres' ? sql`for update skip locked` : sql``;
  const due = await sql<{ id: number }>`
    update jobs set status = 'running', locked_until = ${lockedUntil}, attempts = attempts + 1
    where id in (
      select id from jobs
      where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
      order by run_at, id limit ${limit} ${lock}
    )
    returning id`.execute(db);
  if (!due.rows.length) return [];
  return db
    .selectFrom('jobs')
    .selectAll()
    .where(
      'id',
      'in',
      due.rows.map((r) => r.id),
    )
    .orderBy('run_at')
    .orderBy('id')
    .execute();
}

/** Runs every due job once; returns how many ran. Used by the worker loop and by tests. */
export async function runDueJobs(db: Kysely<Database>, registry: JobRegistry, log: FastifyBaseLogger, limit = 20): Promise<number> {
  const jobs = await claimDueJobs(db, limit);
  for (const job of jobs) {
    const handler = registry.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(JSON.parse(job.payload), { db, log });
      await db.updateTable('jobs').set({ status: 'done', finished_at: nowIso(), locked_until: null }).where('id', '=', job.id).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = job.attempts >= MAX_ATTEMPTS;
      log.warn({ job: job.id, kind: job.kind, attempts: job.attempts, err: message }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          status: failed ? 'failed' : 'pending',
          last_error: message.slice(0, 2000),
          locked_until: null,
          run_at: new Date(Date.now() + retryDelayMs(job.attempts)).toISOString(),
          finished_at: failed ? nowIso() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
  return jobs.length;
}

/** Polls the jobs table until stopped. */
export function startWorker(db: Kysely<Database>, registry: JobRegistry, log: FastifyBaseLogger, intervalMs = 500): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = scheduleDailyJobs(db, registry).catch((error) => log.error({ err: error }, 'daily jobs could not be scheduled'));
  const tick = async () => {
    if (stopped) return;
    running = runDueJobs(db, registry, log).catch((error) => log.error({ err: error }, 'job worker tick failed'));
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
