import type { Results } from './aggregate.js';

/** One line of a comparison: an option, item, statement or word, with its figure at each event. */
export interface ComparisonRow {
  label: string;
  /** Null where the label did not exist (or was not mentioned) at that event. */
  before: number | null;
  now: number | null;
  /** now − before, rounded like the figures; null when one side is missing. */
  change: number | null;
}

export interface ComparisonTable {
  /** What the figures measure, as a column heading says it. */
  measure: string;
  rows: ComparisonRow[];
}

type Figures = { measure: string; values: Map<string, { label: string; value: number }> };

const round = (n: number) => Math.round(n * 10) / 10;
const key = (label: string) => label.trim().toLocaleLowerCase('en');

/**
 * The figure each type is compared by. Shares and averages rather than counts, so that a room of
 * 40 and one of 120 compare fairly; null for open text and Q&A, which are lists, not figures.
 */
function figuresOf(results: Results): Figures | null {
  const map = (entries: { label: string; value: number }[]) => new Map(entries.map((e) => [key(e.label), { label: e.label, value: round(e.value) }]));
  switch (results.type) {
    case 'choice':
      return { measure: '% of responses', values: map([...results.options, ...(results.uncertain ? [results.uncertain] : [])].map((o) => ({ label: o.label, value: o.percent }))) };
    case 'ranking':
      return { measure: 'Mean rank (1 = first)', values: map(results.items.map((i) => ({ label: i.label, value: i.meanRank }))) };
    case 'scales':
      return { measure: `Average (1 to ${results.scaleMax})`, values: map(results.statements.map((s) => ({ label: s.label, value: s.average }))) };
    case 'points':
      return { measure: `Average points (of ${results.budget})`, values: map(results.options.map((o) => ({ label: o.label, value: o.average }))) };
    case 'grid':
      return {
        measure: 'Average position',
        values: map(results.items.flatMap((i) => [
          { label: `${i.label}: ${results.axes[0]}`, value: i.x },
          { label: `${i.label}: ${results.axes[1]}`, value: i.y },
        ])),
      };
    case 'wordcloud':
      return { measure: '% of responses naming it', values: map(results.words.slice(0, 10).map((w) => ({ label: w.word, value: results.responses > 0 ? (100 * w.count) / results.responses : 0 }))) };
    default:
      return null;
  }
}

/**
 * The same question's results at two events side by side, matched by label (case aside), in the
 * order of the present results with labels only the earlier event had at the end. Null when the
 * two cannot be compared (different types, or a type without figures).
 */
export function compareResults(before: Results, now: Results): ComparisonTable | null {
  if (before.type !== now.type) return null;
  const a = figuresOf(before);
  const b = figuresOf(now);
  if (!a || !b) return null;
  const rows: ComparisonRow[] = [];
  for (const [k, { label, value }] of b.values) {
    const earlier = a.values.get(k)?.value ?? null;
    rows.push({ label, before: earlier, now: value, change: earlier === null ? null : round(value - earlier) });
  }
  for (const [k, { label, value }] of a.values) if (!b.values.has(k)) rows.push({ label, before: value, now: null, change: null });
  return { measure: b.measure, rows };
}
