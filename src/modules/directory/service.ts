import type { Kysely, Selectable } from 'kysely';
import { containsAny, nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { normaliseCountry } from '../../lib/countries.js';
import { parseList } from '../../lib/json.js';
import { extensionPoint, type PagePart } from '../../lib/modules.js';
import { toSlug } from '../../lib/slug.js';
import { indexDocument, queueOrganisationsReindex, queuePeopleReindex } from '../search/service.js';
import { projectDocument } from './search.js';
import type { OrganisationsTable, PeopleTable, ProjectsTable } from './tables.js';
import { emptyPage, fetchPage } from '../../db/paging.js';

export interface Project {
  id: number;
  slug: string;
  acronym: string;
  title: string;
  programme: string;
  fundingScheme: string | null;
  grantId: string | null;
  callTopic: string | null;
  startDate: string | null;
  endDate: string | null;
  coordinatorName: string | null;
  coordinatorCountry: string | null;
  summary: string;
  descriptionMd: string;
  website: string | null;
  logoPath: string | null;
  metals: string[];
  resources: string[];
  technologies: string[];
  tags: string[];
  isMember: boolean;
  joinedYear: number | null;
  url: string;
}

function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    slug: row.slug,
    acronym: row.acronym,
    title: row.title,
    programme: row.programme,
    fundingScheme: row.funding_scheme,
    grantId: row.grant_id,
    callTopic: row.call_topic,
    startDate: row.start_date,
    endDate: row.end_date,
    coordinatorName: row.coordinator_name,
    coordinatorCountry: row.coordinator_country,
    summary: row.summary,
    descriptionMd: row.description_md,
    website: row.website,
    logoPath: row.logo_path,
    metals: parseList(row.metals),
    resources: parseList(row.resources),
    technologies: parseList(row.technologies),
    tags: parseList(row.tags),
    isMember: row.is_member === 1,
    joinedYear: row.joined_year,
    url: `/projects/${row.slug}`,
  };
}

export interface ProjectInput {
  acronym: string;
  title: string;
  slug?: string;
  programme?: string;
  fundingScheme?: string | null;
  grantId?: string | null;
  callTopic?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  coordinatorName?: string | null;
  coordinatorCountry?: string | null;
  summary?: string;
  descriptionMd?: string;
  website?: string | null;
  metals?: string[];
  resources?: string[];
  technologies?: string[];
  tags?: string[];
  isMember?: boolean;
  joinedYear?: number | null;
}

function projectColumns(input: ProjectInput) {
  return {
    acronym: input.acronym,
    title: input.title,
    programme: input.programme ?? 'HORIZON',
    funding_scheme: input.fundingScheme ?? null,
    grant_id: input.grantId ?? null,
    call_topic: input.callTopic ?? null,
    start_date: input.startDate ?? null,
    end_date: input.endDate ?? null,
    coordinator_name: input.coordinatorName ?? null,
    coordinator_country: normaliseCountry(input.coordinatorCountry),
    summary: input.summary ?? '',
    description_md: input.descriptionMd ?? '',
    website: input.website ?? null,
    metals: JSON.stringify(input.metals ?? []),
    resources: JSON.stringify(input.resources ?? []),
    technologies: JSON.stringify(input.technologies ?? []),
    tags: JSON.stringify(input.tags ?? []),
    is_member: input.isMember === false ? 0 : 1,
    joined_year: input.joinedYear ?? null,
  };
}

export async function createProject(db: Kysely<Database>, input: ProjectInput): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('projects')
    .values({ ...projectColumns(input), slug: input.slug ?? toSlug(input.acronym), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await reindexProject(db, id);
  return id;
}

export async function updateProject(db: Kysely<Database>, id: number, input: ProjectInput): Promise<void> {
  await db.updateTable('projects').set({ ...projectColumns(input), updated_at: nowIso() }).where('id', '=', id).execute();
  await reindexProject(db, id);
}

async function reindexProject(db: Kysely<Database>, id: number): Promise<void> {
  const project = await findProjectById(db, id);
  if (project) await indexDocument(db, projectDocument(project));
}

/** Member projects (the hub's own) by acronym; pass `members: false` for known (imported) projects. */
export async function listProjects(db: Kysely<Database>, options: { members?: boolean } = {}): Promise<Project[]> {
  let query = db.selectFrom('projects').selectAll().orderBy('acronym');
  if (options.members !== undefined) query = query.where('is_member', '=', options.members ? 1 : 0);
  return (await query.execute()).map(toProject);
}

export async function findProjectBySlug(db: Kysely<Database>, slug: string): Promise<Project | null> {
  const row = await db.selectFrom('projects').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toProject(row) : null;
}

export async function findProjectById(db: Kysely<Database>, id: number): Promise<Project | null> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProject(row) : null;
}

export async function findProjectsByIds(db: Kysely<Database>, ids: number[]): Promise<Project[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('projects').selectAll().where('id', 'in', ids).orderBy('acronym').execute()).map(toProject);
}

export async function countProjects(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Organisation {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  country: string | null;
  city: string | null;
  activityType: string | null;
  valueChainStage: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
}

function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    shortName: row.short_name,
    country: row.country,
    city: row.city,
    activityType: row.activity_type,
    valueChainStage: row.value_chain_stage,
    lat: row.lat,
    lon: row.lon,
    website: row.website,
  };
}

export interface OrganisationInput {
  name: string;
  shortName?: string | null;
  country?: string | null;
  city?: string | null;
  activityType?: string | null;
  valueChainStage?: string | null;
  lat?: number | null;
  lon?: number | null;
  website?: string | null;
}

/** Finds an organisation by its slug (derived from short name or name) or creates it. */
export async function ensureOrganisation(db: Kysely<Database>, input: OrganisationInput): Promise<number> {
  const slug = toSlug(input.shortName || input.name);
  const existing = await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await db
    .insertInto('organisations')
    .values({
      slug,
      name: input.name,
      short_name: input.shortName ?? null,
      country: normaliseCountry(input.country),
      city: input.city ?? null,
      activity_type: input.activityType ?? null,
      value_chain_stage: input.valueChainStage ?? null,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      website: input.website ?? null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function addPartner(db: Kysely<Database>, projectId: number, organisationId: number, role = 'participant'): Promise<void> {
  await db
    .insertInto('project_partners')
    .values({ project_id: projectId, organisation_id: organisationId, role })
    .onConflict((oc) => oc.columns(['project_id', 'organisation_id']).doUpdateSet({ role }))
    .execute();
  await queueOrganisationsReindex(db, [organisationId]);
}

export interface Partner extends Organisation {
  role: string;
  projectId: number;
}

/** Partners of the given projects (all member projects when no ids are given). */
export async function listPartners(db: Kysely<Database>, projectIds?: number[]): Promise<Partner[]> {
  let query = db
    .selectFrom('project_partners')
    .innerJoin('organisations', 'organisations.id', 'project_partners.organisation_id')
    .selectAll('organisations')
    .select(['project_partners.role', 'project_partners.project_id']);
  if (projectIds) {
    if (!projectIds.length) return [];
    query = query.where('project_partners.project_id', 'in', projectIds);
  }
  const rows = await query.orderBy('organisations.name').execute();
  return rows.map((row) => ({ ...toOrganisation(row), role: row.role, projectId: row.project_id }));
}

export interface Person {
  id: number;
  slug: string;
  name: string;
  honorific: string | null;
  jobTitle: string | null;
  affiliation: string | null;
  projectId: number | null;
}

export function toPerson(row: Selectable<PeopleTable>): Person {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    honorific: row.honorific,
    jobTitle: row.job_title,
    affiliation: row.affiliation,
    projectId: row.project_id,
  };
}

/** What a programme shows of a person. */
export type PersonOnProgramme = Pick<Person, 'id' | 'name' | 'honorific' | 'jobTitle' | 'affiliation'>;

/**
 * The people with these ids as a programme shows them, in no particular order; missing ids are left out. Read on every
 * view of an event page, so only the columns it needs.
 */
export async function findPeopleOnProgramme(db: Kysely<Database>, ids: number[]): Promise<PersonOnProgramme[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('people').select(['id', 'name', 'honorific', 'job_title', 'affiliation']).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, honorific: r.honorific, jobTitle: r.job_title, affiliation: r.affiliation }));
}

export interface PersonInput {
  name: string;
  honorific?: string | null;
  jobTitle?: string | null;
  affiliation?: string | null;
  projectId?: number | null;
}

/** Finds a person by name-derived slug or creates them. */
export async function ensurePerson(db: Kysely<Database>, input: PersonInput): Promise<number> {
  const slug = toSlug(input.name);
  const existing = await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await db
    .insertInto('people')
    .values({
      slug,
      name: input.name,
      honorific: input.honorific ?? null,
      job_title: input.jobTitle ?? null,
      affiliation: input.affiliation ?? null,
      organisation_id: null,
      project_id: input.projectId ?? null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listPeople(db: Kysely<Database>): Promise<Person[]> {
  return (await db.selectFrom('people').selectAll().orderBy('name').execute()).map(toPerson);
}

/**
 * What other modules add to a project's page, below its description: related projects (synergies, 10), its events
 * (20), its news (30), its documents (library, 40).
 */
export const PROJECT_PAGE_MAIN = extensionPoint<PagePart<Project>>('directory.project.main');

/** Runs after a member project's profile is saved in the back office (synergies recompute its related projects). */
export const PROJECT_SAVED = extensionPoint<(db: Kysely<Database>, projectId: number) => Promise<void>>('directory.project.saved');

/**
 * Runs in the transaction that deletes a person: called while they are still there, it returns what to do once they
 * are gone (events re-index the programmes that named them).
 */
export const PERSON_REMOVAL = extensionPoint<(db: Kysely<Database>, personId: number) => Promise<(db: Kysely<Database>) => Promise<void>>>('directory.person.removal');

export const ADMIN_PAGE_SIZE = 25;

interface AdminListQuery {
  q?: string;
  page: number;
}

/** Projects for the back office; `ids` limits an editor to their own. */
export async function listProjectsForAdmin(db: Kysely<Database>, query: AdminListQuery & { ids?: number[] }) {
  let base = db.selectFrom('projects');
  if (query.ids) {
    if (!query.ids.length) return { items: [] as Project[], ...emptyPage(query.page) };
    base = base.where('id', 'in', query.ids);
  }
  if (query.q) base = base.where(containsAny(db, ['acronym', 'title'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_PAGE_SIZE, (q) => q.selectAll().orderBy('acronym'));
  return { items: rows.map(toProject), ...pager };
}

/** Slug for a new row that no other row of the table uses yet. */
async function freeSlug(db: Kysely<Database>, table: 'projects' | 'people' | 'organisations', text: string): Promise<string> {
  const base = toSlug(text);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst())) return slug;
  }
}

/** Creates a project from the back office with an address that does not collide. */
export async function createProjectFromEditor(db: Kysely<Database>, input: ProjectInput): Promise<number> {
  return createProject(db, { ...input, slug: await freeSlug(db, 'projects', input.acronym) });
}

export async function setProjectLogo(db: Kysely<Database>, id: number, logoPath: string | null): Promise<void> {
  await db.updateTable('projects').set({ logo_path: logoPath, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function removePartner(db: Kysely<Database>, projectId: number, organisationId: number): Promise<void> {
  await db.deleteFrom('project_partners').where('project_id', '=', projectId).where('organisation_id', '=', organisationId).execute();
  await queueOrganisationsReindex(db, [organisationId]);
}

export async function listOrganisationsForAdmin(db: Kysely<Database>, query: AdminListQuery) {
  let base = db.selectFrom('organisations');
  if (query.q) base = base.where(containsAny(db, ['name', 'short_name', 'country'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_PAGE_SIZE, (q) => q.selectAll().orderBy('name'));
  return { items: rows.map(toOrganisation), ...pager };
}

export async function findOrganisationById(db: Kysely<Database>, id: number): Promise<Organisation | null> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

function organisationColumns(input: OrganisationInput) {
  return {
    name: input.name,
    short_name: input.shortName ?? null,
    country: normaliseCountry(input.country),
    city: input.city ?? null,
    activity_type: input.activityType ?? null,
    value_chain_stage: input.valueChainStage ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    website: input.website ?? null,
  };
}

/** Creates an organisation even when one with a similar name exists (the back office decides). */
export async function createOrganisation(db: Kysely<Database>, input: OrganisationInput): Promise<number> {
  const slug = await freeSlug(db, 'organisations', input.shortName || input.name);
  const { id } = await db
    .insertInto('organisations')
    .values({ ...organisationColumns(input), slug, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Not findable yet: organisations are listed in search as partners (see addPartner).
  return id;
}

export async function updateOrganisation(db: Kysely<Database>, id: number, input: OrganisationInput): Promise<void> {
  await db.updateTable('organisations').set(organisationColumns(input)).where('id', '=', id).execute();
  await queueOrganisationsReindex(db, [id]);
}

/** Deletes an organisation; partnerships go with it and people keep their affiliation text. */
export async function deleteOrganisation(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('organisations').where('id', '=', id).execute();
  await queueOrganisationsReindex(db, [id]);
}

export async function listPeopleForAdmin(db: Kysely<Database>, query: AdminListQuery) {
  let base = db.selectFrom('people');
  if (query.q) base = base.where(containsAny(db, ['name', 'affiliation'], query.q));
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_PAGE_SIZE, (q) => q.selectAll().orderBy('name'));
  return { items: rows.map(toPerson), ...pager };
}

export async function findPersonById(db: Kysely<Database>, id: number): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : null;
}

function personColumns(input: PersonInput) {
  return {
    name: input.name,
    honorific: input.honorific ?? null,
    job_title: input.jobTitle ?? null,
    affiliation: input.affiliation ?? null,
    project_id: input.projectId ?? null,
  };
}

export async function createPerson(db: Kysely<Database>, input: PersonInput): Promise<number> {
  const slug = await freeSlug(db, 'people', input.name);
  const { id } = await db
    .insertInto('people')
    .values({ ...personColumns(input), slug, organisation_id: null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await queuePeopleReindex(db, [id]);
  return id;
}

/** Corrects a person's details; every programme they appear in shows the change. */
export async function updatePerson(db: Kysely<Database>, id: number, input: PersonInput): Promise<void> {
  await db.updateTable('people').set(personColumns(input)).where('id', '=', id).execute();
  await queuePeopleReindex(db, [id], { programmeItems: true });
}

/** Deletes a person and their places in programmes. */
export async function deletePerson(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('people').where('id', '=', id).execute();
  await queuePeopleReindex(db, [id]);
}

/** Updates a person's affiliation (from the programme editor), leaving the rest as it is. */
export async function setPersonAffiliation(db: Kysely<Database>, id: number, affiliation: string): Promise<void> {
  await db.updateTable('people').set({ affiliation }).where('id', '=', id).execute();
}

/** Every public project page and when it last changed, for /sitemap.xml. */
export async function sitemapEntries(db: Kysely<Database>): Promise<{ path: string; lastmod: string }[]> {
  const rows = await db.selectFrom('projects').select(['slug', 'updated_at']).orderBy('slug').execute();
  return rows.map((r) => ({ path: `/projects/${r.slug}`, lastmod: r.updated_at }));
}
