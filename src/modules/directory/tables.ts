import type { Generated } from 'kysely';

export interface ProjectsTable {
  id: Generated<number>;
  slug: string;
  acronym: string;
  title: string;
  programme: string;
  funding_scheme: string | null;
  grant_id: string | null;
  call_topic: string | null;
  start_date: string | null;
  end_date: string | null;
  coordinator_name: string | null;
  coordinator_country: string | null;
  summary: string;
  description_md: string;
  website: string | null;
  logo_path: string | null;
  /** JSON arrays of strings. */
  metals: string;
  resources: string;
  technologies: string;
  tags: string;
  is_member: number;
  joined_year: number | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  short_name: string | null;
  country: string | null;
  city: string | null;
  /** CORDIS activity type: HES, REC, PRC, PUB, OTH. */
  activity_type: string | null;
  value_chain_stage: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
  created_at: string;
}

export interface ProjectPartnersTable {
  project_id: number;
  organisation_id: number;
  role: string;
}

export interface PeopleTable {
  id: Generated<number>;
  slug: string;
  name: string;
  honorific: string | null;
  job_title: string | null;
  affiliation: string | null;
  organisation_id: number | null;
  project_id: number | null;
  created_at: string;
}

export interface DirectoryTables {
  projects: ProjectsTable;
  organisations: OrganisationsTable;
  project_partners: ProjectPartnersTable;
  people: PeopleTable;
}
