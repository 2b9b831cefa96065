import type { Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  const d = dialectOf(db);

  await withId(db.schema.createTable('live_sessions'), d)
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('programme_item_id', 'integer', (c) => c.references('programme_items.id').onDelete('set null'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    // draft | live | closed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('current_question_id', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('live_sessions_event').on('live_sessions').column('event_id').execute();

  await withId(db.schema.createTable('live_questions'), d)
    .addColumn('session_id', 'integer', (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // choice | ranking | scales | wordcloud | text | qa
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    // JSON array of strings: choice options, ranking items or scale statements
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('multi', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uncertain_label', 'text')
    .addColumn('scale_max', 'integer', (c) => c.notNull().defaultTo(5))
    // draft | open | closed
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('results_visible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_change', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_questions_session').on('live_questions').columns(['session_id', 'position']).execute();

  await withId(db.schema.createTable('live_participants'), d)
    .addColumn('session_id', 'integer', (c) => c.notNull().references('live_sessions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_participants_session').on('live_participants').column('session_id').execute();

  await withId(db.schema.createTable('live_answers'), d)
    .addColumn('question_id', 'integer', (c) => c.notNull().references('live_questions.id').onDelete('cascade'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('live_participants.id').onDelete('cascade'))
    // JSON; its shape depends on the question type (see modules/live/aggregate.ts)
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One answer per participant per question, whatever the app does.
    .addUniqueConstraint('live_answers_one_per_participant', ['question_id', 'participant_id'])
    .execute();

  await withId(db.schema.createTable('live_qa_entries'), d)
    .addColumn('question_id', 'integer', (c) => c.notNull().references('live_questions.id').onDelete('cascade'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('live_participants.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    // pending | approved | answered | hidden
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_qa_entries_question').on('live_qa_entries').column('question_id').execute();

  await db.schema
    .createTable('live_qa_votes')
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('live_qa_entries.id').onDelete('cascade'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('live_participants.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('live_qa_votes_pk', ['entry_id', 'participant_id'])
    .execute();
}
