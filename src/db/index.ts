import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteDialectConfig, SqliteDriver } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.js';
import type { Database } from './types.js';

// PostgreSQL returns bigint (count(*), sums) as strings; every count we keep fits a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL pool, for LISTEN/NOTIFY and raw benchmarks; undefined on SQLite. */
  pool?: pg.Pool;
  /** The SQLite connection, for raw benchmarks; undefined on PostgreSQL. */
  sqlite?: Sqlite.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string;
  poolSize?: number;
}

/** The SQLite database's file name inside DATA_DIR. */
export const SQLITE_FILE = 'cluster-hub.sqlite';

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, which costs about as much as running a small one on
 * SQLite. The app issues a bounded set of distinct SQL texts, so prepared statements are kept
 * (least recently used dropped first). Safe because one connection runs one statement at a time.
 */
function withStatementCache(sqlite: Sqlite.Database): SqliteDatabase {
  const statements = new Map<string, Sqlite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver guards its one connection with a lock that wakes every waiter on each
 * release and lets a newcomer overtake them: with hundreds of requests waiting (a registration
 * rush), each release costs work for all of them and some wait for seconds. Here waiters are
 * served in arrival order and a release wakes only the next one.
 */
class FairSqliteDriver extends SqliteDriver {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    // The lock passes straight to the next waiter, so nobody can take it in between.
    if (next) next();
    else this.held = false;
  }
}

class FairSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.config);
  }
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded SQLite file in dataDir (WAL mode). */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A connection the server drops (restart, failover, pg_terminate_backend) must not end the process. The pool
    // listens only while a connection is idle; one checked out between two queries (in a transaction) would throw
    // an unhandled 'error'. So every connection listens: its holder's next query fails instead, and the pool
    // discards the broken connection when it comes back and opens a new one.
    pool.on('connect', (client) => client.on('error', (error) => console.error(`database: connection lost (${error.message})`)));
    pool.on('error', () => {}); // already reported by the connection's own listener
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pool, close: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, options.sqliteFile ?? SQLITE_FILE);
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Sorts for GROUP BY and DISTINCT (the impact report's counts of people) stay in memory, not in temporary files.
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new FairSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/** Runs `work` in a transaction, joining the caller's when `db` already is one (Kysely does not nest them). */
export function withTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
