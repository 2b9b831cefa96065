/**
 * CORDIS "known projects" in the database: the import of a download and the read-back the engine works on.
 */
import type { Kysely, Transaction } from 'kysely';
import { inBatches, nowIso } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { parseJsonOr } from '../../lib/json.js';
import type { CordisDataset, CordisProject, ImportIssue } from './cordis.js';

type Db = Kysely<Database>;

export interface ImportSummary {
  created: number;
  updated: number;
  failed: number;
  organisations: number;
  issues: ImportIssue[];
}

/**
 * Upserts every project of a parsed CORDIS download, one transaction per project (its deliverables, reports and
 * organisations are replaced with the file's): running it twice changes nothing, and a failing project is reported
 * and left as it was while the rest goes on.
 */
export async function importCordis(
  db: Db,
  dataset: CordisDataset,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, failed: 0, organisations: 0, issues: [] };
  const existing = new Set((await db.selectFrom('cordis_projects').select('id').execute()).map((r) => r.id));
  const organisationsByProject = new Map<string, CordisDataset['organisations']>();
  for (const o of dataset.organisations) {
    const list = organisationsByProject.get(o.projectId) ?? [];
    list.push(o);
    organisationsByProject.set(o.projectId, list);
  }
  const now = nowIso();
  const total = dataset.projects.size;
  let done = 0;
  const all = [...dataset.projects.values()];
  const orgsOf = (id: string) => organisationsByProject.get(id) ?? [];
  const count = (project: CordisProject) => {
    if (existing.has(project.id)) summary.updated++;
    else summary.created++;
    summary.organisations += orgsOf(project.id).length;
  };
  for (let start = 0; start < all.length; start += BATCH) {
    const batch = all.slice(start, start + BATCH);
    try {
      // fast path: the whole batch in one transaction with multi-row statements
      await db.transaction().execute((trx) => upsertBatch(trx, batch, orgsOf, now, existing));
      batch.forEach(count);
    } catch {
      // a row in the batch failed and nothing of it was written: store its projects one transaction each,
      // so the failing project is reported and the others land
      for (const project of batch) {
        try {
          await db.transaction().execute((trx) => upsertBatch(trx, [project], orgsOf, now, existing));
          count(project);
        } catch (error) {
          summary.failed++;
          summary.issues.push({ file: 'database', line: 0, severity: 'error', message: `project ${project.id} not stored: ${(error as Error).message}` });
        }
      }
    }
    done += batch.length;
    if (options.onProgress) options.onProgress(done, total);
  }
  await db
    .insertInto('synergy_state')
    .values({ key: 'stale', value: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: now }))
    .execute();
  return summary;
}

/** Rows per insert statement (compute.ts writes its results the same way). */
export const CHUNK = 100;
const BATCH = 200;

const PROJECT_COLUMNS = [
  'acronym', 'title', 'objective', 'status', 'start_date', 'end_date', 'framework_programme', 'funding_scheme', 'total_cost',
  'ec_max_contribution', 'call_topic', 'call_topic_title', 'legal_basis', 'scivoc', 'imported_at',
] as const;

function projectRow(p: CordisProject, now: string) {
  const topic = p.topics[0];
  return {
    id: p.id,
    acronym: p.acronym,
    title: p.title,
    objective: p.objective,
    status: p.status,
    start_date: p.startDate,
    end_date: p.endDate,
    framework_programme: p.frameworkProgramme,
    funding_scheme: p.fundingScheme,
    total_cost: p.totalCost,
    ec_max_contribution: p.ecMaxContribution,
    call_topic: topic?.code ?? null,
    call_topic_title: topic?.title || null,
    legal_basis: JSON.stringify(p.legalBasis.map((l) => ({ code: l.code, title: l.title }))),
    scivoc: JSON.stringify(p.sciVoc),
    imported_at: now,
  };
}

/** Upserts projects with their deliverables, reports and organisations (replaced by the file's) inside `trx`. */
async function upsertBatch(
  trx: Transaction<Database>,
  projects: CordisProject[],
  organisationsOf: (id: string) => CordisDataset['organisations'],
  now: string,
  existing: Set<string>,
): Promise<void> {
  await inBatches(projects.map((p) => projectRow(p, now)), CHUNK, (rows) =>
    trx
      .insertInto('cordis_projects')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(PROJECT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute(),
  );
  const old = projects.filter((p) => existing.has(p.id)).map((p) => p.id);
  if (old.length) {
    await trx.deleteFrom('cordis_deliverables').where('project_id', 'in', old).execute();
    await trx.deleteFrom('cordis_reports').where('project_id', 'in', old).execute();
    await trx.deleteFrom('cordis_organisations').where('project_id', 'in', old).execute();
  }
  const deliverables = projects.flatMap((p) => p.deliverables.map((d) => ({ id: d.id, project_id: p.id, title: d.title, type: d.type, description: d.description, url: d.url })));
  await inBatches(deliverables, CHUNK, (rows) =>
    trx
      .insertInto('cordis_deliverables')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ project_id: eb.ref('excluded.project_id'), title: eb.ref('excluded.title'), description: eb.ref('excluded.description') })))
      .execute(),
  );
  const reports = projects.flatMap((p) => p.reports.map((r) => ({ id: r.id, project_id: p.id, title: r.title })));
  await inBatches(reports, CHUNK, (rows) =>
    trx
      .insertInto('cordis_reports')
      .values(rows)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ project_id: eb.ref('excluded.project_id'), title: eb.ref('excluded.title') })))
      .execute(),
  );
  const organisations = projects.flatMap((p) =>
    organisationsOf(p.id).map((o) => ({
      project_id: p.id,
      organisation_id: o.organisationId,
      role: o.role ?? 'participant',
      name: o.name,
      short_name: o.shortName,
      activity_type: o.activityType,
      sme: o.sme === null ? null : o.sme ? 1 : 0,
      city: o.city,
      country: o.country,
      lat: o.lat,
      lon: o.lon,
      url: o.url,
      ec_contribution: o.ecContribution,
    })),
  );
  await inBatches(organisations, CHUNK, (rows) => trx.insertInto('cordis_organisations').values(rows).execute());
}

/** Reads the stored known projects back into the parser's shape (for the engine). */
export async function loadCordisProjects(db: Db): Promise<Map<string, CordisProject>> {
  const projects = new Map<string, CordisProject>();
  for (const r of await db.selectFrom('cordis_projects').selectAll().execute()) {
    projects.set(r.id, {
      id: r.id,
      acronym: r.acronym,
      title: r.title,
      objective: r.objective,
      status: r.status,
      startDate: r.start_date,
      endDate: r.end_date,
      frameworkProgramme: r.framework_programme,
      fundingScheme: r.funding_scheme,
      totalCost: r.total_cost,
      ecMaxContribution: r.ec_max_contribution,
      topics: r.call_topic ? [{ code: r.call_topic, title: r.call_topic_title ?? '' }] : [],
      legalBasis: parseJsonOr<{ code: string; title: string }[]>(r.legal_basis, []).map((l) => ({ ...l, uniqueProgrammePart: true })),
      sciVoc: parseJsonOr(r.scivoc, []),
      deliverables: [],
      reports: [],
    });
  }
  for (const d of await db.selectFrom('cordis_deliverables').selectAll().execute()) {
    projects.get(d.project_id)?.deliverables.push({ id: d.id, title: d.title, type: d.type, description: d.description, url: d.url });
  }
  for (const r of await db.selectFrom('cordis_reports').selectAll().execute()) {
    projects.get(r.project_id)?.reports.push({ id: r.id, title: r.title });
  }
  return projects;
}

export async function countKnownProjects(db: Db): Promise<number> {
  const row = await db.selectFrom('cordis_projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
