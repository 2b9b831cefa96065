import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { ping } from './dialect.js';
import { migrations } from './migrations/index.js';

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Runs every pending migration; throws with the failing migration's name when one fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrations of this version the database has not run yet (all of them on a database never
 * migrated). Throws when the database cannot be reached.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  let done: Set<string>;
  try {
    done = new Set((await db.selectFrom('kysely_migration').select('name').execute()).map((row: { name: string }) => row.name));
  } catch (error) {
    // No migration table yet: nothing has run. Any other failure is the database being away.
    if (!(await ping(db))) throw error;
    done = new Set();
  }
  return Object.keys(migrations).filter((name) => !done.has(name));
}
