import type { Kysely } from 'kysely';
import { counted } from '../lib/plural.js';
import type { Database } from '../db/types.js';
import { addPartner, countProjects, createProject, ensureOrganisation, findProjectBySlug } from '../modules/directory/service.js';
import { createEvent, findEventBySlug } from '../modules/events/service.js';
import { createNews, newsSlugTaken } from '../modules/news/service.js';
import { createPage, pagePathTaken } from '../modules/pages/service.js';
import { addReportingPeriod, listReportingPeriods } from '../modules/report/service.js';
import { seedDemonstrators } from '../modules/passports/demonstrators.js';
import { withTransaction } from '../db/index.js';
import { about, events, news, organisations, projects, reportingPeriod } from './content.js';

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

/**
 * Loads the hub's own content: member projects with partners, other named organisations, events with
 * programmes, news, the about page. Items whose slug (or address) already exists are left as they are, so
 * seeding again only adds what is missing; everything happens in one transaction, so a failure leaves
 * nothing half-written.
 */
export function seed(database: Kysely<Database>, options: { log?: (line: string) => void } = {}): Promise<Record<string, number>> {
  return withTransaction(database, (db) => seedInto(db, options.log ?? (() => {})));
}

async function seedInto(db: Kysely<Database>, log: (line: string) => void): Promise<Record<string, number>> {
  const added = { projects: 0, events: 0, news: 0, pages: 0 };
  for (const project of projects) {
    if (project.project.slug && (await findProjectBySlug(db, project.project.slug))) continue;
    added.projects++;
    const id = await createProject(db, project.project);
    for (const partner of project.partners ?? []) {
      await addPartner(db, id, await ensureOrganisation(db, partner.organisation), partner.role);
    }
  }
  for (const organisation of organisations) await ensureOrganisation(db, organisation);
  log(`  ${counted(added.projects, 'project')}`);
  for (const event of events) {
    if (event.event.slug && (await findEventBySlug(db, event.event.slug, { includeDrafts: true }))) continue;
    added.events++;
    const parentEventId = event.parentSlug ? ((await findEventBySlug(db, event.parentSlug, { includeDrafts: true }))?.id ?? null) : null;
    await createEvent(db, { ...event.event, parentEventId, projectIds: await projectIds(db, event.projects) });
  }
  log(`  ${counted(added.events, 'event')}`);
  for (const post of news) {
    if (post.post.slug && (await newsSlugTaken(db, post.post.slug))) continue;
    added.news++;
    const [projectId] = await projectIds(db, post.project ? [post.project] : []);
    const eventId = post.eventSlug ? ((await findEventBySlug(db, post.eventSlug))?.id ?? null) : null;
    await createNews(db, { ...post.post, projectId: projectId ?? null, eventId });
  }
  log(`  ${counted(added.news, 'news post')}`);
  // The about text is a static page, so that admins can edit it at /admin/pages; it is served at /about.
  if (!(await pagePathTaken(db, 'about'))) {
    added.pages++;
    await createPage(db, { title: about.title, slug: 'about', bodyMd: about.bodyMd, status: 'published' });
  }
  log(`  ${counted(added.pages, 'static page')}`);
  // The hub's own events and news lie in this period, so the impact report has figures on a fresh hub.
  if (!(await listReportingPeriods(db)).some((p) => p.name === reportingPeriod.name)) {
    await addReportingPeriod(db, reportingPeriod);
    log(`  the reporting period "${reportingPeriod.name}"`);
  }
  const passports = await seedDemonstrators(db);
  log(`  ${counted(passports, 'demonstrator battery passport')}`);
  return { ...added, passports };
}
