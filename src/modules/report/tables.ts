import type { Generated } from 'kysely';

export interface ReportPeriodsTable {
  id: Generated<number>;
  name: string;
  /** YYYY-MM-DD, both ends included. */
  starts_on: string;
  ends_on: string;
  created_at: string;
}

export interface ReportTables {
  report_periods: ReportPeriodsTable;
}
