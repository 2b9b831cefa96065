import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation, nowIso } from '../../db/dialect.js';
import { withTransaction } from '../../db/index.js';
import { preparedQuery } from '../../db/prepared.js';
import type { Database } from '../../db/types.js';
import { BadRequest, Conflict } from '../../lib/errors.js';
import { parseJsonOr } from '../../lib/json.js';
import { findUserById } from '../accounts/service.js';
import { findProjectsByIds, listProjects } from '../directory/service.js';
import { type Flat, type PassportDocument, toFlat } from './document.js';
import { type Access, type Category, FIELD_BY_KEY, MATERIALS, type Material } from './fields.js';
import { type Change, undo, undoOf } from './history.js';
import { isOpen } from './policy.js';
import type { PassportsTable } from './tables.js';

export type Status = 'active' | 'repurposed' | 'recycled';
export type VersionKind = 'create' | 'edit' | 'reading' | 'second-life' | 'repurposed' | 'recycled';

export interface Passport {
  id: number;
  identifier: string;
  projectId: number;
  model: string;
  category: Category;
  status: Status;
  originId: number | null;
  sourceId: number | null;
  demonstrator: boolean;
  data: Flat;
  access: Record<string, Access>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const passportPath = (identifier: string) => `/passports/${identifier}`;
export const adminPassportPath = (identifier: string) => `/admin/passports/${identifier}`;

function toPassport(row: Selectable<PassportsTable>): Passport {
  return {
    id: row.id,
    identifier: row.identifier,
    projectId: row.project_id,
    model: row.model,
    category: row.category as Category,
    status: row.status as Status,
    originId: row.origin_id,
    sourceId: row.source_id,
    demonstrator: row.demonstrator === 1,
    data: parseJsonOr<Flat>(row.data, {}),
    access: parseJsonOr<Record<string, Access>>(row.access, {}),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every public page and API read starts here, so the query is built once (`preparedQuery`). */
const passportByIdentifier = preparedQuery((db, identifier: string) => db.selectFrom('passports').selectAll().where('identifier', '=', identifier));

export async function findPassport(db: Kysely<Database>, identifier: string): Promise<Passport | null> {
  const [row] = await passportByIdentifier(db, identifier);
  return row ? toPassport(row) : null;
}

async function findPassportById(db: Kysely<Database>, id: number): Promise<Passport | null> {
  const row = await db.selectFrom('passports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPassport(row) : null;
}

export interface PassportSummary {
  identifier: string;
  model: string;
  category: Category;
  status: Status;
  demonstrator: boolean;
  projectId: number;
  projectAcronym: string;
  updatedAt: string;
}

export const PAGE_SIZE = 25;

/** A page of passports, newest first; only those of `projectIds` when given (an editor's back office). */
export async function listPassports(db: Kysely<Database>, query: { page: number; projectIds?: number[] }): Promise<{ items: PassportSummary[]; total: number; pageCount: number }> {
  let base = db.selectFrom('passports');
  if (query.projectIds) base = query.projectIds.length ? base.where('project_id', 'in', query.projectIds) : base.where('id', '=', -1);
  const [rows, count] = await Promise.all([
    base
      .select(['identifier', 'model', 'category', 'status', 'demonstrator', 'project_id', 'updated_at'])
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const projects = new Map((await findProjectsByIds(db, [...new Set(rows.map((r) => r.project_id))])).map((p) => [p.id, p.acronym]));
  const total = Number(count.n);
  return {
    items: rows.map((r) => ({
      identifier: r.identifier,
      model: r.model,
      category: r.category as Category,
      status: r.status as Status,
      demonstrator: r.demonstrator === 1,
      projectId: r.project_id,
      projectAcronym: projects.get(r.project_id) ?? '',
      updatedAt: r.updated_at,
    })),
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

const toSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

async function addVersion(db: Kysely<Database>, passportId: number, version: number, kind: VersionKind, userId: number | null, change: Change, at: string): Promise<void> {
  await db.insertInto('passport_versions').values({ passport_id: passportId, version, kind, user_id: userId, at: toSeconds(at), change: JSON.stringify(change) }).execute();
}

/** The recycled passport a recycled-content citation names; a 400 naming the field when it is not one. */
async function resolveSource(db: Kysely<Database>, data: Flat): Promise<number | null> {
  const cited = data['circularity.recycledSource'];
  if (cited === undefined) return null;
  const source = await findPassport(db, String(cited));
  if (!source) throw new BadRequest('The recycled content cites a passport that does not exist.', { 'circularity.recycledSource': 'There is no passport with this identifier.' });
  if (source.status !== 'recycled') {
    throw new BadRequest('The recycled content cites a passport whose battery was not recycled.', { 'circularity.recycledSource': 'This passport was not recycled: only a recycled battery’s recovered materials can be cited.' });
  }
  return source.id;
}

const identifierTaken = () => new Conflict('That identifier is taken: every passport needs its own.', { identifier: 'Another passport already has this identifier.' });

export interface NewPassport {
  doc: PassportDocument;
  projectId: number;
  userId: number | null;
  originId?: number | null;
  kind?: VersionKind;
  /** Data points already in stored form (a second life's carried-over data) instead of the document's. */
  data?: Flat;
}

/** Stores a checked document as a new passport with its first version; nothing is stored when a rule refuses it. */
export async function createPassport(db: Kysely<Database>, input: NewPassport): Promise<Passport> {
  const data = input.data ?? toFlat(input.doc);
  const now = nowIso();
  try {
    return await withTransaction(db, async (trx) => {
      const sourceId = await resolveSource(trx, data);
      const { id } = await trx
        .insertInto('passports')
        .values({
          identifier: input.doc.identifier,
          project_id: input.projectId,
          model: input.doc.model,
          category: input.doc.category,
          status: 'active',
          origin_id: input.originId ?? null,
          source_id: sourceId,
          demonstrator: input.doc.demonstrator ? 1 : 0,
          data: JSON.stringify(data),
          access: JSON.stringify(input.doc.access ?? {}),
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The first version undoes to nothing: it needs no copy of the data (history.ts).
      await addVersion(trx, id, 1, input.kind ?? 'create', input.userId, {}, now);
      return (await findPassportById(trx, id))!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw identifierTaken();
    throw error;
  }
}

function closedError(passport: Passport): Conflict {
  return new Conflict(
    passport.status === 'recycled'
      ? 'This passport is closed: its battery was recycled, so its data no longer changes.'
      : 'This passport was handed over to a second life: the new passport carries the battery’s data from here on.',
  );
}

/**
 * Replaces the data points (and tightened access levels) with `next`, keeping the change as a new version. A change
 * made on an older version than the stored one is refused, so two editors cannot overwrite each other unseen.
 */
export async function updatePassport(
  db: Kysely<Database>,
  passport: Passport,
  next: { data: Flat; access?: Record<string, Access>; model?: string; category?: Category },
  userId: number | null,
  kind: VersionKind = 'edit',
): Promise<Passport> {
  if (!isOpen(passport)) throw closedError(passport);
  return withTransaction(db, async (trx) => {
    const sourceId = await resolveSource(trx, next.data);
    const change: Change = undoOf(passport.data, next.data);
    if (next.model !== undefined && next.model !== passport.model) change.model = passport.model;
    if (next.category !== undefined && next.category !== passport.category) change.category = passport.category;
    const access = next.access ?? passport.access;
    if (JSON.stringify(access) !== JSON.stringify(passport.access)) change.access = JSON.stringify(passport.access);
    if (!Object.keys(change).length) return passport;
    const now = nowIso();
    const result = await trx
      .updateTable('passports')
      .set({ data: JSON.stringify(next.data), access: JSON.stringify(access), model: next.model ?? passport.model, category: next.category ?? passport.category, source_id: sourceId, version: passport.version + 1, updated_at: now })
      .where('id', '=', passport.id)
      .where('version', '=', passport.version)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Conflict('Someone changed this passport meanwhile. Reload it and make your change again.');
    await addVersion(trx, passport.id, passport.version + 1, kind, userId, change, now);
    return (await findPassportById(trx, passport.id))!;
  });
}

/** Appends a state-of-health reading (dynamic data, Annex XIII point 4). */
export function appendReading(db: Kysely<Database>, passport: Passport, reading: { date: string; value: number }, userId: number | null): Promise<Passport> {
  const key = 'performance.stateOfHealth';
  const readings = [...((passport.data[key] as [string, number][] | undefined) ?? []), [reading.date, reading.value] as [string, number]].sort((a, b) => a[0].localeCompare(b[0]));
  return updatePassport(db, passport, { data: { ...passport.data, [key]: readings } }, userId, 'reading');
}

/** What a second life carries over: what the cells are made of does not change when the battery is repurposed. */
const CARRIED_TO_SECOND_LIFE = (key: string) => FIELD_BY_KEY.get(key)?.group === 'materials' || key.startsWith('circularity.');

/**
 * A second life (repurposing, Art. 77(6)): a new passport for the new battery, linked to the original, which is marked
 * repurposed and takes no more changes.
 */
export async function startSecondLife(db: Kysely<Database>, original: Passport, head: { identifier: string; model: string; category: Category; projectId: number }, userId: number | null): Promise<Passport> {
  if (!isOpen(original)) throw closedError(original);
  return withTransaction(db, async (trx) => {
    const data = Object.fromEntries(Object.entries(original.data).filter(([key]) => CARRIED_TO_SECOND_LIFE(key)));
    const successor = await createPassport(trx, {
      doc: { format: 'cluster-hub-battery-passport/1', identifier: head.identifier, model: head.model, category: head.category, demonstrator: original.demonstrator, access: original.access },
      projectId: head.projectId,
      userId,
      originId: original.id,
      kind: 'second-life',
      data,
    });
    await closeWith(trx, original, 'repurposed', {}, userId);
    return successor;
  });
}

async function closeWith(db: Kysely<Database>, passport: Passport, status: 'repurposed' | 'recycled', data: Flat, userId: number | null): Promise<void> {
  const now = nowIso();
  const after = { ...passport.data, ...data };
  const result = await db
    .updateTable('passports')
    .set({ status, data: JSON.stringify(after), version: passport.version + 1, updated_at: now })
    .where('id', '=', passport.id)
    .where('version', '=', passport.version)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Conflict('Someone changed this passport meanwhile. Reload it and try again.');
  await addVersion(db, passport.id, passport.version + 1, status, userId, undoOf(passport.data, after), now);
}

export interface Recycling {
  recycledOn: string;
  recycler: string;
  recovered: Partial<Record<Material, number>>;
}

/** Recycling closes the passport and records what was recovered, which new batteries' passports may then cite. */
export async function recyclePassport(db: Kysely<Database>, passport: Passport, recycling: Recycling, userId: number | null): Promise<void> {
  if (!isOpen(passport)) throw closedError(passport);
  const data: Flat = { 'endOfLife.recycledOn': recycling.recycledOn, 'endOfLife.recycler': recycling.recycler };
  for (const m of MATERIALS) if (recycling.recovered[m] !== undefined) data[`endOfLife.recovered.${m}`] = recycling.recovered[m]!;
  await withTransaction(db, (trx) => closeWith(trx, passport, 'recycled', data, userId));
}

export interface Version {
  version: number;
  kind: VersionKind;
  at: string;
  by: string | null;
  /** The values from before this version (history.ts). */
  undo: Change;
}

/** Every version of a passport, oldest first, with who made it. */
export async function listVersions(db: Kysely<Database>, passportId: number): Promise<Version[]> {
  const rows = await db.selectFrom('passport_versions').selectAll().where('passport_id', '=', passportId).orderBy('version').execute();
  const names = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.user_id).filter((id): id is number => id !== null))) names.set(id, (await findUserById(db, id))?.name ?? 'A former user');
  return rows.map((r) => ({
    version: r.version,
    kind: r.kind as VersionKind,
    at: new Date(Number(r.at) * 1000).toISOString(),
    by: r.user_id === null ? null : (names.get(r.user_id) ?? null),
    undo: parseJsonOr<Change>(r.change, {}),
  }));
}

/** The data points as they stood at version `n` (0: before the first), rebuilt from the current data by undoing later versions. */
export function dataAt(current: Flat, versions: Version[], n: number): Flat {
  if (n < 1) return {};
  let data = current;
  for (const v of [...versions].reverse()) {
    if (v.version <= n) break;
    const { model: _m, category: _c, access: _a, ...points } = v.undo;
    data = undo(data, points);
  }
  return data;
}

export interface Related {
  identifier: string;
  model: string;
  status: Status;
}

/** The passports linked to this one: the original of a second life, its successors, the cited source, those citing it. */
export async function relatedPassports(db: Kysely<Database>, passport: Passport): Promise<{ origin: Related | null; successors: Related[]; source: Related | null; citedBy: Related[] }> {
  const pick = ['identifier', 'model', 'status'] as const;
  const one = (id: number | null) => (id === null ? Promise.resolve(undefined) : db.selectFrom('passports').select(pick).where('id', '=', id).executeTakeFirst());
  // Only a repurposed passport has successors and only a recycled one can be cited: most passports need no query here.
  const linked = (status: Status, column: 'origin_id' | 'source_id') =>
    passport.status === status ? db.selectFrom('passports').select(pick).where(column, '=', passport.id).orderBy('id').limit(20).execute() : Promise.resolve([]);
  const [origin, source, successors, citedBy] = await Promise.all([one(passport.originId), one(passport.sourceId), linked('repurposed', 'origin_id'), linked('recycled', 'source_id')]);
  const related = (r: { identifier: string; model: string; status: string }): Related => ({ ...r, status: r.status as Status });
  return { origin: origin ? related(origin) : null, successors: successors.map(related), source: source ? related(source) : null, citedBy: citedBy.map(related) };
}

/** The life-cycle steps of the timeline: creation, second life, recycling (not every edit). */
export async function lifeEvents(db: Kysely<Database>, passportId: number): Promise<{ kind: VersionKind; at: string }[]> {
  const rows = await db
    .selectFrom('passport_versions')
    .select(['kind', 'at'])
    .where('passport_id', '=', passportId)
    .where('kind', 'in', ['create', 'second-life', 'repurposed', 'recycled'])
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ kind: r.kind as VersionKind, at: new Date(Number(r.at) * 1000).toISOString() }));
}

/** The projects an editor may create passports for (those they edit; every project for an admin), for the back-office select. */
export async function ownerChoices(db: Kysely<Database>, projectIds: number[] | undefined): Promise<{ id: number; acronym: string }[]> {
  const projects = await listProjects(db);
  return projects.filter((p) => !projectIds || projectIds.includes(p.id)).map((p) => ({ id: p.id, acronym: p.acronym }));
}

export async function projectAcronym(db: Kysely<Database>, projectId: number): Promise<string> {
  return (await findProjectsByIds(db, [projectId]))[0]?.acronym ?? '';
}
