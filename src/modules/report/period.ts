/**
 * The period a report covers: whole UTC days, both ends included. Parsing, presets and the previous period of the
 * same length; no I/O.
 */
export interface Period {
  /** YYYY-MM-DD */
  from: string;
  to: string;
}

/** Longer periods are refused: nobody reports on more, and the months of the subscriber chart stay few. */
export const MAX_YEARS = 5;
const DAY_MS = 86_400_000;
const MAX_DAYS = MAX_YEARS * 366;

/** A YYYY-MM-DD that names a real day between 2000 and 2100, or null. */
export function parseDay(text: unknown): string | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return null;
  const year = date.getUTCFullYear();
  return year >= 2000 && year <= 2100 ? text : null;
}

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Days in the period, both ends counted. */
export const lengthInDays = (p: Period): number => Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS) + 1;

/** The period of the same length that ends the day before this one starts. */
export function previousPeriod(p: Period): Period {
  const to = addDays(p.from, -1);
  return { from: addDays(to, -(lengthInDays(p) - 1)), to };
}

/** The period as UTC instants, the end excluded: what timestamp columns are compared with. */
export function instants(p: Period): { start: string; end: string } {
  return { start: `${p.from}T00:00:00.000Z`, end: `${addDays(p.to, 1)}T00:00:00.000Z` };
}

/** The end of each calendar month the period touches (the last one cut at the period's end), for figures over time. */
export function monthEnds(p: Period): { label: string; at: string }[] {
  const ends: { label: string; at: string }[] = [];
  const last = instants(p).end;
  let [year, month] = p.from.split('-').map(Number);
  for (;;) {
    const next = new Date(Date.UTC(year, month, 1)).toISOString();
    ends.push({ label: `${year}-${String(month).padStart(2, '0')}`, at: next < last ? next : last });
    if (next >= last) return ends;
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export interface Preset extends Period {
  key: string;
  label: string;
}

/** This year so far, the last twelve months, then the reporting periods an admin defined. */
export function presets(today: string, defined: { id: number; name: string; from: string; to: string }[]): Preset[] {
  return [
    { key: 'last-12-months', label: 'Last 12 months', from: addDays(today, -364), to: today },
    { key: 'this-year', label: 'This year', from: `${today.slice(0, 4)}-01-01`, to: today },
    ...defined.map((d) => ({ key: `period-${d.id}`, label: d.name, from: d.from, to: d.to })),
  ];
}

export type PeriodResult = { ok: true; period: Period; preset?: string } | { ok: false; message: string; field: 'from' | 'to' | 'preset' };

/** Checks a period typed by a person (two days, the first not after the second, not longer than the limit). */
export function checkPeriod(fromText: unknown, toText: unknown): PeriodResult {
  const from = parseDay(fromText);
  if (!from) return { ok: false, field: 'from', message: 'Enter the first day as a date, like 2026-01-31.' };
  const to = parseDay(toText);
  if (!to) return { ok: false, field: 'to', message: 'Enter the last day as a date, like 2026-12-31.' };
  if (from > to) return { ok: false, field: 'to', message: 'The last day must not be before the first day.' };
  if (lengthInDays({ from, to }) > MAX_DAYS) return { ok: false, field: 'to', message: `Choose a period of at most ${MAX_YEARS} years.` };
  return { ok: true, period: { from, to } };
}

/** The period a report request asks for: a preset by its key, else from–to, else the last twelve months. */
export function resolvePeriod(query: { from?: string; to?: string; preset?: string }, choices: Preset[]): PeriodResult {
  if (query.preset) {
    const preset = choices.find((c) => c.key === query.preset);
    return preset ? { ok: true, period: { from: preset.from, to: preset.to }, preset: preset.key } : { ok: false, field: 'preset', message: 'Choose a period from the list.' };
  }
  if (!query.from && !query.to) return { ok: true, period: { from: choices[0].from, to: choices[0].to }, preset: choices[0].key };
  return checkPeriod(query.from, query.to);
}
