import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // presenter: everyone answers the question on screen; audience: a questionnaire each person fills at their own pace.
  await db.schema
    .alterTable('live_sessions')
    .addColumn('pace', 'text', (c) => c.notNull().defaultTo('presenter'))
    .execute();
  // A session's questions kept apart from any event, to start the next event's session from.
  await withId(db.schema.createTable('live_templates'), dialectOf(db))
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON array of questions as the question form describes them (no answers, no ids).
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_templates').execute();
  await db.schema.alterTable('live_sessions').dropColumn('pace').execute();
}
