import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { addPartner, countProjects, createProject, ensureOrganisation, findProjectBySlug } from '../modules/directory/service.js';
import { createEvent, findEventBySlug } from '../modules/events/service.js';
import { createNews } from '../modules/news/service.js';
import { events, news, organisations, projects } from './content.js';

/** True once the hub's content (or anyone's) is in the database. */
export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  return (await countProjects(db)) > 0;
}

async function projectIds(db: Kysely<Database>, slugs: string[] = []): Promise<number[]> {
  const ids: number[] = [];
  for (const slug of slugs) {
    const project = await findProjectBySlug(db, slug);
    if (!project) throw new Error(`seed refers to unknown project "${slug}"`);
    ids.push(project.id);
  }
  return ids;
}

/** Loads the hub's own content: member projects with partners, other named organisations, events with programmes, news. */
export async function seed(db: Kysely<Database>, options: { log?: (line: string) => void } = {}): Promise<Record<string, number>> {
  const log = options.log ?? (() => {});
  for (const project of projects) {
    const id = await createProject(db, project.project);
    for (const partner of project.partners ?? []) {
      await addPartner(db, id, await ensureOrganisation(db, partner.organisation), partner.role);
    }
  }
  for (const organisation of organisations) await ensureOrganisation(db, organisation);
  log(`  ${projects.length} projects`);
  for (const event of events) {
    const parentEventId = event.parentSlug ? ((await findEventBySlug(db, event.parentSlug, { includeDrafts: true }))?.id ?? null) : null;
    await createEvent(db, { ...event.event, parentEventId, projectIds: await projectIds(db, event.projects) });
  }
  log(`  ${events.length} events`);
  for (const post of news) {
    const [projectId] = await projectIds(db, post.project ? [post.project] : []);
    const eventId = post.eventSlug ? ((await findEventBySlug(db, post.eventSlug))?.id ?? null) : null;
    await createNews(db, { ...post.post, projectId: projectId ?? null, eventId });
  }
  log(`  ${news.length} news posts`);
  return { projects: projects.length, events: events.length, news: news.length };
}
