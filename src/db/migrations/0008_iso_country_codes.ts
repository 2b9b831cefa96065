import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Organisations, events and coordinators entered with the EU's codes for Greece and the United Kingdom (EL, UK) are stored
  // with their ISO codes, as everything written from now on is, so the map and its filters count them as one country.
  for (const [from, to] of [
    ['EL', 'GR'],
    ['UK', 'GB'],
  ]) {
    await db.updateTable('organisations').set({ country: to }).where('country', '=', from).execute();
    await db.updateTable('events').set({ country: to }).where('country', '=', from).execute();
    await db.updateTable('projects').set({ coordinator_country: to }).where('coordinator_country', '=', from).execute();
  }
}
