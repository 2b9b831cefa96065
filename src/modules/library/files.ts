import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { extractText, getDocumentProxy } from 'unpdf';
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

export interface ExtractedText {
  status: 'extracted' | 'not_extracted' | 'not_applicable';
  text: string | null;
}

const MAX_TEXT_CHARS = 1_000_000;
const EXTRACTION_TIMEOUT_MS = 20_000;

/**
 * Text of a PDF for search. A corrupt or hostile PDF must not stop the upload: the file is kept
 * and marked "text not extracted".
 */
export async function extractPdfText(data: Buffer): Promise<ExtractedText> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      const pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
      try {
        const { text } = await extractText(pdf, { mergePages: true });
        return text;
      } finally {
        await pdf.destroy();
      }
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('PDF text extraction timed out')), EXTRACTION_TIMEOUT_MS);
    });
    const text = (await Promise.race([work, timeout])).replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_CHARS);
    return text ? { status: 'extracted', text } : { status: 'not_extracted', text: null };
  } catch {
    return { status: 'not_extracted', text: null };
  } finally {
    clearTimeout(timer);
  }
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
