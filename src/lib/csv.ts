import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer for every export (registrations, live answers): RFC 4180 with CRLF line ends, a field quoted
 * when it holds a comma, quote or line break, and a UTF-8 byte-order mark, without which spreadsheet programs guess
 * the encoding and mangle accents. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * CR) gets a leading apostrophe, so an attendee's "name" cannot run on the organiser's machine; negative numbers stay
 * numbers.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    // The library quotes only at the record delimiter (CRLF); a lone line break inside a field needs quotes too.
    quoted_match: /[\r\n]/,
  });
}
