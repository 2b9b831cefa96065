/** An event's programme: the tree of items with their people, read and replaced as one unit by the programme editor. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/types.js';
import type { ProgrammeItemsTable } from './tables.js';
import { ensurePerson, findPeopleOnProgramme, type PersonOnProgramme, setPersonAffiliation } from '../directory/service.js';

export interface ProgrammePerson {
  personId: number;
  name: string;
  honorific: string | null;
  jobTitle: string | null;
  affiliation: string | null;
  role: string;
  representing: string | null;
}

export interface ProgrammeItem {
  id: number;
  parentId: number | null;
  position: number;
  kind: string;
  title: string;
  description: string;
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  people: ProgrammePerson[];
  children: ProgrammeItem[];
}

/** An event's items and who is on each, without the people's details, which change on their own (directory). */
interface ProgrammeSkeleton {
  items: Selectable<ProgrammeItemsTable>[];
  links: { item_id: number; person_id: number; role: string; representing: string | null }[];
}

async function loadSkeleton(db: Kysely<Database>, eventId: number): Promise<ProgrammeSkeleton> {
  const items = await db.selectFrom('programme_items').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  if (!items.length) return { items, links: [] };
  const links = await db
    .selectFrom('programme_people')
    .select(['item_id', 'person_id', 'role', 'position', 'representing'])
    .where('item_id', 'in', items.map((i) => i.id))
    .orderBy('position')
    .execute();
  return { items, links };
}

/** The programme as a tree: top-level items in order, each with its children and people. */
export async function getProgramme(db: Kysely<Database>, eventId: number): Promise<ProgrammeItem[]> {
  const skeleton = await loadSkeleton(db, eventId);
  return assemble(skeleton, await peopleOf(db, skeleton));
}

const SKELETONS_PER_DATABASE = 500;

interface KeptProgramme {
  version: number | null;
  skeleton: ProgrammeSkeleton;
  /** The tree last built from the skeleton, and the people it was built with. */
  people?: Map<number, PersonOnProgramme>;
  tree?: ProgrammeItem[];
}

const kept = new WeakMap<Kysely<Database>, Map<number, KeptProgramme>>();

const samePerson = (a: PersonOnProgramme | undefined, b: PersonOnProgramme | undefined) =>
  a === b || (!!a && !!b && a.name === b.name && a.honorific === b.honorific && a.jobTitle === b.jobTitle && a.affiliation === b.affiliation);

/**
 * The programme as `getProgramme` reads it, for the public event page: the items and their links are kept per event
 * while `version` (`programmeVersion`, read with the event) is unchanged, and the people's details are read afresh
 * each time. While those match the last ones too, the very same tree is returned (callers must not change it), so
 * that what is drawn from it can be kept by it (`programmeSectionHtml`).
 */
export async function getProgrammeOfVersion(db: Kysely<Database>, eventId: number, version: number | null): Promise<ProgrammeItem[]> {
  let byEvent = kept.get(db);
  if (!byEvent) kept.set(db, (byEvent = new Map()));
  let entry = byEvent.get(eventId);
  if (entry?.version !== version) {
    entry = { version, skeleton: await loadSkeleton(db, eventId) };
    if (byEvent.size >= SKELETONS_PER_DATABASE) byEvent.delete(byEvent.keys().next().value as number);
  }
  byEvent.delete(eventId);
  byEvent.set(eventId, entry);
  const people = await peopleOf(db, entry.skeleton);
  const previous = entry.people;
  if (!entry.tree || !previous || previous.size !== people.size || [...people].some(([id, person]) => !samePerson(person, previous.get(id)))) {
    entry.tree = assemble(entry.skeleton, people);
    entry.people = people;
  }
  return entry.tree;
}

async function peopleOf(db: Kysely<Database>, { links }: ProgrammeSkeleton): Promise<Map<number, PersonOnProgramme>> {
  if (!links.length) return new Map();
  return new Map((await findPeopleOnProgramme(db, [...new Set(links.map((l) => l.person_id))])).map((p) => [p.id, p]));
}

function assemble({ items, links }: ProgrammeSkeleton, people: Map<number, PersonOnProgramme>): ProgrammeItem[] {
  const byId = new Map<number, ProgrammeItem>();
  for (const item of items) {
    byId.set(item.id, {
      id: item.id,
      parentId: item.parent_id,
      position: item.position,
      kind: item.kind,
      title: item.title,
      description: item.description,
      startsAt: item.starts_at,
      endsAt: item.ends_at,
      location: item.location,
      people: [],
      children: [],
    });
  }
  for (const link of links) {
    const person = people.get(link.person_id);
    if (!person) continue;
    byId.get(link.item_id)?.people.push({
      personId: person.id,
      name: person.name,
      honorific: person.honorific,
      jobTitle: person.jobTitle,
      affiliation: person.affiliation,
      role: link.role,
      representing: link.representing,
    });
  }
  const roots: ProgrammeItem[] = [];
  for (const item of byId.values()) {
    const parent = item.parentId ? byId.get(item.parentId) : undefined;
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  return roots;
}

export interface ProgrammePersonInput {
  name: string;
  role: string;
  honorific?: string;
  jobTitle?: string;
  affiliation?: string;
  representing?: string;
}

export interface ProgrammeItemInput {
  kind: string;
  title: string;
  description?: string;
  startsAt?: string | null;
  endsAt?: string | null;
  location?: string | null;
  people?: ProgrammePersonInput[];
  children?: ProgrammeItemInput[];
}

/** Replaces the whole programme of an event (the programme editor saves it as one unit). */
export async function saveProgramme(db: Kysely<Database>, eventId: number, programme: ProgrammeItemInput[]): Promise<void> {
  await db.deleteFrom('programme_items').where('event_id', '=', eventId).execute();
  const insertItems = async (items: ProgrammeItemInput[], parentId: number | null) => {
    for (const [position, item] of items.entries()) {
      const { id } = await db
        .insertInto('programme_items')
        .values({
          event_id: eventId,
          parent_id: parentId,
          position,
          kind: item.kind,
          title: item.title,
          description: item.description ?? '',
          starts_at: item.startsAt ? new Date(item.startsAt).toISOString() : null,
          ends_at: item.endsAt ? new Date(item.endsAt).toISOString() : null,
          location: item.location ?? null,
          project_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [personPosition, person] of (item.people ?? []).entries()) {
        const personId = await ensurePerson(db, {
          name: person.name,
          honorific: person.honorific,
          jobTitle: person.jobTitle,
          affiliation: person.affiliation,
        });
        // The programme editor is where affiliations are corrected: keep the person's current one.
        if (person.affiliation) await setPersonAffiliation(db, personId, person.affiliation);
        await db
          .insertInto('programme_people')
          .values({ item_id: id, person_id: personId, role: person.role, position: personPosition, representing: person.representing ?? null })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      if (item.children?.length) await insertItems(item.children, id);
    }
  };
  await insertItems(programme, null);
}

/** Every item of a programme tree, in programme order. */
export function flattenProgramme(items: ProgrammeItem[]): ProgrammeItem[] {
  return items.flatMap((item) => [item, ...flattenProgramme(item.children)]);
}

/** One programme slot with its event, e.g. to attach a presentation to it. */
export async function findProgrammeItem(db: Kysely<Database>, id: number): Promise<{ id: number; eventId: number; title: string } | null> {
  const row = await db.selectFrom('programme_items').select(['id', 'event_id', 'title']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, eventId: row.event_id, title: row.title } : null;
}
