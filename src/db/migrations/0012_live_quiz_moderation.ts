import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // When a question last opened: a quiz's timer and its speed points count from here.
  await db.schema.alterTable('live_questions').addColumn('opened_at', 'text').execute();
  // Optional name on the quiz leaderboard; participants stay otherwise anonymous.
  await db.schema.alterTable('live_participants').addColumn('nickname', 'text').execute();
  // A moderator hides a word cloud or open-text entry: it leaves every screen, the archive and the counts.
  await db.schema
    .alterTable('live_answers')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Words an admin blocks in word clouds and open text, for the whole hub (stored folded, see normaliseWord).
  await db.schema
    .createTable('live_blocked_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_blocked_words').execute();
  await db.schema.alterTable('live_answers').dropColumn('hidden').execute();
  await db.schema.alterTable('live_participants').dropColumn('nickname').execute();
  await db.schema.alterTable('live_questions').dropColumn('opened_at').execute();
}
