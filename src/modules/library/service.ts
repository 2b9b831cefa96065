import type { Kysely, Selectable } from 'kysely';
import { containsAny, nowIso } from '../../db/dialect.js';
import { emptyPage, fetchPage } from '../../db/paging.js';
import { withTransaction } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { enqueueJob } from '../../lib/jobs.js';
import path from 'node:path';
import { cleanFileName, type FileStorage, localStorage } from '../../lib/storage.js';
import { findProjectBySlug, findProjectsByIds } from '../directory/service.js';
import { draftEventIds, findEventById, findEventBySlug, findProgrammeItem, flattenProgramme, getProgramme } from '../events/service.js';
import { indexDocument, indexedRefIds, removeDocument, type SearchDocumentInput } from '../search/service.js';
export { downloadFigures, recordDownload } from './downloads.js';
import { detectFile, extractPdfText, PDF_TEXT_LIMITS, type PdfTextLimits, type TextStatus } from './files.js';

export type { PdfTextLimits };

/** The PDF text limits the configuration sets (PDF_TEXT_TIMEOUT_SECONDS, PDF_TEXT_MEMORY_MB). */
export function pdfTextLimitsOf(config: { pdfTextTimeoutSeconds: number; pdfTextMemoryMb: number }): PdfTextLimits {
  return { ...PDF_TEXT_LIMITS, timeoutMs: config.pdfTextTimeoutSeconds * 1000, memoryMb: config.pdfTextMemoryMb };
}

/**
 * Where library files are kept. Not under DATA_DIR/files, which is served publicly as /files/: library files only
 * leave through the permission-checked routes. `cluster-hub backup` copies this folder too.
 */
export function libraryStorage(dataDir: string): FileStorage {
  return localStorage(path.join(dataDir, 'library'));
}
import type { DocumentsTable, DocumentVersionsTable } from './tables.js';
import { preparedQuery } from '../../db/prepared.js';

// The published galleries' pages, for the sitemap.
export { gallerySitemapEntries } from './galleries.js';

export const CATEGORIES = ['pdf', 'slides', 'document', 'spreadsheet', 'image', 'link'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  pdf: 'PDF',
  slides: 'Slides',
  document: 'Text document',
  spreadsheet: 'Spreadsheet',
  image: 'Image',
  link: 'External link',
};

/** Where a document belongs: the hub itself, a project, an event, or one session or slot of an event's programme. */
export type Attachment =
  | { type: 'hub' }
  | { type: 'project'; projectId: number }
  | { type: 'event'; eventId: number }
  | { type: 'item'; eventId: number; itemId: number };

export interface LibraryDocument {
  id: number;
  title: string;
  authors: string;
  description: string;
  licence: string;
  date: string | null;
  category: Category;
  externalUrl: string | null;
  projectId: number | null;
  eventId: number | null;
  itemId: number | null;
  currentVersion: number;
  downloadCount: number;
  url: string;
  /** Link that downloads the current version (or opens the external document). */
  downloadUrl: string;
}

export interface DocumentVersion {
  version: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  textStatus: TextStatus;
  createdAt: string;
  storageKey: string;
}

function toDocument(row: Selectable<DocumentsTable>): LibraryDocument {
  const url = `/library/${row.id}`;
  return {
    id: row.id,
    title: row.title,
    authors: row.authors,
    description: row.description,
    licence: row.licence,
    date: row.doc_date,
    category: row.category as Category,
    externalUrl: row.external_url,
    projectId: row.project_id,
    eventId: row.event_id,
    itemId: row.item_id,
    currentVersion: row.current_version,
    downloadCount: row.download_count,
    url,
    downloadUrl: row.external_url ?? `${url}/download`,
  };
}

function toVersion(row: Selectable<DocumentVersionsTable>): DocumentVersion {
  return {
    version: row.version,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    textStatus: row.text_status as DocumentVersion['textStatus'],
    createdAt: row.created_at,
    storageKey: row.storage_key,
  };
}

export interface DocumentFields {
  title: string;
  authors?: string;
  description?: string;
  licence?: string;
  date?: string | null;
}

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

function attachmentColumns(attachment: Attachment) {
  return {
    project_id: attachment.type === 'project' ? attachment.projectId : null,
    event_id: attachment.type === 'event' || attachment.type === 'item' ? attachment.eventId : null,
    item_id: attachment.type === 'item' ? attachment.itemId : null,
  };
}

/**
 * Resolves a target chosen in a form ("hub", "project:3", "event:5", "item:42") against the
 * database, so a document never points at something that does not exist.
 */
export async function resolveAttachment(db: Kysely<Database>, target: string): Promise<Attachment> {
  const [type, rawId] = target.split(':');
  const id = Number(rawId);
  if (type === 'hub') return { type: 'hub' };
  if (Number.isInteger(id) && id > 0) {
    if (type === 'project' && (await findProjectsByIds(db, [id])).length) return { type: 'project', projectId: id };
    if (type === 'event' && (await findEventById(db, id))) return { type: 'event', eventId: id };
    if (type === 'item') {
      const item = await findProgrammeItem(db, id);
      if (item) return { type: 'item', eventId: item.eventId, itemId: item.id };
    }
  }
  throw new Invalid({ attach: 'Choose where the document belongs from the list.' });
}

/** Reads the text of an uploaded PDF in the background, so the upload answers at once whatever the file. */
export const PDF_TEXT_JOB = 'library.pdf-text';

async function storeVersion(db: Kysely<Database>, storage: FileStorage, documentId: number, version: number, file: UploadedFile, userId: number | null) {
  const detected = await detectFile(file.data);
  const key = await storage.put(file.data, detected.ext);
  const pdf = detected.category === 'pdf';
  const { id } = await db
    .insertInto('document_versions')
    .values({
      document_id: documentId,
      version,
      storage_key: key,
      file_name: cleanFileName(file.fileName, detected.ext),
      media_type: detected.mediaType,
      size_bytes: file.data.length,
      text_status: pdf ? 'pending' : 'not_applicable',
      text: null,
      uploaded_by: userId,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (pdf) await enqueueJob(db, PDF_TEXT_JOB, { versionId: id });
  return detected;
}

/**
 * The PDF_TEXT_JOB: reads a stored PDF's text within the limits and puts it in the search index.
 * A file that cannot be read within them is kept and marked "text not extracted"; that is an
 * outcome, not a failure, so the job is not retried.
 */
export async function extractVersionText(db: Kysely<Database>, storage: FileStorage, versionId: number, limits: PdfTextLimits, log: { warn(details: object, message: string): void }): Promise<void> {
  const version = await db.selectFrom('document_versions').select(['document_id', 'storage_key', 'text_status']).where('id', '=', versionId).executeTakeFirst();
  if (version?.text_status !== 'pending') return;
  const data = await storage.get(version.storage_key);
  const extracted = data ? await extractPdfText(data, limits) : { status: 'not_extracted' as const, text: null, reason: 'its stored file is missing' };
  if (extracted.reason) log.warn({ documentId: version.document_id, versionId, reason: extracted.reason }, 'PDF text not extracted');
  await db.updateTable('document_versions').set({ text_status: extracted.status, text: extracted.text }).where('id', '=', versionId).where('text_status', '=', 'pending').execute();
  await syncSearchEntry(db, version.document_id);
}

/**
 * Reads now, one after another, the text of every PDF still waiting for it: for commands such as the
 * WordPress import, whose documents should be searchable when the command ends, not when a worker runs.
 * The queued jobs then find nothing left to do.
 */
export async function extractPendingTexts(db: Kysely<Database>, storage: FileStorage, limits: PdfTextLimits = PDF_TEXT_LIMITS, log: { warn(details: object, message: string): void }): Promise<number> {
  const pending = await db.selectFrom('document_versions').select('id').where('text_status', '=', 'pending').orderBy('id').execute();
  for (const { id } of pending) await extractVersionText(db, storage, id, limits, log);
  return pending.length;
}

/**
 * Creates a document from an uploaded file (type checked from its bytes, PDF text extracted for
 * search) or from a link to a document kept elsewhere, and indexes it when it is public.
 */
export async function createDocument(
  db: Kysely<Database>,
  storage: FileStorage,
  input: { fields: DocumentFields; attachment: Attachment; file?: UploadedFile; externalUrl?: string; userId: number | null },
): Promise<number> {
  if (!input.file && !input.externalUrl) throw new Invalid({ file: 'Choose a file to upload, or give the address of the document.' });
  const detected = input.file ? await detectFile(input.file.data) : null;
  const now = nowIso();
  const id = await withTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('documents')
      .values({
        title: input.fields.title,
        authors: input.fields.authors ?? '',
        description: input.fields.description ?? '',
        licence: input.fields.licence ?? '',
        doc_date: input.fields.date || null,
        category: detected?.category ?? 'link',
        external_url: input.file ? null : (input.externalUrl ?? null),
        ...attachmentColumns(input.attachment),
        current_version: input.file ? 1 : 0,
        download_count: 0,
        created_by: input.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.file) await storeVersion(trx, storage, id, 1, input.file, input.userId);
    return id;
  });
  await syncSearchEntry(db, id);
  return id;
}

/** A new upload of an existing document: the old versions stay listed and downloadable. */
export async function addVersion(db: Kysely<Database>, storage: FileStorage, documentId: number, file: UploadedFile, userId: number | null): Promise<number> {
  const document = await findDocument(db, documentId);
  if (!document) throw new NotFound('There is no such document.');
  if (document.externalUrl) throw new Invalid({ file: 'This entry links to a document kept elsewhere; it has no versions to replace.' });
  const version = await withTransaction(db, async (trx) => {
    const next = document.currentVersion + 1;
    const detected = await storeVersion(trx, storage, documentId, next, file, userId);
    await trx.updateTable('documents').set({ current_version: next, category: detected.category, updated_at: nowIso() }).where('id', '=', documentId).execute();
    return next;
  });
  await syncSearchEntry(db, documentId);
  return version;
}

export async function updateDocument(db: Kysely<Database>, id: number, fields: DocumentFields, attachment: Attachment): Promise<void> {
  await db
    .updateTable('documents')
    .set({
      title: fields.title,
      authors: fields.authors ?? '',
      description: fields.description ?? '',
      licence: fields.licence ?? '',
      doc_date: fields.date || null,
      ...attachmentColumns(attachment),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  await syncSearchEntry(db, id);
}

/** Deletes a document and its versions; the stored files go when no other version shares their content. */
export async function deleteDocument(db: Kysely<Database>, storage: FileStorage, id: number): Promise<void> {
  const versions = await db.selectFrom('document_versions').select('storage_key').where('document_id', '=', id).execute();
  await db.deleteFrom('documents').where('id', '=', id).execute();
  await removeDocument(db, 'document', id);
  for (const { storage_key } of versions) {
    const shared = await db.selectFrom('document_versions').select('id').where('storage_key', '=', storage_key).executeTakeFirst();
    if (!shared) await storage.delete(storage_key);
  }
}

export async function findDocument(db: Kysely<Database>, id: number): Promise<LibraryDocument | null> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDocument(row) : null;
}

export async function listVersions(db: Kysely<Database>, documentId: number): Promise<DocumentVersion[]> {
  const rows = await db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

export async function findVersion(db: Kysely<Database>, documentId: number, version: number): Promise<DocumentVersion | null> {
  const row = await db.selectFrom('document_versions').selectAll().where('document_id', '=', documentId).where('version', '=', version).executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** The public may see a document unless the event it belongs to is unpublished. */
export async function isPublic(db: Kysely<Database>, document: Pick<LibraryDocument, 'eventId'>): Promise<boolean> {
  if (!document.eventId) return true;
  const event = await findEventById(db, document.eventId);
  return event?.status === 'published';
}

async function searchEntry(db: Kysely<Database>, document: LibraryDocument): Promise<SearchDocumentInput> {
  const current = await db.selectFrom('document_versions').select('text').where('document_id', '=', document.id).where('version', '=', document.currentVersion).executeTakeFirst();
  const text = current?.text;
  return {
    kind: 'document',
    refId: document.id,
    url: document.url,
    title: document.title,
    body: [document.authors, document.description, text].filter(Boolean).join('\n'),
    projectId: document.projectId,
    eventId: document.eventId,
    date: document.date,
  };
}

/** Puts a document in the search index when the public may see it, and takes it out otherwise. */
export async function syncSearchEntry(db: Kysely<Database>, id: number): Promise<void> {
  const document = await findDocument(db, id);
  if (document && (await isPublic(db, document))) await indexDocument(db, await searchEntry(db, document));
  else await removeDocument(db, 'document', id);
}

/**
 * Re-decides every document of an event after the event changed: published, unpublished or deleted
 * (its documents go with it, so the index is asked which of them it still lists).
 */
export async function syncEventDocuments(db: Kysely<Database>, eventId: number): Promise<void> {
  const attached = await db.selectFrom('documents').select('id').where('event_id', '=', eventId).execute();
  const ids = new Set([...attached.map((row) => row.id), ...(await indexedRefIds(db, 'document', eventId))]);
  for (const id of ids) await syncSearchEntry(db, id);
}

/** Every public document as a search entry, for a full rebuild of the index. */
export async function librarySearchEntries(db: Kysely<Database>): Promise<SearchDocumentInput[]> {
  const drafts = await draftEventIds(db);
  let query = db.selectFrom('documents').selectAll();
  if (drafts.length) query = query.where((eb) => eb.or([eb('event_id', 'is', null), eb('event_id', 'not in', drafts)]));
  const entries: SearchDocumentInput[] = [];
  for (const row of await query.execute()) entries.push(await searchEntry(db, toDocument(row)));
  return entries;
}

export interface LibraryFilters {
  type?: Category | '';
  project?: string;
  event?: string;
  year?: number;
  page: number;
}

export interface LibraryPage {
  documents: LibraryDocument[];
  total: number;
  page: number;
  pageCount: number;
}

export const LIBRARY_PAGE_SIZE = 20;

/** Public documents with the library's filters, newest first. */
export async function listLibrary(db: Kysely<Database>, filters: LibraryFilters, pageSize = LIBRARY_PAGE_SIZE): Promise<LibraryPage> {
  let base = db.selectFrom('documents');
  const drafts = await draftEventIds(db);
  if (drafts.length) base = base.where((eb) => eb.or([eb('event_id', 'is', null), eb('event_id', 'not in', drafts)]));
  if (filters.type) base = base.where('category', '=', filters.type);
  if (filters.project) {
    const project = await findProjectBySlug(db, filters.project);
    if (!project) return { documents: [], ...emptyPage(filters.page) };
    base = base.where('project_id', '=', project.id);
  }
  if (filters.event) {
    const event = await findEventBySlug(db, filters.event);
    if (!event) return { documents: [], ...emptyPage(filters.page) };
    base = base.where('event_id', '=', event.id);
  }
  if (filters.year) base = base.where('doc_date', '>=', `${filters.year}-01-01`).where('doc_date', '<', `${filters.year + 1}-01-01`);
  const { rows, ...pager } = await fetchPage(base, filters.page, pageSize, (q) => q.selectAll().orderBy('doc_date', 'desc').orderBy('id', 'desc'));
  return { documents: rows.map(toDocument), ...pager };
}

/** Years that have documents, for the library's year filter. */
export async function libraryYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('documents').select('doc_date').where('doc_date', 'is not', null).execute();
  return [...new Set(rows.map((r) => Number(r.doc_date!.slice(0, 4))))].filter(Number.isFinite).sort((a, b) => b - a);
}

/** Public documents added in [from, to), oldest first, for the newsletter's digest. */
export async function documentsAddedBetween(db: Kysely<Database>, from: string, to: string, limit: number): Promise<LibraryDocument[]> {
  let base = db.selectFrom('documents').where('created_at', '>=', from).where('created_at', '<', to);
  const drafts = await draftEventIds(db);
  if (drafts.length) base = base.where((eb) => eb.or([eb('event_id', 'is', null), eb('event_id', 'not in', drafts)]));
  return (await base.selectAll().orderBy('created_at').orderBy('id').limit(limit).execute()).map(toDocument);
}

export async function documentsOfProject(db: Kysely<Database>, projectId: number): Promise<LibraryDocument[]> {
  const rows = await db.selectFrom('documents').selectAll().where('project_id', '=', projectId).orderBy('doc_date', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toDocument);
}

export interface MaterialsGroup {
  /** The programme item the documents belong to; null for the event as a whole. */
  item: { id: number; title: string } | null;
  documents: LibraryDocument[];
}

/**
 * An event's documents grouped by programme item, in programme order ("Presentations from
 * Session 2"), with the event-wide documents first.
 */
// Read on every view of an event page: built once (see preparedQuery).
const eventDocumentsQuery = preparedQuery((db, eventId: number) => db.selectFrom('documents').selectAll().where('event_id', '=', eventId).orderBy('title'));

export async function materialsForEvent(db: Kysely<Database>, eventId: number): Promise<MaterialsGroup[]> {
  const rows = await eventDocumentsQuery(db, eventId);
  if (!rows.length) return [];
  const documents = rows.map(toDocument);
  const items = flattenProgramme(await getProgramme(db, eventId));
  const groups: MaterialsGroup[] = [];
  const general = documents.filter((d) => d.itemId === null || !items.some((i) => i.id === d.itemId));
  if (general.length) groups.push({ item: null, documents: general });
  for (const item of items) {
    const own = documents.filter((d) => d.itemId === item.id);
    if (own.length) groups.push({ item: { id: item.id, title: item.title }, documents: own });
  }
  return groups;
}

/** Documents an editor may change: those of their projects and of the events those projects organise (all for admins: `scope` null). */
export const ADMIN_DOCUMENTS_PAGE_SIZE = 25;

/** A page of the documents someone may edit (all for admins), most recently changed first, searchable by title or authors. */
export async function manageableDocuments(db: Kysely<Database>, scope: { projectIds: number[]; eventIds: number[] } | null, query: { q?: string; page: number }) {
  let base = db.selectFrom('documents');
  if (query.q) base = base.where(containsAny(db, ['title', 'authors'], query.q));
  if (scope) {
    if (!scope.projectIds.length && !scope.eventIds.length) return { documents: [] as LibraryDocument[], ...emptyPage(query.page) };
    base = base.where((eb) =>
      eb.or([
        ...(scope.projectIds.length ? [eb('project_id', 'in', scope.projectIds)] : []),
        ...(scope.eventIds.length ? [eb('event_id', 'in', scope.eventIds)] : []),
      ]),
    );
  }
  const { rows, ...pager } = await fetchPage(base, query.page, ADMIN_DOCUMENTS_PAGE_SIZE, (q) => q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc'));
  return { documents: rows.map(toDocument), ...pager };
}
