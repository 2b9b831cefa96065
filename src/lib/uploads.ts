import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import multipart, { type MultipartFile } from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { BadRequest } from './errors.js';

/** A file field of a multipart form, as `request.body[field]` holds it. */
export interface UploadedFile {
  filename: string;
  buffer: Buffer;
  /** True when the file was larger than the limit (the buffer holds only its start). */
  tooLarge: boolean;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).buffer);
}

/** An empty file input (nothing chosen) is sent as a part with no name and no bytes. */
export function chosenFile(value: unknown): UploadedFile | null {
  return isUpload(value) && (value.buffer.length > 0 || value.tooLarge) ? value : null;
}

/**
 * Multipart forms for one encapsulated plugin: fields and files land in `request.body`
 * (so CSRF and zod see them like a urlencoded form), files as `UploadedFile` capped at
 * MAX_IMAGE_BYTES, flagged rather than thrown so the form can say so beside the field.
 */
export async function acceptUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES, files: 2, fields: 60, fieldSize: 200_000, parts: 70 },
    async onFile(part: MultipartFile) {
      const buffer = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, buffer, tooLarge: part.file.truncated };
    },
  });
  // The app-wide guard (input-guard.ts) runs before multipart fields are attached: check them here.
  app.addHook('preValidation', async (request) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (body && Object.entries(body).some(([key, value]) => key.includes('\0') || (typeof value === 'string' && value.includes('\0')))) {
      throw new BadRequest('The form contains a character that is not allowed.');
    }
  });
}

export type ImageResult = { ok: true; path: string } | { ok: false; error: string };

/**
 * Checks an uploaded image by its content (magic bytes, not its name or declared type),
 * re-encodes it with sharp (which also strips metadata and anything hidden after the image)
 * no wider than maxWidth, and stores it under DATA_DIR/files/images. Returns its public path.
 */
export async function storeImage(dataDir: string, file: UploadedFile, maxWidth = 1600): Promise<ImageResult> {
  if (file.tooLarge) return { ok: false, error: `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Choose a smaller one.` };
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !IMAGE_TYPES.has(type.mime)) return { ok: false, error: 'The file is not a JPEG, PNG, WebP or GIF image.' };
  let output: Buffer;
  try {
    output = await sharp(file.buffer, { limitInputPixels: 40_000_000 }).rotate().resize({ width: maxWidth, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
  } catch {
    return { ok: false, error: 'The image could not be read. It may be damaged; try another file.' };
  }
  const dir = path.join(dataDir, 'files', 'images');
  await fs.promises.mkdir(dir, { recursive: true });
  const name = `${randomBytes(12).toString('hex')}.webp`;
  await fs.promises.writeFile(path.join(dir, name), output);
  return { ok: true, path: `/files/images/${name}` };
}

/**
 * Serves uploaded public images (news pictures, logos) from DATA_DIR/files/images at /files/images/.
 * Only that folder: anything else under DATA_DIR stays private, and dot-files are never served.
 */
export const filesPlugin = fp(async (app) => {
  const root = path.join(app.config.dataDir, 'files', 'images');
  fs.mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, { root, prefix: '/files/images/', decorateReply: false, maxAge: '7d', immutable: true, index: false, list: false, dotfiles: 'deny' });
});
