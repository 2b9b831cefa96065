/**
 * CSV for spreadsheets (RFC 4180): every field quoted, quotes doubled, and cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8.
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
