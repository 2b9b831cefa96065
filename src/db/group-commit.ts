import { type Kysely, sql } from 'kysely';
import { dialectOf, transactionWithRetry } from './dialect.js';

type Work<DB, T> = (trx: Kysely<DB>) => Promise<T>;

interface Item {
  work: Work<any, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;

/**
 * SQLite has one writer and pays most of a write transaction's cost at commit. Small write
 * transactions that arrive together therefore share one commit: each runs inside its own
 * savepoint (so one failing leaves the others intact) and every caller is answered only after
 * the shared commit, so nothing is acknowledged that is not on disk. Order of arrival is kept.
 *
 * better-sqlite3 is synchronous, so a batch runs without giving the event loop a turn: nothing
 * new can arrive while it runs. A batch therefore starts on `setImmediate`, after the loop has
 * read every request waiting on its sockets, and the next one likewise; starting at once would
 * commit each request alone.
 */
class GroupCommitter {
  private queue: Item[] = [];
  /** A batch is scheduled or running; later submissions join the queue it drains next. */
  private scheduled = false;

  constructor(private readonly db: Kysely<any>) {}

  submit<T>(work: Work<any, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.runBatch());
  }

  private async runBatch(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
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
      });
      batch.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.scheduled = false;
      if (this.queue.length) this.schedule();
    }
  }
}

const committers = new WeakMap<Kysely<any>, GroupCommitter>();

/**
 * Runs a short write transaction. On PostgreSQL it is an ordinary transaction (retried on
 * serialization failures); on SQLite it may share its commit with others running at the same
 * moment. Either way `work` is atomic and the promise settles only after the commit. `work`
 * must use only the `trx` it is given (the shared transaction holds SQLite's one connection).
 */
export function groupTransaction<DB, T>(db: Kysely<DB>, work: Work<DB, T>): Promise<T> {
  if (db.isTransaction) return work(db);
  if (dialectOf(db) === 'postgres') return transactionWithRetry(db, work);
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer.submit(work as Work<any, T>);
}
