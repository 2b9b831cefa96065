import { type CreateTableBuilder, type Kysely, PostgresAdapter, type RawBuilder, sql, type SqlBool } from 'kysely';

/**
 * Every difference between SQLite and PostgreSQL lives here, so that services and
 * migrations stay dialect-free everywhere else.
 */
export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Adds an auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(table: CreateTableBuilder<T, any>, dialect: DialectName): CreateTableBuilder<T, any> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Case-insensitive LIKE: ILIKE on PostgreSQL, LIKE (already case-insensitive for ASCII) on SQLite. */
export function likeOperator(dialect: DialectName): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Current time as the ISO string every timestamp column holds. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Escapes %, _ and \ for a LIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`;
}

/** True when the database answers a trivial query. */
export async function ping(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** True when a write failed on a unique constraint (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** PostgreSQL serialization failures and deadlocks succeed when the transaction is simply run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY';
}

/**
 * Write transactions worth running at once: SQLite has one writer, so one (a second would only wait for the lock);
 * PostgreSQL runs several, each on its own connection of the pool, while the others wait for their round trips.
 */
export function concurrentWriters(db: Kysely<any>): number {
  return dialectOf(db) === 'postgres' ? 4 : 1;
}

/** Runs a transaction, again (a few times) when the engine asks for a retry. */
export async function transactionWithRetry<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/**
 * The WHERE of a back-office search box: any of the columns contains the text, ignoring case
 * (ILIKE on PostgreSQL, LIKE on SQLite), with LIKE wildcards in the text taken literally.
 * Columns are trusted names from the code ("table.column"), never user input.
 */
export function containsAny(db: Kysely<any>, columns: string[], text: string): RawBuilder<SqlBool> {
  const op = sql.raw(likeOperator(dialectOf(db)));
  const pattern = likePattern(text);
  const tests = columns.map((column) => sql`${sql.ref(column)} ${op} ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

/**
 * Runs `run` over consecutive slices of `items`, one statement each: SQLite limits the bound
 * parameters of a statement, so long IN lists and multi-row inserts are split.
 */
export async function inBatches<T>(items: T[], size: number, run: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}
