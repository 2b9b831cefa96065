import type { Generated } from 'kysely';

export interface CordisProjectsTable {
  id: string;
  acronym: string | null;
  title: string | null;
  objective: string | null;
  status: string | null;
  start_date: string | null;
  end_date: string | null;
  framework_programme: string | null;
  funding_scheme: string | null;
  total_cost: number | null;
  ec_max_contribution: number | null;
  call_topic: string | null;
  call_topic_title: string | null;
  /** JSON [{code,title}]. */
  legal_basis: string;
  /** JSON [{code,path,title}]. */
  scivoc: string;
  imported_at: string;
}

export interface CordisDeliverablesTable {
  id: string;
  project_id: string;
  title: string;
  type: string;
  description: string;
  url: string | null;
}

export interface CordisReportsTable {
  id: string;
  project_id: string;
  title: string;
}

export interface CordisOrganisationsTable {
  project_id: string;
  organisation_id: string;
  role: string;
  name: string;
  short_name: string | null;
  activity_type: string | null;
  sme: number | null;
  city: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  url: string | null;
  ec_contribution: number | null;
}

export interface SynergyRelatedTable {
  project_id: number;
  /** "p:<projects.id>" for a hub project, "c:<CORDIS id>" for a known project. */
  target: string;
  rank: number;
  score: number;
  /** JSON array of the shared terms. */
  terms: string;
}

export interface SynergyTopicsTable {
  slug: string;
  label: string;
  term_key: string;
  score: number;
  /** JSON array of member project ids. */
  project_ids: string;
  /** JSON array of CORDIS ids of known projects that carry the term, strongest first. */
  known_ids: string;
  rank: number;
}

export interface SynergyStateTable {
  key: string;
  value: string;
}

export interface TopicPostsTable {
  id: Generated<number>;
  topic_slug: string;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  body: string;
  created_at: string;
}

export interface SynergiesTables {
  cordis_projects: CordisProjectsTable;
  cordis_deliverables: CordisDeliverablesTable;
  cordis_reports: CordisReportsTable;
  cordis_organisations: CordisOrganisationsTable;
  synergy_related: SynergyRelatedTable;
  synergy_topics: SynergyTopicsTable;
  synergy_state: SynergyStateTable;
  topic_posts: TopicPostsTable;
}
