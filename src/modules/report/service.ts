/** The impact report: its figures (figures.ts), kept briefly per period, and the reporting periods admins define. */
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { buildReport, type Report } from './figures.js';
import type { Period } from './period.js';

export { type Report, type ReportSection, type ReportTable } from './figures.js';

type Db = Kysely<Database>;

export interface ReportingPeriod {
  id: number;
  name: string;
  from: string;
  to: string;
}

export async function listReportingPeriods(db: Db): Promise<ReportingPeriod[]> {
  const rows = await db.selectFrom('report_periods').selectAll().orderBy('starts_on', 'desc').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, from: r.starts_on, to: r.ends_on }));
}

export async function addReportingPeriod(db: Db, input: Omit<ReportingPeriod, 'id'>): Promise<number> {
  const row = await db
    .insertInto('report_periods')
    .values({ name: input.name, starts_on: input.from, ends_on: input.to, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteReportingPeriod(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('report_periods').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * A report is read section by section (the page, then each CSV) within a minute or so; its figures are kept that
 * long per period and scope, so the CSVs match the page and a reload costs nothing.
 */
const KEEP_MS = 60_000;
const caches = new WeakMap<Db, Map<string, { at: number; report: Promise<Report> }>>();

export function reportFor(db: Db, period: Period, scope: number[] | undefined): Promise<Report> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${period.from}|${period.to}|${scope ? [...scope].sort((a, b) => a - b).join(',') : 'hub'}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.report;
  if (cache.size >= 100) cache.delete(cache.keys().next().value as string);
  const report = buildReport(db, period, scope);
  cache.set(key, { at: Date.now(), report });
  report.catch(() => cache.delete(key));
  return report;
}

/** Forgets every kept report (tests and benchmarks that change the data under the same period). */
export function forgetReports(db: Db): void {
  caches.delete(db);
}
