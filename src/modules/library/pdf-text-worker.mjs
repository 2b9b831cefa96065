// The text of one PDF, read in a worker thread so that a hostile file (a hundred thousand pages, a
// stream that inflates to gigabytes) costs this thread's memory and time, never the server's: the
// parent (files.ts) gives it a heap limit, watches the process's memory and terminates it on expiry.
// Plain JavaScript, not TypeScript: the same file runs under tsx, vitest and the esbuild bundle
// (scripts/build.mjs copies it next to dist/main.js).
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

// Lowest priority for this thread alone (Linux: a thread's id is its own scheduling entity), so the
// server's event loop always gets the CPU first; elsewhere the thread simply keeps normal priority.
try {
  os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), os.constants.priority.PRIORITY_LOW);
} catch {
  // not Linux
}
const { getDocumentProxy } = await import('unpdf');

/** @type {{ data: Uint8Array; maxPages: number; maxChars: number }} */
const { data, maxPages, maxChars } = workerData;

/**
 * Page objects written out plainly in the file, counted up to one past the limit. pdf.js parses
 * every page object to find the last one (15 s and 250 MB for 100,000 pages), so a file that plainly
 * has too many is refused before it is opened; pages hidden in compressed object streams are left
 * to the page limit below and to the parent's time and memory limits.
 */
function plainPageCount() {
  const page = /\/Type\s*\/Page(?![A-Za-z])/g;
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  let count = 0;
  while (count <= maxPages && page.exec(text)) count++;
  return count;
}

/** @returns {Promise<{ text: string } | { refused: string }>} */
async function extract() {
  if (plainPageCount() > maxPages) return { refused: `it has more than ${maxPages} pages, the most whose text is indexed` };
  const pdf = await getDocumentProxy(data, { verbosity: 0, isEvalSupported: false, disableFontFace: true });
  if (pdf.numPages > maxPages) return { refused: `it has ${pdf.numPages} pages, more than the ${maxPages} whose text is indexed` };
  const parts = [];
  let length = 0;
  for (let number = 1; number <= pdf.numPages && length < maxChars; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (length >= maxChars) break;
      if (!('str' in item)) continue;
      parts.push(item.str, item.hasEOL ? '\n' : ' ');
      length += item.str.length + 1;
    }
    page.cleanup();
  }
  return { text: parts.join('').replace(/\s+/g, ' ').trim().slice(0, maxChars) };
}

parentPort?.postMessage(await extract().catch((error) => ({ refused: `it could not be read (${error instanceof Error ? error.message : String(error)})` })));
