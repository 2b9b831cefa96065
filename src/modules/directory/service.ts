import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseList } from '../../lib/json.js';
import { toSlug } from '../../lib/slug.js';
import { indexDocument } from '../search/service.js';
import { projectDocument } from '../search/sources.js';
import type { OrganisationsTable, PeopleTable, ProjectsTable } from './tables.js';

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
    coordinator_country: input.coordinatorCountry ?? null,
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
      country: input.country ?? null,
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
