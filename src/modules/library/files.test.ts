import { describe, expect, it } from 'vitest';
import { makeFlateBombPdf, makeManyPagePdf, makePdf } from '../../../test/helpers/library-files.js';
import { extractPdfText, PDF_TEXT_LIMITS } from './files.js';

describe('PDF text, read in a worker within limits', () => {
  it('reads the text of an ordinary PDF', async () => {
    expect(await extractPdfText(makePdf(['Lithium from geothermal brines', 'second page']))).toEqual({ status: 'extracted', text: 'Lithium from geothermal brines second page' });
  });

  it('keeps only the first characters up to the limit', async () => {
    const { text } = await extractPdfText(makePdf(['abcdefghij', 'klmnopqrst']), { ...PDF_TEXT_LIMITS, maxChars: 12 });
    expect(text).toBe('abcdefghij k');
  });

  it('does not read a PDF of more pages than the limit', async () => {
    expect(await extractPdfText(makePdf(['one', 'two', 'three']), { ...PDF_TEXT_LIMITS, maxPages: 2 })).toMatchObject({ status: 'not_extracted', reason: expect.stringContaining('more than 2 pages') });
    expect(await extractPdfText(makeManyPagePdf(100_000))).toMatchObject({ status: 'not_extracted', reason: expect.stringContaining('more than 2000 pages') });
  });

  it('stops the worker when time runs out or memory grows past the limit', async () => {
    expect(await extractPdfText(makePdf(['slow']), { ...PDF_TEXT_LIMITS, timeoutMs: 1 })).toMatchObject({ status: 'not_extracted', reason: expect.stringContaining('longer than') });
    expect(await extractPdfText(makeFlateBombPdf(400), { ...PDF_TEXT_LIMITS, memoryMb: 96 })).toMatchObject({ status: 'not_extracted', reason: expect.stringContaining('more than 96 MB') });
  });

  it('answers "not extracted" for a file that is not a readable PDF', async () => {
    expect(await extractPdfText(Buffer.from('%PDF-1.7\n1 0 obj << garbage'))).toMatchObject({ status: 'not_extracted', reason: expect.stringContaining('could not be read') });
  });
});
