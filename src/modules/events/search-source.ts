import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { findPersonById, findProjectById, listPeople, listProjects } from '../directory/service.js';
import { indexDocument, removeDocument, type SearchDocumentInput, type SearchSource } from '../search/service.js';
import { type Appearance, eventDocument, personDocument, programmeItemDocument } from './search.js';
import { eventIdsNaming, eventProjectIds, flattenProgramme, getProgramme, listEvents } from './service.js';

const ALL = 1_000_000;

/** Where each person speaks or moderates, over every published programme, or only those naming `personIds`. */
async function appearancesByPerson(db: Kysely<Database>, personIds?: number[]): Promise<Map<number, Appearance[]>> {
  const appearances = new Map<number, Appearance[]>();
  const naming = personIds && new Set(await eventIdsNaming(db, personIds));
  for (const event of (await listEvents(db, { when: 'all', page: 1 }, ALL)).events) {
    if (naming && !naming.has(event.id)) continue;
    for (const item of flattenProgramme(await getProgramme(db, event.id))) {
      for (const person of item.people) {
        const list = appearances.get(person.personId) ?? [];
        list.push({ event, item, role: person.role });
        appearances.set(person.personId, list);
      }
    }
  }
  return appearances;
}

/** Published events, their programme slots, and people; a person's entry goes stale when they or a programme naming them change. */
export const eventsSearchSource: SearchSource = {
  async entries(db) {
    const entries: SearchDocumentInput[] = [];
    for (const event of (await listEvents(db, { when: 'all', page: 1 }, ALL)).events) {
      // The first organising project, as saving an event indexes it: the project filter must not depend on which ran last.
      entries.push(eventDocument(event, (await eventProjectIds(db, event.id))[0] ?? null));
      for (const item of flattenProgramme(await getProgramme(db, event.id))) entries.push(programmeItemDocument(event, item));
    }
    const projectById = new Map((await listProjects(db)).map((p) => [p.id, p]));
    const appearances = await appearancesByPerson(db);
    for (const person of await listPeople(db)) {
      entries.push(personDocument(person, appearances.get(person.id) ?? [], person.projectId ? projectById.get(person.projectId) : undefined));
    }
    return entries;
  },
  refresh: {
    // Changed details or programme appearances, or deleted; with `programmeItems`, also the entries of the sessions
    // and talks they appear in, which carry their names and affiliations.
    async people(db, personIds, options) {
      const appearances = await appearancesByPerson(db, personIds);
      for (const id of new Set(personIds)) {
        const person = await findPersonById(db, id);
        if (!person) {
          await removeDocument(db, 'person', id);
          continue;
        }
        const project = person.projectId ? await findProjectById(db, person.projectId) : null;
        await indexDocument(db, personDocument(person, appearances.get(id) ?? [], project ?? undefined));
        if (options.programmeItems) for (const { event, item } of appearances.get(id) ?? []) await indexDocument(db, programmeItemDocument(event, item));
      }
    },
  },
};
