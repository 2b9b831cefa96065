#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { counted } from './lib/plural.js';
import { buildApp } from './app.js';
import { ConfigError, type Config, loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { backupTo } from './db/backup.js';
import { RestoreRefused, restoreFrom } from './db/restore.js';
import { migrateToLatest } from './db/migrate.js';
import { Contributions } from './lib/modules.js';
import { manifests } from './modules/index.js';
import { ensureSearchIndex, reindexAll } from './modules/search/reindex.js';
import { SEARCH_SOURCES } from './modules/search/service.js';
import { addUserCommand } from './modules/accounts/cli.js';
import { purgeExpired } from './modules/registration/service.js';
import { isSeeded, seed } from './seed/index.js';
import { seedLiveDemo } from './modules/live/demo.js';
import { REGISTRATION_DEMO_SLUG, seedRegistrationDemo } from './modules/registration/demo.js';
import { importCordisCommand, recomputeCommand, relatedCommand } from './modules/synergies/cli.js';
import { importWordpressCommand } from './modules/wordpress/cli.js';
import { pdfTextLimitsOf } from './modules/library/service.js';

/** What every module puts in the search index, for `seed`, `start` and `reindex`. */
const searchSources = new Contributions(manifests).of(SEARCH_SOURCES);

const USAGE = `Usage: cluster-hub <command> [options]

Commands:
  start            migrate, seed when the database is empty, build the search index if it is empty, then serve
  serve            serve the hub over HTTP (PORT, HOST)
  migrate          run pending database migrations
  seed [--force]   load the hub's content (refuses a non-empty database without --force)
  reindex          rebuild the search index from everything published
  users add --email ADDRESS --role admin|editor|member [--name NAME] [--project SLUG]
                   create an account and print a one-time sign-in link (BASE_URL)
  backup --out DIR copy the database (SQLite online backup or pg_dump) and every upload folder into
                   a new folder DIR/cluster-hub-<time>/ with a manifest of checksums
  restore --from DIR [--force]
                   restore a backup (DIR or the newest one inside it) into an empty DATA_DIR or
                   PostgreSQL database; --force replaces what is there (stop the hub first)
  live-demo        archive the 2023 annual meeting's live poll (synthetic answers matching its published summary)
  import-cordis PATH
                   import CORDIS open data (folder, zip, CSV or JSON) as known projects
  import-wordpress EXPORT.xml [--uploads DIR] [--dry-run] [--timezone ZONE]
                   move a WordPress site in: posts, pages, events, media, authors, and redirects from its old addresses
  related --corpus PATH --ids ID1,ID2 [--top K] [--json]
                   the K projects most related to each id in a CORDIS corpus (no database)
  synergies        recompute related projects and shared topics
  registration-purge  anonymise registrations whose retention period has run out
  registration-demo   add a demonstration event four weeks ahead with open registration, its places taken and a waiting list
  help             show this text

Configuration comes from environment variables; see README.md.`;

type Command = (config: Config, args: string[]) => Promise<number>;

function openFrom(config: Config) {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

async function migrate(config: Config): Promise<number> {
  const database = openFrom(config);
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}

async function seedCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { force: { type: 'boolean', default: false } } });
  const database = openFrom(config);
  try {
    await migrateToLatest(database.db);
    if ((await isSeeded(database.db)) && !values.force) {
      console.error('The database already holds content; pass --force to seed anyway.');
      return 1;
    }
    const counts = await seed(database.db, { log: (line) => console.log(line) });
    console.log(`Seeded: ${[counted(counts.projects, 'project'), counted(counts.events, 'event'), counted(counts.news, 'news post'), counted(counts.pages, 'static page')].join(', ')}`);
    console.log(`Search index: ${counted(await reindexAll(database.db, searchSources), 'entry', 'entries')}`);
    return 0;
  } finally {
    await database.close();
  }
}

async function liveDemo(config: Config): Promise<number> {
  const database = openFrom(config);
  try {
    await migrateToLatest(database.db);
    const id = await seedLiveDemo(database.db);
    console.log(id ? `Archived the 2023 interactive session as live session ${id}.` : 'Nothing to do: the 2023 annual meeting is missing or its session exists already.');
    return 0;
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<number> {
  const app = await buildApp(config);
  /**
   * Stops accepting connections (new requests on open ones get 503), finishes the requests in
   * flight, ends live streams with a retry hint (phones reconnect elsewhere), lets the worker finish
   * the jobs it runs, then closes the database. Past the deadline the process exits anyway: a job
   * still running keeps its lock until the lock expires and another worker takes it again.
   */
  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received: finishing requests, streams and jobs (at most ${config.shutdownTimeoutSeconds} s)`);
    setTimeout(() => {
      app.log.error(`still busy ${config.shutdownTimeoutSeconds} s after ${signal} (SHUTDOWN_TIMEOUT_SECONDS): exiting now`);
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  return new Promise<number>(() => {});
}

async function start(config: Config): Promise<number> {
  const database = openFrom(config);
  try {
    await migrateToLatest(database.db);
    if (!(await isSeeded(database.db))) {
      console.log('Empty database: loading the hub’s content.');
      await seed(database.db, { log: (line) => console.log(line) });
      console.log(`Search index: ${counted(await reindexAll(database.db, searchSources), 'entry', 'entries')}`);
    } else {
      const built = await ensureSearchIndex(database.db, searchSources);
      if (built) console.log(`Search index built: ${counted(built, 'entry', 'entries')}`);
    }
  } finally {
    await database.close();
  }
  return serve(config);
}

/** Runs a command against the migrated database, closing it afterwards. */
function withDatabase(run: (db: ReturnType<typeof openFrom>['db'], args: string[]) => Promise<number>): Command {
  return async (config, args) => {
    const database = openFrom(config);
    try {
      await migrateToLatest(database.db);
      return await run(database.db, args);
    } finally {
      await database.close();
    }
  };
}

async function backup(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) {
    console.error('Usage: cluster-hub backup --out DIR');
    return 1;
  }
  const database = openFrom(config);
  try {
    const { folder, manifest } = await backupTo(database, config, values.out, (line) => console.error(line));
    console.log(`Backup written: ${folder} (database and ${counted(manifest.files.length, 'file')})`);
    return 0;
  } finally {
    await database.close();
  }
}

async function restore(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, force: { type: 'boolean', default: false } } });
  if (!values.from) {
    console.error('Usage: cluster-hub restore --from DIR [--force]');
    return 1;
  }
  try {
    const { folder, manifest, movedAside } = await restoreFrom(config, { from: values.from, force: values.force, log: (line) => console.error(line) });
    console.log(`Restored ${folder}: the database and ${counted(manifest.files.length, 'file')}.`);
    if (movedAside) console.log(`What was there before is in ${movedAside}; delete it once the restore is checked.`);
    console.log('Start the hub with "cluster-hub start" (it applies migrations if the backup is older than this version).');
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    console.error(error.message);
    return 1;
  }
}

/** Every CLI command; modules add theirs here. */
const commands: Record<string, Command> = {
  start,
  serve,
  migrate,
  seed: seedCommand,
  reindex: withDatabase(async (db) => {
    console.log(`Search index rebuilt: ${counted(await reindexAll(db, searchSources), 'entry', 'entries')}`);
    return 0;
  }),
  users: (config, args) =>
    withDatabase(async (db) => {
      const { code, out } = await addUserCommand(db, config.baseUrl, args);
      (code === 0 ? console.log : console.error)(out);
      return code;
    })(config, args),
  'registration-purge': withDatabase(async (db) => {
    console.log(`Anonymised ${counted(await purgeExpired(db), 'registration')}.`);
    return 0;
  }),
  'registration-demo': withDatabase(async (db) => {
    const id = await seedRegistrationDemo(db);
    console.log(id ? `Added the demonstration event: /events/${REGISTRATION_DEMO_SLUG}` : `Nothing to do: /events/${REGISTRATION_DEMO_SLUG} exists already.`);
    return 0;
  }),
  backup,
  restore,
  'live-demo': liveDemo,
  'import-cordis': withDatabase(importCordisCommand),
  'import-wordpress': (config, args) => withDatabase((db) => importWordpressCommand(db, config.dataDir, args, pdfTextLimitsOf(config)))(config, args),
  related: (_config, args) => relatedCommand(args),
  synergies: withDatabase((db) => recomputeCommand(db)),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 1;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  return command(config, args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
