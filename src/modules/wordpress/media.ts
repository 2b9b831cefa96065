import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { AppError } from '../../lib/errors.js';
import type { FileStorage } from '../../lib/storage.js';
import { storeImage } from '../../lib/uploads.js';
import { addVersion, createDocument, findDocument, updateDocument } from '../library/service.js';
import { uploadKey } from './items.js';

/** An attachment of the export, as the survey of the file found it. */
export interface AttachmentInfo {
  wpId: number;
  guid: string;
  title: string;
  url: string;
  /** _wp_attached_file: the path below wp-content/uploads. */
  file: string;
  /** File names of the resized copies beside it (from _wp_attachment_metadata). */
  resizedFiles: string[];
  parentId: number;
  alt: string;
  caption: string;
  description: string;
  date: string | null;
  link: string;
}

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
/** Larger files are left for the administrator to upload by hand. */
export const MAX_IMPORTED_FILE_BYTES = 100 * 1024 * 1024;

/** The relative path of an attachment's file below the uploads folder, from its meta or its address. */
export function relativeFileOf(attachment: AttachmentInfo): string | null {
  return attachment.file || uploadKey(attachment.url);
}

/**
 * The attachment's file inside `uploadsDir`, or the reason it cannot be used. A path that climbs
 * out of the folder (../, an absolute path, a link) is refused: the export names the files, not
 * the person running the import.
 */
export async function locateUpload(uploadsDir: string, attachment: AttachmentInfo): Promise<{ file: string } | { missing: string } | { refused: string }> {
  const relative = relativeFileOf(attachment);
  if (!relative) return { refused: 'its address is not below wp-content/uploads' };
  const root = await fs.promises.realpath(uploadsDir);
  const candidate = path.resolve(root, relative);
  if (!candidate.startsWith(root + path.sep)) return { refused: `its path "${relative}" leads outside the uploads folder` };
  let real: string;
  try {
    real = await fs.promises.realpath(candidate);
  } catch {
    return { missing: relative };
  }
  if (!real.startsWith(root + path.sep)) return { refused: `its path "${relative}" leads outside the uploads folder` };
  const stat = await fs.promises.stat(real);
  if (!stat.isFile()) return { missing: relative };
  if (stat.size > MAX_IMPORTED_FILE_BYTES) return { refused: `the file is larger than ${MAX_IMPORTED_FILE_BYTES / 1024 / 1024} MB` };
  return { file: real };
}

/** What an attachment became: `url` replaces its attachment page, `fileUrl` its address under wp-content/uploads. */
export type StoredMedia = { kind: 'image' | 'document'; id: number; url: string; fileUrl: string } | { skip: string };

/** True when the bytes are an image the hub shows (decided from the content, never the name). */
export async function isImage(data: Buffer): Promise<boolean> {
  const type = await fileTypeFromBuffer(data);
  return Boolean(type && IMAGE_TYPES.has(type.mime));
}

/**
 * Stores an attachment: an image re-encoded like an upload (metadata stripped) and served under
 * /files/images/, anything else as a library document (PDFs get their text extracted for search).
 * `existing` is what an earlier run made of it, so a changed file becomes a new version.
 */
export async function storeAttachment(
  db: Kysely<Database>,
  context: { dataDir: string; storage: FileStorage },
  attachment: AttachmentInfo,
  data: Buffer,
  existing: { kind: string; targetId: number; targetUrl: string } | null,
): Promise<StoredMedia> {
  const fileName = path.basename(relativeFileOf(attachment) ?? attachment.title);
  if (await isImage(data)) {
    const stored = await storeImage(context.dataDir, { filename: fileName, buffer: data, tooLarge: false });
    if (!stored.ok) return { skip: stored.error };
    if (existing?.kind === 'image') await removeImportedImage(context.dataDir, existing.targetUrl);
    return { kind: 'image', id: 0, url: stored.path, fileUrl: stored.path };
  }
  const fields = { title: attachment.title || fileName, description: attachment.description || attachment.caption, date: attachment.date?.slice(0, 10) ?? null };
  try {
    if (existing?.kind === 'document' && (await findDocument(db, existing.targetId))) {
      await addVersion(db, context.storage, existing.targetId, { fileName, data }, null);
      await updateDocument(db, existing.targetId, fields, { type: 'hub' });
      return documentMedia(existing.targetId);
    }
    const id = await createDocument(db, context.storage, { fields, attachment: { type: 'hub' }, file: { fileName, data }, userId: null });
    return documentMedia(id);
  } catch (error) {
    if (error instanceof AppError) return { skip: Object.values(error.fields)[0] ?? error.message };
    throw error;
  }
}

function documentMedia(id: number): StoredMedia {
  return { kind: 'document', id, url: `/library/${id}`, fileUrl: `/library/${id}/download` };
}

/** Deletes an image an earlier run stored, when the attachment brought a new one. */
async function removeImportedImage(dataDir: string, url: string): Promise<void> {
  const name = /^\/files\/images\/([0-9a-f]+\.webp)$/.exec(url)?.[1];
  if (name) await fs.promises.rm(path.join(dataDir, 'files', 'images', name), { force: true });
}
