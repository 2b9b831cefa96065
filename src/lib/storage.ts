import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Keys are chosen by the store (content addresses), never by the
 * uploader, so a file name can never become a path. A second implementation (S3-compatible)
 * only has to honour these four calls.
 */
export interface FileStorage {
  /** Stores the bytes and returns their key; storing the same bytes twice returns the same key. */
  put(data: Buffer, extension: string): Promise<string>;
  /** The bytes under a key; null when there is no such file (say, a restore without the files). */
  get(key: string): Promise<Buffer | null>;
  /** The file opened for reading; null when there is none. */
  stream(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-f0-9]{64}\.[a-z0-9]{1,5}$/;

/** True for keys this store hands out; anything else (../, absolute paths, NUL) is refused. */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

function checkedKey(key: string): string {
  if (!isStorageKey(key)) throw new Error('invalid storage key');
  return key;
}

function nullIfMissing(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}

/** Files in a local folder, sharded by the first two hex digits to keep directories small. */
export function localStorage(root: string): FileStorage {
  const fileOf = (key: string) => path.join(root, checkedKey(key).slice(0, 2), key);
  return {
    async put(data, extension) {
      const ext = extension.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 5) || 'bin';
      const key = `${createHash('sha256').update(data).digest('hex')}.${ext}`;
      const file = fileOf(key);
      if (!fs.existsSync(file)) {
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        // Write then rename: a reader never sees half a file. The temporary name is unique to this
        // call, since the same bytes may be stored twice at once (a small photo's web size and thumbnail).
        const temporary = `${file}.${randomUUID()}.tmp`;
        await fs.promises.writeFile(temporary, data);
        await fs.promises.rename(temporary, file);
      }
      return key;
    },
    async get(key) {
      return fs.promises.readFile(fileOf(key)).catch(nullIfMissing);
    },
    async stream(key) {
      // Opened before the answer starts, so a missing file is a 404 rather than a response cut off.
      const handle = await fs.promises.open(fileOf(key)).catch(nullIfMissing);
      return handle?.createReadStream() ?? null;
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
  };
}

/**
 * A file name safe to offer in Content-Disposition and to show: no directories, no control or
 * shell-special characters, the extension the content really has.
 */
export function cleanFileName(name: string, extension: string): string {
  const base = path.basename(name.replace(/\\/g, '/'))
    .normalize('NFKC')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '-')
    .replace(/^[.\s-]+|[.\s-]+$/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 120);
  return `${base || 'file'}.${extension}`;
}
