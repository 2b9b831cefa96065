/**
 * Reader for the official CORDIS Horizon Europe / Horizon 2020 open-data downloads (a folder or the zip, CSV or JSON).
 * It produces a database-independent representation ({@link CordisDataset}); storing it is the service's job.
 * Broken rows are reported with file and line and skipped; the rest is read.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { counted } from '../../lib/plural.js';
import { basename, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { rowHandler } from './cordis-rows.js';
import type { CordisDataset, FileKind, FileSummary, ImportIssue, ReadOptions, Row } from './cordis-types.js';
import { readZip } from './zip.js';

export { parseGeolocation } from './cordis-rows.js';
export type * from './cordis-types.js';

const KNOWN_COLUMNS: Record<FileKind, { required: string[]; optional: string[] }> = {
  project: {
    required: ['id'],
    optional: [
      'acronym', 'status', 'title', 'startdate', 'enddate', 'totalcost', 'ecmaxcontribution', 'legalbasis', 'topics',
      'ecsignaturedate', 'frameworkprogramme', 'mastercall', 'subcall', 'fundingscheme', 'nature', 'objective',
      'contentupdatedate', 'rcn', 'grantdoi', 'keywords',
    ],
  },
  organization: {
    required: ['projectid', 'organisationid', 'name'],
    optional: [
      'projectacronym', 'vatnumber', 'shortname', 'sme', 'activitytype', 'street', 'postcode', 'city', 'country',
      'nutscode', 'geolocation', 'organizationurl', 'contactform', 'contentupdatedate', 'rcn', 'order', 'role',
      'eccontribution', 'neteccontribution', 'totalcost', 'endofparticipation', 'active',
    ],
  },
  topics: { required: ['projectid', 'topic'], optional: ['title'] },
  legalBasis: { required: ['projectid', 'legalbasis'], optional: ['title', 'uniqueprogrammepart'] },
  euroSciVoc: {
    required: ['projectid', 'euroscivocpath'],
    optional: ['euroscivoccode', 'euroscivoctitle', 'euroscivocdescription'],
  },
  deliverables: {
    required: ['projectid', 'title'],
    optional: ['id', 'deliverabletype', 'description', 'projectacronym', 'url', 'collection', 'contentupdatedate', 'rcn'],
  },
  reports: {
    required: ['projectid', 'title'],
    optional: ['id', 'projectacronym', 'attachment', 'contentupdatedate', 'rcn'],
  },
};

/** Maps a download's file name (`he_topics.csv`, `h2020_projectDeliverables.json`, `project.csv`) to what it holds. */
export function fileKind(name: string): FileKind | null {
  const stem = basename(name)
    .toLowerCase()
    .replace(/\.(csv|json)$/, '')
    .replace(/^(he|h2020|horizon|fp7|cordis)[_-]/, '');
  switch (stem) {
    case 'project':
    case 'projects':
      return 'project';
    case 'organization':
    case 'organisation':
    case 'organizations':
      return 'organization';
    case 'topics':
      return 'topics';
    case 'legalbasis':
      return 'legalBasis';
    case 'euroscivoc':
      return 'euroSciVoc';
    case 'projectdeliverables':
    case 'deliverables':
      return 'deliverables';
    case 'reportsummaries':
      return 'reports';
    default:
      return null;
  }
}

/** Detects the field separator from the header line: `;` or `,` (or tab), counted outside quotes. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Decodes a file as UTF-8 (dropping a BOM); falls back to Windows-1252 with a warning when it is not valid UTF-8. */
export function decodeText(buffer: Buffer, file: string, issues: ImportIssue[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    issues.push({ file, line: 0, severity: 'warning', message: 'not valid UTF-8; read as Windows-1252' });
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** An empty dataset, to be filled by {@link readCordisFile} calls. */
export function emptyDataset(): CordisDataset {
  return { projects: new Map(), organisations: [], issues: [], files: [] };
}

/**
 * Reads a CORDIS download: a folder (searched recursively) or a zip archive, or a single CSV/JSON file.
 * Files it does not know are listed as unused; broken rows become issues, never exceptions.
 */
export async function readCordis(path: string, options: ReadOptions = {}): Promise<CordisDataset> {
  const dataset = emptyDataset();
  const info = await stat(path);
  if (info.isDirectory()) {
    for (const file of await listFiles(path)) {
      const name = relative(path, file);
      if (/\.zip$/i.test(file)) await readArchive(await readFile(file), name, dataset, options);
      else await readCordisFile(dataset, name, await readFile(file), options);
    }
  } else if (/\.zip$/i.test(path)) {
    await readArchive(await readFile(path), basename(path), dataset, options);
  } else {
    await readCordisFile(dataset, basename(path), await readFile(path), options);
  }
  return dataset;
}

async function readArchive(buffer: Buffer, name: string, dataset: CordisDataset, options: ReadOptions): Promise<void> {
  let entries;
  try {
    entries = readZip(buffer);
  } catch (err) {
    dataset.issues.push({ file: name, line: 0, severity: 'error', message: (err as Error).message });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('__MACOSX/') || basename(entry.name).startsWith('.')) continue;
    const file = `${name}:${entry.name}`;
    if (!fileKind(entry.name)) {
      dataset.files.push({ file, kind: 'unused', rows: 0, skipped: 0 });
      continue;
    }
    let content: Buffer;
    try {
      content = entry.read();
    } catch (err) {
      dataset.issues.push({ file, line: 0, severity: 'error', message: (err as Error).message });
      continue;
    }
    await readCordisFile(dataset, file, content, options);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (/\.(csv|json|zip)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Reads one CSV or JSON file's content into the dataset; `file` names it in issues. */
export async function readCordisFile(
  dataset: CordisDataset,
  file: string,
  content: Buffer,
  options: ReadOptions = {},
): Promise<void> {
  const kind = fileKind(file);
  if (!kind) {
    dataset.files.push({ file, kind: 'unused', rows: 0, skipped: 0 });
    return;
  }
  const summary: FileSummary = { file, kind, rows: 0, skipped: 0 };
  dataset.files.push(summary);
  const issues = dataset.issues;
  const text = decodeText(content, file, issues);
  const handle = rowHandler(kind, dataset);
  const report = (line: number, message: string, severity: ImportIssue['severity'] = 'error') => {
    issues.push({ file, line, severity, message });
    if (severity === 'error') summary.skipped++;
  };
  const accept = (row: Row, line: number) => {
    const problem = handle(row);
    if (problem) report(line, problem);
    else summary.rows++;
  };
  const checkColumns = (columns: string[]): boolean => {
    const known = KNOWN_COLUMNS[kind];
    const missing = known.required.filter((c) => !columns.includes(c));
    if (missing.length > 0) {
      report(1, `missing required column(s) ${missing.join(', ')}; file skipped`);
      return false;
    }
    const unknown = columns.filter((c) => c && !known.required.includes(c) && !known.optional.includes(c));
    if (unknown.length > 0) report(1, `unknown column(s) ignored: ${unknown.join(', ')}`, 'warning');
    return true;
  };

  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      report(0, `not valid JSON: ${(err as Error).message}`);
      return;
    }
    const records = Array.isArray(data) ? data : null;
    if (!records) {
      report(0, 'JSON file is not an array of records');
      return;
    }
    const columns = new Set<string>();
    for (const r of records) if (r && typeof r === 'object') for (const k of Object.keys(r)) columns.add(k.toLowerCase());
    if (!checkColumns([...columns])) return;
    records.forEach((record, i) => {
      if (!record || typeof record !== 'object') {
        report(i + 1, 'record is not an object');
        return;
      }
      const row: Row = {};
      for (const [k, v] of Object.entries(record as Record<string, unknown>)) {
        row[k.toLowerCase()] = v === null || v === undefined ? '' : String(v);
      }
      accept(row, i + 1);
    });
    options.onProgress?.({ file, bytes: content.length, totalBytes: content.length, rows: summary.rows });
    return;
  }

  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  const repaired = repairLeadingQuotes(text, delimiter);
  for (const line of repaired.lines) {
    report(line, 'a field starts with a bare quote (CORDIS export quirk); read as a literal quote', 'warning');
  }
  let columnsOk = true;
  let lastLine = 1;
  const parser = parse({
    delimiter,
    bom: true,
    columns: (header: string[]) => {
      const cols = header.map((h) => h.trim().replace(/^\uFEFF/, '').toLowerCase());
      columnsOk = checkColumns(cols);
      return cols;
    },
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    relax_quotes: false,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.lines === 'number' ? err.lines : lastLine + 1;
      report(line, `unreadable row: ${(err?.message ?? 'parse error').replace(/ on line \d+$/, '')}`);
      lastLine = line;
      return undefined;
    },
  });
  const chunkSize = 1 << 20;
  const chunks = function* () {
    for (let i = 0; i < repaired.text.length; i += chunkSize) yield repaired.text.slice(i, i + chunkSize);
  };
  let nextProgress = 0;
  try {
    for await (const item of Readable.from(chunks()).pipe(parser)) {
      const { record, info } = item as { record: Row; info: { lines: number; bytes: number } };
      const startLine = lastLine + 1;
      lastLine = info.lines;
      if (!columnsOk) continue;
      accept(record, startLine);
      if (options.onProgress && info.bytes >= nextProgress) {
        options.onProgress({ file, bytes: info.bytes, totalBytes: content.length, rows: summary.rows });
        nextProgress = info.bytes + (1 << 20);
      }
    }
  } catch (err) {
    // a fatal parse error (e.g. an unterminated quote at the end of the file): keep what was read
    const e = err as CsvError;
    report(typeof e.lines === 'number' ? e.lines : lastLine + 1, `file ends in an unreadable row: ${e.message}`);
  }
  options.onProgress?.({ file, bytes: content.length, totalBytes: content.length, rows: summary.rows });
}

/**
 * CORDIS exports write a value that begins with a quote as `""Text ""x"" more""` inside a quoted field, which no CSV
 * parser accepts and which derails the following row too. This walks the quoting state and, only for a field that opens
 * with `""` followed by text, escapes the opening and closing quote (`"""`). Valid CSV is returned unchanged.
 */
export function repairLeadingQuotes(text: string, delimiter: string): { text: string; lines: number[] } {
  const lines: number[] = [];
  if (!/(^|[;,\t\n])""[^";,\t\r\n]/.test(text)) return { text, lines };
  const inserts: number[] = [];
  const isEnd = (ch: string | undefined) => ch === undefined || ch === delimiter || ch === '\n' || ch === '\r';
  let atFieldStart = true;
  let inQuotes = false;
  let quirk = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!inQuotes) {
      if (c === '"' && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
        if (text[i + 1] === '"' && !isEnd(text[i + 2]) && text[i + 2] !== '"') {
          inserts.push(i);
          lines.push(line);
          quirk = true;
          i++;
        }
        continue;
      }
      if (c === delimiter) atFieldStart = true;
      else if (c === '\n') {
        atFieldStart = true;
        line++;
      } else if (c !== '\r') atFieldStart = false;
      continue;
    }
    if (c === '\n') line++;
    if (c !== '"') continue;
    if (text[i + 1] === '"') {
      if (quirk && isEnd(text[i + 2])) {
        inserts.push(i);
        inQuotes = false;
        quirk = false;
      }
      i++;
      continue;
    }
    inQuotes = false;
    quirk = false;
  }
  if (inserts.length === 0) return { text, lines };
  const parts: string[] = [];
  let from = 0;
  for (const at of inserts) {
    parts.push(text.slice(from, at), '"');
    from = at;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), lines };
}

/** One line per file and the issue counts, for the end of an import. */
export function summarise(dataset: CordisDataset): string {
  const lines = dataset.files.map((f) =>
    f.kind === 'unused' ? `  ${f.file}: not used` : `  ${f.file} (${f.kind}): ${counted(f.rows, 'row')}, ${f.skipped} skipped`,
  );
  const errors = dataset.issues.filter((i) => i.severity === 'error').length;
  const warnings = dataset.issues.length - errors;
  lines.push(`  ${counted(dataset.projects.size, 'project')}, ${counted(dataset.organisations.length, 'organisation')}; ${counted(errors, 'error')}, ${counted(warnings, 'warning')}`);
  return lines.join('\n');
}
