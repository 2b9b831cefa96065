import { type Kysely, sql } from 'kysely';
import { concurrentWriters, transactionWithRetry } from './dialect.js';

type Work<DB, T> = (trx: Kysely<DB>) => Promise<T>;

interface Item {
  work: Work<any, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Short write transactions that arrive together share one transaction and one commit. On SQLite, which has one writer
 * and pays most of a write's cost at commit, that is what makes a rush fast; on PostgreSQL it also stops every
 * registration from waiting for the one before it to commit, since they all update the same pool row.
 *
 * A batch first runs its works one after another in one transaction. Works rarely fail (a duplicate registration),
 * so when one does the batch is rolled back whole and run again with each work in its own savepoint, and only the
 * failing one is refused; the common case pays for no savepoints. Every caller is answered only after the shared
 * commit, so nothing is acknowledged that is not on disk, and order of arrival is kept.
 *
 * better-sqlite3 is synchronous, so a batch runs without giving the event loop a turn: nothing new can arrive while it
 * runs. A batch therefore starts on `setImmediate`, after the loop has read every request waiting on its sockets, and
 * the next one likewise; starting at once would commit each request alone.
 */
class GroupCommitter {
  private queue: Item[] = [];
  /** A batch is scheduled: later submissions join it. */
  private scheduled = false;
  /** Batches running now; at most `concurrentBatches`, later submissions wait in the queue. */
  private running = 0;
  private readonly concurrentBatches: number;

  constructor(private readonly db: Kysely<any>) {
    this.concurrentBatches = concurrentWriters(db);
  }

  submit<T>(work: Work<any, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrentBatches) return;
    this.scheduled = true;
    setImmediate(() => void this.runBatch());
  }

  private async runBatch(): Promise<void> {
    this.scheduled = false;
    this.running++;
    const batch = this.queue.splice(0, MAX_BATCH);
    try {
      const outcomes = (await this.runTogether(batch)) ?? (await this.runIsolated(batch));
      batch.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.running--;
      if (this.queue.length) this.schedule();
    }
  }

  /** Every work in one transaction; null when one failed and the batch must be run again, isolated. */
  private async runTogether(batch: Item[]): Promise<Outcome[] | null> {
    try {
      return await transactionWithRetry(this.db, async (trx) => {
        const outcomes: Outcome[] = [];
        for (const item of batch) outcomes.push({ ok: true, value: await item.work(trx) });
        return outcomes;
      });
    } catch (error) {
      if (batch.length === 1) return [{ ok: false, error }];
      return null;
    }
  }

  private runIsolated(batch: Item[]): Promise<Outcome[]> {
    return transactionWithRetry(this.db, async (trx) => {
      const outcomes: Outcome[] = [];
      for (const item of batch) {
        await sql`savepoint group_item`.execute(trx);
        try {
          const value = await item.work(trx);
          await sql`release savepoint group_item`.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sql`rollback to savepoint group_item`.execute(trx);
          await sql`release savepoint group_item`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }
}

const committers = new WeakMap<Kysely<any>, GroupCommitter>();

/**
 * Runs a short write transaction that may share its transaction and commit with others submitted at the same moment
 * (retried when PostgreSQL asks for it). `work` is atomic, may run more than once, and its promise settles only after
 * the commit. It must use only the `trx` it is given (on SQLite the shared transaction holds the one connection).
 */
export function groupTransaction<DB, T>(db: Kysely<DB>, work: Work<DB, T>): Promise<T> {
  if (db.isTransaction) return work(db);
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer.submit(work as Work<any, T>);
}
