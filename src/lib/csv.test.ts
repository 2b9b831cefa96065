import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with a byte-order mark and ends every row with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('quotes commas, quotes and line breaks, and reads back as written', () => {
    const rows = [['Müller, Anna', 'said "hi"', 'two\nlines', null, 7]];
    const csv = toCsv(['name', 'note', 'text', 'empty', 'n'], rows);
    expect(csv).toContain('"Müller, Anna","said ""hi""","two\nlines",,7');
    expect(parse(csv, { bom: true })).toEqual([
      ['name', 'note', 'text', 'empty', 'n'],
      ['Müller, Anna', 'said "hi"', 'two\nlines', '', '7'],
    ]);
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const csv = toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['-1'], ['@SUM(A1)'], ['\tx'], [-3]]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual([`"'=HYPERLINK(""x"")"`, "'+1", "'-1", "'@SUM(A1)", "'\tx", '-3']);
  });
});
