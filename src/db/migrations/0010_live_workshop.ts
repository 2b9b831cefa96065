import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // JSON object of type-specific settings: 100 points' budget, the 2×2 grid's scale names.
  await db.schema
    .alterTable('live_questions')
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('live_questions').dropColumn('settings').execute();
}
