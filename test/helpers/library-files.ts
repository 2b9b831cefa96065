import zlib from 'node:zlib';
import sharp from 'sharp';

/**
 * A minimal valid PDF with one line of text per page, written by hand so the tests need no PDF
 * library: enough for pdf.js to extract each page's text.
 */
export function makePdf(pages: string[]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((text, i) => {
    const pageId = pageIds[i];
    const stream = `BT /F1 18 Tf 72 700 Td (${text.replace(/[\\()]/g, (c) => '\\' + c)}) Tj ET`;
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`;
  });
  return pdfOf(objects);
}

/** A JPEG that carries GPS coordinates in its EXIF, like a phone photo. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 40, g: 120, b: 80 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'GPS 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 51/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 21/1 0/1' } })
    .toBuffer();
}

export interface MultipartFile {
  name: string;
  fileName: string;
  data: Buffer;
  contentType?: string;
}

/** Encodes fields and files as multipart/form-data, as a browser does, for app.inject(). */
export function multipart(fields: Record<string, string>, files: MultipartFile[] = []): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cluster-hub-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Numbered objects as a PDF file with its cross-reference table; `objects[1]` is the catalog. */
function pdfOf(objects: (string | Buffer)[]): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let length = chunks[0].length;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = length;
    const chunk = Buffer.concat([Buffer.from(`${id} 0 obj\n`), Buffer.from(objects[id] as string | Buffer), Buffer.from('\nendobj\n')]);
    chunks.push(chunk);
    length += chunk.length;
  }
  const xref = [`xref\n0 ${objects.length}\n0000000000 65535 f \n`];
  for (let id = 1; id < objects.length; id++) xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  chunks.push(Buffer.from(xref.join('')));
  return Buffer.concat(chunks);
}

/** A PDF of `pageCount` pages sharing one content stream: about 150 bytes a page, so 100,000 pages fit in 15 MB. */
export function makeManyPagePdf(pageCount: number): Buffer {
  const stream = 'BT /F1 18 Tf 72 700 Td (One of very many pages) Tj ET';
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  objects[4] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  const kids: string[] = [];
  for (let i = 0; i < pageCount; i++) {
    const id = 5 + i;
    kids.push(`${id} 0 R`);
    objects[id] = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>';
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pageCount} >>`;
  return pdfOf(objects);
}

/**
 * A zlib stream of `megabytes` MiB of spaces, made without compressing them: one independently
 * flushed deflate block of 1 MiB repeated, then an empty final block and the checksum.
 */
function deflatedSpaces(megabytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 0x20), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const n = BigInt(megabytes) << 20n;
  const adler = Buffer.alloc(4);
  adler.writeUInt16BE(Number((n + 32n * ((n * (n + 1n)) / 2n)) % 65521n), 0);
  adler.writeUInt16BE(Number((1n + 32n * n) % 65521n), 2);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(megabytes).fill(block), Buffer.from([0x03, 0x00]), adler]);
}

/** A one-page PDF whose content stream is well under a megabyte deflated and `megabytes` MiB inflated (a "flate bomb"). */
export function makeFlateBombPdf(megabytes: number): Buffer {
  const compressed = deflatedSpaces(megabytes);
  return pdfOf([
    '',
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`), compressed, Buffer.from('\nendstream')]),
  ]);
}
