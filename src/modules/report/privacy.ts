/**
 * The one rule that keeps the report anonymous: a figure that describes fewer than five people is never shown as a
 * number (a count of 2 participants from one country could name them). Every count of people in the report goes
 * through `people()`, every share of people through `share()`.
 */
export const SMALLEST_GROUP = 5;
export const FEWER_THAN = 'fewer than 5';

/** What a cell shows: a number, or the words that stand in for a group too small to show. */
export type Cell = number | string;

/** A count of people as it may be shown: 0 and 5 or more as they are, 1 to 4 as "fewer than 5". */
export function people(n: number): Cell {
  return n > 0 && n < SMALLEST_GROUP ? FEWER_THAN : n;
}

/**
 * A share of people as a whole percentage, or "fewer than 5" when the whole, the part or the rest is a group of
 * 1 to 4 (100 registered and 98% present would say that 2 people stayed away).
 */
export function share(part: number, whole: number): Cell {
  if (whole === 0) return '–';
  const small = (n: number) => n > 0 && n < SMALLEST_GROUP;
  if (whole < SMALLEST_GROUP || small(part) || small(whole - part)) return FEWER_THAN;
  return `${Math.round((part / whole) * 100)}%`;
}

/** The number a chart may draw for a cell: none for a hidden group. */
export const drawable = (cell: Cell): number | null => (typeof cell === 'number' ? cell : null);

/** A cell as text, numbers with thousands separators. */
export const cellText = (cell: Cell): string => (typeof cell === 'number' ? cell.toLocaleString('en') : cell);
