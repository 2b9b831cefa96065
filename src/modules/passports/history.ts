import type { Flat, FlatValue } from './document.js';

/**
 * A version keeps only what it changed, as the values from before it (its undo): `{key: old value}` for a changed data
 * point, `{key: null}` for one that was not given before, and `{"key#": n}` when readings were appended to a series that
 * had n. The passport's row holds the current data, so an earlier version is the current data with the later versions
 * undone; the first version needs no copy of the data at all. With a million passports of twenty versions each, whole
 * copies (or even a full first version) would cost several times the data itself.
 */
export type Change = Record<string, FlatValue | number | null>;

const LENGTH = '#';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What undoes the step from `before` to `after`. */
export function undoOf(before: Flat, after: Flat): Change {
  const undo: Change = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if (Array.isArray(a) && Array.isArray(b) && Array.isArray(b[0]) && b.length > a.length && same(b.slice(0, a.length), a)) undo[key + LENGTH] = a.length;
    else undo[key] = a === undefined ? null : a;
  }
  return undo;
}

/** `data` with an undo applied: the data as it stood before that version. */
export function undo(data: Flat, change: Change): Flat {
  const before: Flat = { ...data };
  for (const [key, value] of Object.entries(change)) {
    if (key.endsWith(LENGTH)) {
      const base = key.slice(0, -LENGTH.length);
      before[base] = (before[base] as [string, number][]).slice(0, value as number);
    } else if (value === null) delete before[key];
    else before[key] = value as FlatValue;
  }
  return before;
}

/** The data point an undo entry is about (without the series marker). */
export const changedKey = (entry: string) => (entry.endsWith(LENGTH) ? entry.slice(0, -LENGTH.length) : entry);
