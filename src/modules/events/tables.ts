import type { Generated } from 'kysely';

export interface EventsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  short_title: string | null;
  type: string;
  format: string;
  summary: string;
  description_md: string;
  /** UTC ISO-8601 instants; `timezone` says how to show them. */
  starts_at: string;
  ends_at: string;
  all_day: number;
  timezone: string;
  venue_name: string | null;
  venue_address: string | null;
  city: string | null;
  country: string | null;
  directions: string | null;
  online_platform: string | null;
  /** Private: sent to registered online participants only, never rendered on public pages. */
  meeting_url: string | null;
  organisers: string;
  is_hub_event: number;
  parent_event_id: number | null;
  external_url: string | null;
  registration_url: string | null;
  registration_note: string | null;
  /** JSON arrays of strings. */
  topics: string;
  tags: string;
  attendance_note: string | null;
  /** draft | published */
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventProjectsTable {
  event_id: number;
  project_id: number;
  role: string;
}

export interface ProgrammeItemsTable {
  id: Generated<number>;
  event_id: number;
  parent_id: number | null;
  position: number;
  /** session | talk | keynote | panel | round_table | interactive | break | networking */
  kind: string;
  title: string;
  description: string;
  starts_at: string | null;
  ends_at: string | null;
  location: string | null;
  project_id: number | null;
}

export interface ProgrammePeopleTable {
  item_id: number;
  person_id: number;
  /** moderator | speaker | lecturer | panellist | chair */
  role: string;
  position: number;
  representing: string | null;
}

export interface EventsTables {
  events: EventsTable;
  event_projects: EventProjectsTable;
  programme_items: ProgrammeItemsTable;
  programme_people: ProgrammePeopleTable;
}
