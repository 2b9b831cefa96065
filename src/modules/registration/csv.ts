/**
 * CSV for spreadsheets (RFC 4180): every field quoted, quotes doubled, and cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A whole CSV file with a header row, readable by spreadsheet programs as UTF-8. */
export function toCsv(header: string[], rows: unknown[][]): string {
  // Without the byte-order mark, spreadsheet programs guess the encoding and mangle accents.
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
