import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../../test/helpers/app.js';
import { seed } from '../../seed/index.js';
import { findProjectBySlug, updateProject } from '../directory/service.js';
import { type CordisDataset, emptyDataset, readCordis } from './cordis.js';
import {
  countKnownProjects,
  importCordis,
  knownProjectsOnTopic,
  listTopics,
  loadCordisProjects,
  mapData,
  projectsThatCouldJoin,
  recomputeSynergies,
  refreshProject,
  relatedProjects,
  synergyMatrix,
} from './service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The full shared subset, when this checkout sits beside it; the import tests use the fixture slice kept in the repository. */
const SHARED = path.resolve(here, '../../../../shared/data/cordis-he');
const DATA = path.resolve(here, '../../../test/fixtures/cordis-he');
const hasShared = fs.existsSync(path.join(SHARED, 'he_topics.csv'));
if (!hasShared) console.warn(`synergies: ${SHARED} not found; the full-file reading test is skipped (the import tests use test/fixtures)`);

/** Member grants plus the first few hundred projects that have deliverables or reports. */
function slice(full: CordisDataset, size: number): CordisDataset {
  const out = emptyDataset();
  const keep = ['101058124', '101091543', '101069644', '101069789', '101069890', '101069685', '101069865', '101091682'];
  for (const id of keep) if (full.projects.has(id)) out.projects.set(id, full.projects.get(id)!);
  for (const p of full.projects.values()) {
    if (out.projects.size >= size) break;
    if (p.deliverables.length || p.reports.length) out.projects.set(p.id, p);
  }
  return out;
}

let full: CordisDataset;

describe.runIf(hasShared)('the shipped CORDIS subset', () => {
  let shared: CordisDataset;
  beforeAll(async () => {
    shared = await readCordis(SHARED);
  }, 60_000);

  it('reads every file without an error', () => {
    expect(shared.projects.size).toBe(15341);
    expect(shared.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(shared.files.map((f) => f.kind).sort()).toEqual(['deliverables', 'euroSciVoc', 'legalBasis', 'reports', 'topics']);
    const relief = shared.projects.get('101069789')!;
    expect(relief.topics[0].code).toBe('HORIZON-CL5-2021-D2-01-01');
    expect(relief.sciVoc.length).toBeGreaterThan(0);
  });
});

describeEachDatabase('CORDIS import and synergies', (dialect) => {
  let t: TestDatabase;
  let part: CordisDataset;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await seed(t.handle.db);
    full ??= await readCordis(DATA);
    part = slice(full, 250);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('imports known projects idempotently', async () => {
    const db = t.handle.db;
    const first = await importCordis(db, part);
    expect(first).toMatchObject({ created: part.projects.size, updated: 0, failed: 0 });
    const deliverables = (await db.selectFrom('cordis_deliverables').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const second = await importCordis(db, part);
    expect(second).toMatchObject({ created: 0, updated: part.projects.size, failed: 0 });
    expect(await countKnownProjects(db)).toBe(part.projects.size);
    const again = (await db.selectFrom('cordis_deliverables').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(again)).toBe(Number(deliverables));
    const stored = await loadCordisProjects(db);
    const enicon = stored.get('101058124');
    expect(enicon?.topics[0]?.code).toBe(full.projects.get('101058124')!.topics[0].code);
    expect(enicon?.sciVoc).toEqual(full.projects.get('101058124')!.sciVoc);
  });

  it('never stores half a project: a failing one is reported and rolled back, the rest stored', async () => {
    const db = t.handle.db;
    const dataset = emptyDataset();
    const base = { acronym: 'GOOD', title: 'Good', objective: null, status: null, startDate: null, endDate: null, frameworkProgramme: null, fundingScheme: null, totalCost: null, ecMaxContribution: null, topics: [], legalBasis: [], sciVoc: [], reports: [] };
    dataset.projects.set('900000001', { ...base, id: '900000001', deliverables: [{ id: 'ok-1', title: 'Black mass leaching', type: '', description: '', url: null }] });
    dataset.projects.set('900000002', {
      ...base,
      id: '900000002',
      acronym: 'BROKEN',
      deliverables: [
        { id: 'ok-2', title: 'First deliverable', type: '', description: '', url: null },
        { id: 'bad-2', title: null as unknown as string, type: '', description: '', url: null },
      ],
    });
    const summary = await importCordis(db, dataset);
    expect(summary).toMatchObject({ created: 1, failed: 1 });
    expect(summary.issues[0].message).toContain('900000002');
    expect(await db.selectFrom('cordis_projects').select('id').where('id', '=', '900000002').executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('cordis_deliverables').select('id').where('project_id', '=', '900000002').execute()).toEqual([]);
    expect(await db.selectFrom('cordis_projects').select('id').where('id', '=', '900000001').executeTakeFirst()).toBeDefined();
  });

  it('relates members to members and known projects, and follows a member’s text change', async () => {
    const db = t.handle.db;
    const summary = await recomputeSynergies(db);
    expect(summary.documents).toBeGreaterThan(200);
    const enicon = (await findProjectBySlug(db, 'enicon'))!;
    const related = await relatedProjects(db, enicon.id, 10);
    expect(related.length).toBeGreaterThan(0);
    expect(related.some((r) => r.kind === 'known' && r.url.startsWith('https://cordis.europa.eu/project/id/'))).toBe(true);
    expect(related.every((r) => r.terms.length > 0)).toBe(true);
    expect(related.map((r) => r.key)).not.toContain(`c:${enicon.grantId}`);
    const matrix = await synergyMatrix(db);
    expect(matrix.members.length).toBeGreaterThanOrEqual(2);
    // each pair's cell leads with the topics fewest members share
    const cells = [...matrix.shared.values()].filter((list) => new Set(list.map((topic) => topic.projectIds.length)).size > 1);
    expect(cells.length).toBeGreaterThan(0);
    for (const list of cells) expect(list.map((topic) => topic.projectIds.length)).toEqual(list.map((topic) => topic.projectIds.length).sort((a, b) => a - b));
    const topics = await listTopics(db);
    const withKnown = topics.find((topic) => topic.knownIds.length > 0);
    expect(withKnown).toBeDefined();
    expect((await knownProjectsOnTopic(db, withKnown!)).length).toBe(withKnown!.knownIds.length);
    const join = await projectsThatCouldJoin(db, 5);
    expect(join.length).toBeGreaterThan(0);
    expect(join[0].relatedTo.length).toBeGreaterThan(0);

    const exceed = (await findProjectBySlug(db, 'exceed'))!;
    const before = (await relatedProjects(db, exceed.id, 5)).map((r) => r.key);
    await updateProject(db, exceed.id, { ...exceed, title: 'Cancer immunotherapy trial', grantId: null, descriptionMd: 'Colorectal cancer immunotherapy, checkpoint inhibitors and clinical trials in oncology.', tags: ['oncology'], metals: [], resources: [], technologies: [] });
    await refreshProject(db, exceed.id);
    const after = await relatedProjects(db, exceed.id, 5);
    expect(after.map((r) => r.key)).not.toEqual(before);
    expect(after.flatMap((r) => r.terms).join(' ')).toMatch(/cancer|oncology|clinical|immunotherapy|trial/);
  });

  it('gives the map its points with stages and countries', async () => {
    const data = await mapData(t.handle.db, {});
    expect(data.points.some((p) => p.organisation === 'KU Leuven' && p.country === 'BE')).toBe(true);
    const filtered = await mapData(t.handle.db, { country: 'FR' });
    expect(filtered.points.every((p) => p.country === 'FR')).toBe(true);
  });
});
