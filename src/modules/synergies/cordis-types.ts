/** The shapes of a CORDIS download as the hub reads it: projects with their topics, legal basis, euroSciVoc labels,
 * deliverables and reports, organisations, and what went wrong reading them. */

export interface CordisTopic {
  code: string;
  title: string;
}
export interface CordisLegalBasis {
  code: string;
  title: string;
  uniqueProgrammePart: boolean;
}
export interface CordisSciVoc {
  code: string;
  path: string;
  title: string;
}
export interface CordisDeliverable {
  id: string;
  title: string;
  type: string;
  description: string;
  url: string | null;
}
export interface CordisReport {
  id: string;
  title: string;
}
export interface CordisProject {
  id: string;
  acronym: string | null;
  title: string | null;
  objective: string | null;
  status: string | null;
  startDate: string | null;
  endDate: string | null;
  frameworkProgramme: string | null;
  fundingScheme: string | null;
  totalCost: number | null;
  ecMaxContribution: number | null;
  topics: CordisTopic[];
  legalBasis: CordisLegalBasis[];
  sciVoc: CordisSciVoc[];
  deliverables: CordisDeliverable[];
  reports: CordisReport[];
}
export interface CordisOrganisation {
  projectId: string;
  organisationId: string;
  name: string;
  shortName: string | null;
  activityType: string | null;
  role: string | null;
  sme: boolean | null;
  city: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  url: string | null;
  ecContribution: number | null;
}
export interface ImportIssue {
  file: string;
  /** 1-based line in a CSV file, record number in a JSON file, 0 for the whole file. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}
export interface FileSummary {
  file: string;
  kind: FileKind | 'unused';
  rows: number;
  skipped: number;
}
export interface CordisDataset {
  projects: Map<string, CordisProject>;
  organisations: CordisOrganisation[];
  issues: ImportIssue[];
  files: FileSummary[];
}
export interface ReadProgress {
  file: string;
  bytes: number;
  totalBytes: number;
  rows: number;
}
export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
}

export type FileKind = 'project' | 'organization' | 'topics' | 'legalBasis' | 'euroSciVoc' | 'deliverables' | 'reports';

/** One CSV row or JSON record, keyed by lower-cased column name. */
export type Row = Record<string, string>;
