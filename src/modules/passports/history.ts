import type { Flat, FlatValue } from './document.js';

/**
 * A version keeps only what changed: `{key: value}` for a new or changed data point, `{key: null}` for one removed,
 * and `{"key+": [...]}` for readings appended to a series. With a million passports of twenty versions each, whole
 * copies would cost twenty times the data; a change is usually one or two data points.
 */
export type Change = Record<string, FlatValue | null>;

const APPEND = '+';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What turns `before` into `after`. */
export function diff(before: Flat, after: Flat): Change {
  const change: Change = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if (b === undefined) change[key] = null;
    else if (Array.isArray(a) && Array.isArray(b) && b.length > a.length && same(b.slice(0, a.length), a) && Array.isArray(b[0])) change[key + APPEND] = b.slice(a.length) as [string, number][];
    else change[key] = b;
  }
  return change;
}

/** `before` with `change` applied. */
export function apply(before: Flat, change: Change): Flat {
  const after: Flat = { ...before };
  for (const [key, value] of Object.entries(change)) {
    if (key.endsWith(APPEND)) {
      const base = key.slice(0, -APPEND.length);
      after[base] = [...((after[base] as [string, number][] | undefined) ?? []), ...(value as [string, number][])];
    } else if (value === null) delete after[key];
    else after[key] = value;
  }
  return after;
}

/** The data point a change entry is about (without the append marker). */
export const changedKey = (entry: string) => (entry.endsWith(APPEND) ? entry.slice(0, -APPEND.length) : entry);
