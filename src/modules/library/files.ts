import { Worker } from 'node:worker_threads';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { Invalid } from '../../lib/errors.js';

/** What an uploaded file really is, decided from its bytes (magic numbers), never from its name. */
export interface DetectedFile {
  ext: string;
  mediaType: string;
  category: 'pdf' | 'slides' | 'document' | 'spreadsheet' | 'image';
}

const ACCEPTED: Record<string, DetectedFile> = {
  pdf: { ext: 'pdf', mediaType: 'application/pdf', category: 'pdf' },
  pptx: { ext: 'pptx', mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', category: 'slides' },
  docx: { ext: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', category: 'document' },
  xlsx: { ext: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', category: 'spreadsheet' },
  jpg: { ext: 'jpg', mediaType: 'image/jpeg', category: 'image' },
  png: { ext: 'png', mediaType: 'image/png', category: 'image' },
  webp: { ext: 'webp', mediaType: 'image/webp', category: 'image' },
  gif: { ext: 'gif', mediaType: 'image/gif', category: 'image' },
};

export const ACCEPTED_DESCRIPTION = 'PDF, PowerPoint (.pptx), Word (.docx), Excel (.xlsx) or an image (JPEG, PNG, WebP, GIF)';

/** Detects the file type from its content; refuses anything outside the accepted list, whatever it is called. */
export async function detectFile(data: Buffer, field = 'file'): Promise<DetectedFile> {
  if (!data.length) throw new Invalid({ [field]: 'The file is empty. Choose a file to upload.' });
  const detected = await fileTypeFromBuffer(data);
  const accepted = detected ? ACCEPTED[detected.ext] : undefined;
  if (!accepted) {
    throw new Invalid({ [field]: `This file is not a ${ACCEPTED_DESCRIPTION}: its content says ${detected ? `it is .${detected.ext}` : 'it is none of these'}, whatever its name.` });
  }
  return accepted;
}

export type TextStatus = 'pending' | 'extracted' | 'not_extracted' | 'not_applicable';

export interface ExtractedText {
  status: 'extracted' | 'not_extracted';
  text: string | null;
  /** Why there is no text, for the log. */
  reason?: string;
}

/** What one PDF may cost to read; past any of these its text is not extracted (the file is kept). */
export interface PdfTextLimits {
  /** Wall-clock time; the worker is terminated when it runs out. */
  timeoutMs: number;
  /** The worker's heap, and how far the whole process's resident memory may grow while it reads. */
  memoryMb: number;
  /** A PDF with more pages is not read at all. */
  maxPages: number;
  /** Text beyond this many characters is left out of the index. */
  maxChars: number;
}

export const PDF_TEXT_LIMITS: PdfTextLimits = { timeoutMs: 20_000, memoryMb: 256, maxPages: 2_000, maxChars: 1_000_000 };

const PDF_TEXT_WORKER = new URL('./pdf-text-worker.mjs', import.meta.url);
/** How often the process's memory is checked while a worker reads: inflating runs at hundreds of MB/s. */
const MEMORY_CHECK_MS = 20;
const MB = 1024 * 1024;

let extractions: Promise<unknown> = Promise.resolve();

/**
 * Text of a PDF for search, read in a worker thread with hard limits on time and memory. One PDF at
 * a time per process, so the memory limit holds for the process as a whole. Never throws: a corrupt,
 * huge or hostile PDF gives "not extracted".
 */
export function extractPdfText(data: Buffer, limits: PdfTextLimits = PDF_TEXT_LIMITS): Promise<ExtractedText> {
  const run = extractions.then(() => extractInWorker(data, limits));
  extractions = run.catch(() => undefined);
  return run;
}

function extractInWorker(data: Buffer, limits: PdfTextLimits): Promise<ExtractedText> {
  return new Promise((resolve) => {
    const baseline = process.memoryUsage.rss();
    const bytes = new Uint8Array(data);
    const worker = new Worker(PDF_TEXT_WORKER, {
      workerData: { data: bytes, maxPages: limits.maxPages, maxChars: limits.maxChars },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    const finish = (result: ExtractedText) => {
      clearTimeout(timer);
      clearInterval(memoryCheck);
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      resolve(result);
    };
    const notExtracted = (reason: string) => finish({ status: 'not_extracted', text: null, reason });
    const tooBig = () => notExtracted(`it needed more than ${limits.memoryMb} MB of memory`);
    const timer = setTimeout(() => notExtracted(`it took longer than ${limits.timeoutMs / 1000} s`), limits.timeoutMs);
    // The heap limit does not cover the typed arrays pdf.js inflates streams into: watch the process.
    const memoryCheck = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > limits.memoryMb * MB) tooBig();
    }, MEMORY_CHECK_MS);
    worker.on('message', (result: { text: string } | { refused: string }) => {
      if ('refused' in result) notExtracted(result.refused);
      else if (result.text) finish({ status: 'extracted', text: result.text });
      else notExtracted('it contains no text (a scan?)');
    });
    worker.on('error', (error: Error & { code?: string }) => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig() : notExtracted(`it could not be read (${error.message})`)));
    worker.on('exit', () => notExtracted('the reader stopped'));
  });
}

export interface PhotoSizes {
  web: { data: Buffer; width: number; height: number };
  thumb: { data: Buffer; width: number; height: number };
}

const WEB_SIZE = 1600;
const THUMB_SIZE = 480;

/**
 * Web and thumbnail JPEGs of a photo. Turned upright from the EXIF orientation first; sharp then
 * writes no metadata (we never call withMetadata), so GPS location and camera data are gone.
 */
export async function makePhotoSizes(data: Buffer): Promise<PhotoSizes> {
  const detected = await detectFile(data, 'photo');
  if (detected.category !== 'image') throw new Invalid({ photo: 'A gallery photo must be a JPEG, PNG, WebP or GIF image.' });
  try {
    const render = async (size: number) => {
      const { data: out, info } = await sharp(data, { limitInputPixels: 100_000_000 })
        .rotate()
        .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      return { data: out, width: info.width, height: info.height };
    };
    return { web: await render(WEB_SIZE), thumb: await render(THUMB_SIZE) };
  } catch {
    throw new Invalid({ photo: 'This image could not be read. It may be damaged; try exporting it again as JPEG.' });
  }
}
