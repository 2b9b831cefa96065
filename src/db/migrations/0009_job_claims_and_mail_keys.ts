import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Which worker instance holds a running job: with the attempt number it names one run, so a run that lost
  // its claim (time limit, lapsed lease) cannot mark the job done or keep what it produced.
  await db.schema.alterTable('jobs').addColumn('locked_by', 'text').execute();
  // A message queued by a job carries that job's key, so a job that runs twice cannot queue it twice.
  await db.schema.alterTable('mail_messages').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('mail_messages_dedupe_key').on('mail_messages').column('dedupe_key').unique().execute();
}
