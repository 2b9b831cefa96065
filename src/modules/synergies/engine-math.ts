/** Small numeric helpers of the synergy engine: sorted-vector intersection, top-K selection and rounding. */

import type { DocVector } from './engine-types.js';

/** Walks the terms two sorted vectors share, with each side's weight. */
export function mergeIntersect(a: DocVector, b: DocVector, fn: (term: number, wa: number, wb: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i];
    const tb = b.terms[j];
    if (ta === tb) {
      fn(ta, a.weights[i], b.weights[j]);
      i++;
      j++;
    } else if (ta < tb) i++;
    else j++;
  }
}

/**
 * The k items with the highest score, best first (a small binary heap). Equal scores go to the higher `tie` key when
 * given, else to the earlier item.
 */
export function topK<T>(items: T[], score: (item: T) => number, k: number, tie?: (item: T) => number): T[] {
  if (k <= 0) return [];
  const heap: T[] = [];
  const less = (x: T, y: T) => {
    const sx = score(x);
    const sy = score(y);
    return sx < sy || (sx === sy && tie !== undefined && tie(x) < tie(y));
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (less(heap[0], item)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((x, y) => (less(x, y) ? 1 : less(y, x) ? -1 : 0));
}

/** Four decimals: scores that read the same on every machine and in every test. */
export function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
