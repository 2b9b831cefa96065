import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.js';
import { dialectOf, nowIso } from '../db/dialect.js';
import type { Database } from '../db/types.js';

export interface JobContext {
  /** The job's row; with `complete`, a key for what this job produces once only. */
  jobId: number;
  db: Kysely<Database>;
  log: FastifyBaseLogger;
  /** Aborted when the job has run past its time limit and been given up; it will be retried. */
  signal: AbortSignal;
  /**
   * Runs `work` in one transaction that also marks the job done, so what the job produces (a mail in the
   * outbox) and the record that it ran commit together or not at all: a crash in between cannot make a
   * retry produce it twice. Throws `JobLost`, keeping nothing, when this run no longer holds the job
   * (it ran out of time and was handed back).
   */
  complete<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}

export type JobHandler = (payload: any, context: JobContext) => Promise<void>;

/** This run of a job lost its claim (time limit, or its lease expired while it stalled): its work is not kept. */
export class JobLost extends Error {}

/** Runs of one job before it is marked failed for good. */
export const MAX_ATTEMPTS = 8;

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

/** The worker's own housekeeping: finished jobs are deleted once a day. */
export function registerJobsCleanup(registry: JobRegistry): void {
  registry.registerDaily('jobs.cleanup', async (_payload, { db }) => {
    await deleteFinishedJobs(db);
  });
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

export interface WorkerOptions {
  /** Jobs running at once, all kinds together. */
  concurrency: number;
  /** Jobs of one kind running at once, so a kind that hangs (a mail server that never answers) leaves slots to the others. */
  perKind: number;
  /** A run that takes longer is given up, and the job retried with back-off. */
  timeoutMs: number;
  /**
   * How long a claim holds unless renewed; the worker renews its claims every third of it while they run,
   * so the jobs of an instance that died are free for the others after at most this long.
   */
  leaseMs: number;
  /** Pause between looks at the table while nothing new can start. */
  pollMs: number;
  /**
   * True while the process is busy answering people (a registration rush): the worker then starts one job at a
   * time, so mail keeps flowing without taking CPU and the database writer from the rush, and fills every slot again
   * once the rush is over.
   */
  busy?: () => boolean;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { concurrency: 8, perKind: 4, timeoutMs: 120_000, leaseMs: 15_000, pollMs: 500 };

/** The worker's settings from the configuration: each kind may take half the slots. */
export function workerOptions(config: Pick<Config, 'jobTimeoutSeconds' | 'jobConcurrency'>): Partial<WorkerOptions> {
  return { timeoutMs: config.jobTimeoutSeconds * 1000, concurrency: config.jobConcurrency, perKind: Math.floor(config.jobConcurrency / 2) };
}

interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
  run_at: string;
}

/** Due: pending and its time has come, or claimed by a run whose lease lapsed (its instance died or stalled). */
const isDue = (now: string) => sql`((status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now}))`;

class JobTimeout extends Error {}

/**
 * Runs jobs from the table. Each claim is marked with the worker's id and the job's attempt number, which
 * together name one run: completion, failure and renewal only touch the row while that run still holds it.
 * On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several instances share the table; SQLite has one writer.
 */
export class JobWorker {
  readonly id = randomUUID();
  private readonly options: WorkerOptions;
  /** Jobs this worker runs now, by id. */
  private readonly running = new Map<number, { kind: string; controller: AbortController; settled: Promise<void> }>();
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: JobRegistry,
    private readonly log: FastifyBaseLogger,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...options };
  }

  /** Hands back what a dead process left running, makes sure the daily jobs are pending, and polls until stopped. */
  async start(): Promise<void> {
    const released = await releaseOrphanedJobs(this.db);
    if (released) this.log.warn({ count: released }, 'jobs left running by a process that stopped were handed back');
    await scheduleDailyJobs(this.db, this.registry).catch((error) => this.log.error({ err: error }, 'daily jobs could not be scheduled'));
    this.renewTimer = setInterval(() => void this.renewLeases(), this.options.leaseMs / 3);
    this.loop = this.poll();
  }

  /**
   * Stops claiming, waits up to `graceMs` for running jobs, then hands back the ones still running so
   * another instance (or the next start) runs them at once; their late results are not kept.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.running.values()].map((r) => r.settled)), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    for (const [id, run] of this.running) {
      run.controller.abort();
      await this.db
        .updateTable('jobs')
        .set({ status: 'pending', locked_by: null, locked_until: null, run_at: nowIso() })
        .where('id', '=', id)
        .where('locked_by', '=', this.id)
        .where('status', '=', 'running')
        .execute()
        .catch((error) => this.log.error({ err: error, job: id }, 'running job could not be handed back'));
    }
    clearInterval(this.renewTimer);
  }

  /** Claims up to `limit` due jobs of any kind and runs them one after another, in order; returns how many ran. */
  async runDueOnce(limit: number): Promise<number> {
    const jobs = await this.claim(limit);
    const renew = setInterval(() => void this.renewLeases(), this.options.leaseMs / 3);
    try {
      for (const job of jobs) await this.launch(job);
    } finally {
      clearInterval(renew);
    }
    return jobs.length;
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      let started = 0;
      try {
        started = await this.fill();
      } catch (error) {
        this.log.error({ err: error }, 'job worker could not claim jobs');
      }
      // Straight on while there is work to start; otherwise wait for a finished job or the next look.
      if (!started || this.running.size >= this.options.concurrency || this.options.busy?.()) await this.sleep(this.options.pollMs);
    }
  }

  /** Fills the free slots, each kind up to its share, the kind waiting longest first. */
  private async fill(): Promise<number> {
    const slots = this.options.busy?.() ? 1 : this.options.concurrency;
    if (this.running.size >= slots) return 0;
    const now = nowIso();
    const kinds = await sql<{ kind: string }>`select kind from jobs where ${isDue(now)} group by kind order by min(run_at)`.execute(this.db);
    let started = 0;
    for (const { kind } of kinds.rows) {
      if (this.stopped) break;
      const ofKind = [...this.running.values()].filter((r) => r.kind === kind).length;
      const room = Math.min(this.options.perKind - ofKind, slots - this.running.size);
      if (room <= 0) continue;
      for (const job of await this.claim(room, kind)) {
        void this.launch(job);
        started++;
      }
    }
    return started;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async claim(limit: number, kind?: string): Promise<ClaimedJob[]> {
    const now = nowIso();
    const leaseEnd = new Date(Date.now() + this.options.leaseMs).toISOString();
    const ofKind = kind === undefined ? sql`` : sql`and kind = ${kind}`;
    const lock = dialectOf(this.db) === 'postgres' ? sql`for update skip locked` : sql``;
    const { rows } = await sql<ClaimedJob>`
      update jobs set status = 'running', locked_by = ${this.id}, locked_until = ${leaseEnd}, attempts = attempts + 1
      where id in (select id from jobs where ${isDue(now)} ${ofKind} order by run_at, id limit ${limit} ${lock})
      returning id, kind, payload, attempts, run_at`.execute(this.db);
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) })).sort((a, b) => a.run_at.localeCompare(b.run_at) || a.id - b.id);
  }

  /** Extends the lease of every job this worker is running. */
  private async renewLeases(): Promise<void> {
    if (!this.running.size) return;
    await this.db
      .updateTable('jobs')
      .set({ locked_until: new Date(Date.now() + this.options.leaseMs).toISOString() })
      .where('locked_by', '=', this.id)
      .where('status', '=', 'running')
      .where('id', 'in', [...this.running.keys()])
      .execute()
      .catch((error) => this.log.error({ err: error }, 'job leases could not be renewed'));
  }

  private launch(job: ClaimedJob): Promise<void> {
    const controller = new AbortController();
    const settled = this.run(job, controller).finally(() => {
      this.running.delete(job.id);
      this.wake?.();
    });
    this.running.set(job.id, { kind: job.kind, controller, settled });
    return settled;
  }

  /** Conditions that hold only while this run still holds the job. */
  private heldBy<Q extends { where: (...args: any[]) => Q }>(query: Q, job: ClaimedJob): Q {
    return query.where('id', '=', job.id).where('status', '=', 'running').where('locked_by', '=', this.id).where('attempts', '=', job.attempts);
  }

  private async markDone(db: Kysely<Database>, job: ClaimedJob): Promise<boolean> {
    const result = await this.heldBy(db.updateTable('jobs').set({ status: 'done', finished_at: nowIso(), locked_by: null, locked_until: null }), job).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private async run(job: ClaimedJob, controller: AbortController): Promise<void> {
    const log = this.log;
    const context: JobContext = {
      jobId: job.id,
      db: this.db,
      log,
      signal: controller.signal,
      // Marked done first: on PostgreSQL that also locks the row, so nobody can take the job over until this commits.
      complete: (work) =>
        this.db.transaction().execute(async (trx) => {
          if (!(await this.markDone(trx, job))) throw new JobLost(`job ${job.id} (${job.kind}) is no longer held by this run`);
          return work(trx);
        }),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeLimit = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new JobTimeout(`gave up after ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
    });
    try {
      const handler = this.registry.get(job.kind);
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await Promise.race([handler(JSON.parse(job.payload), context), timeLimit]);
      await this.markDone(this.db, job); // nothing to do when the handler completed inside its own transaction
    } catch (error) {
      if (error instanceof JobLost) {
        log.warn({ job: job.id, kind: job.kind }, 'job run lost its claim; its result was not kept');
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      const failed = job.attempts >= MAX_ATTEMPTS;
      log.warn({ job: job.id, kind: job.kind, attempts: job.attempts, err: message }, error instanceof JobTimeout ? 'job timed out' : 'job failed');
      await this.heldBy(
        this.db.updateTable('jobs').set({
          status: failed ? 'failed' : 'pending',
          last_error: message.slice(0, 2000),
          locked_by: null,
          locked_until: null,
          run_at: new Date(Date.now() + retryDelayMs(job.attempts)).toISOString(),
          finished_at: failed ? nowIso() : null,
        }),
        job,
      )
        .execute()
        .catch((updateError) => log.error({ err: updateError, job: job.id }, 'failed job could not be rescheduled'));
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * On SQLite one process owns the database, so a job still marked running when the worker starts was left
 * by a process that died: it is handed back at once rather than when its lease lapses. On PostgreSQL other
 * instances may be running those jobs; a dead instance's claims lapse with their lease.
 */
async function releaseOrphanedJobs(db: Kysely<Database>): Promise<number> {
  if (dialectOf(db) !== 'sqlite') return 0;
  // A job that has taken the process down with it on every attempt is not tried again.
  const result = await sql`
    update jobs set status = case when attempts >= ${MAX_ATTEMPTS} then 'failed' else 'pending' end,
      last_error = coalesce(last_error, 'the process stopped while this job ran'), locked_by = null, locked_until = null
    where status = 'running'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Runs the jobs due now, up to `limit`, one after another; returns how many ran. Used by tests. */
export function runDueJobs(db: Kysely<Database>, registry: JobRegistry, log: FastifyBaseLogger, limit = 20, options: Partial<WorkerOptions> = {}): Promise<number> {
  return new JobWorker(db, registry, log, options).runDueOnce(limit);
}

/**
 * Says whether the process is busy answering people: over the last `windowMs` its event loop worked more than
 * `threshold` of the time *and* at least `requests` requests came in. Both, because the worker's own jobs also keep
 * the loop working, and a worker that stepped back from its own load would never catch up with its backlog.
 * Count each incoming request with `request()`; stop the gauge with `stop()`.
 */
export function requestLoadGauge(options: { threshold?: number; requests?: number; windowMs?: number } = {}): { request: () => void; busy: () => boolean; stop: () => void } {
  const { threshold = 0.8, requests = 25, windowMs = 250 } = options;
  let last = performance.eventLoopUtilization();
  let arrived = 0;
  let busy = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = performance.eventLoopUtilization(now, last).utilization > threshold && arrived >= requests;
    last = now;
    arrived = 0;
  }, windowMs);
  timer.unref();
  return {
    request: () => {
      arrived++;
    },
    busy: () => busy,
    stop: () => clearInterval(timer),
  };
}

/** Starts a worker that polls the jobs table; the returned function stops it (see `JobWorker.stop`). */
export function startWorker(db: Kysely<Database>, registry: JobRegistry, log: FastifyBaseLogger, options: Partial<WorkerOptions> = {}): () => Promise<void> {
  const worker = new JobWorker(db, registry, log, options);
  const started = worker.start().catch((error) => log.error({ err: error }, 'job worker could not start'));
  return async () => {
    await started;
    await worker.stop();
  };
}
