import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // An event page lists its sessions and satellite events: without this, every view read every published event.
  await db.schema.createIndex('events_parent').on('events').columns(['parent_event_id', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_parent').execute();
}
