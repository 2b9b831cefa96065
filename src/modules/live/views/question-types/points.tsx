import type { AnswerValue, PointsResults } from '../../aggregate.js';
import { counted } from '../../../../lib/plural.js';
import type { LiveQuestion } from '../../service.js';
import { BarItem } from '../common.js';

export function PointsChart({ results }: { results: PointsResults }) {
  const max = Math.max(1, ...results.options.map((o) => o.total));
  return (
    <ol class="live-bars">
      {results.options.map((o) => (
        <BarItem label={o.label} value={o.total} max={max}>
          {counted(o.total, 'point')} <span class="small">(average {o.average})</span>
        </BarItem>
      ))}
    </ol>
  );
}

export function PointsFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const prev = Array.isArray(props.previous) ? (props.previous as number[]) : null;
  return (
    <fieldset class="live-points" data-points={String(q.budget)}>
      <legend class="visually-hidden">{q.prompt}</legend>
      <p class="hint">Share {counted(q.budget, 'point')} among the options: more points for what matters more. 0 is allowed.</p>
      {q.options.map((label, i) => (
        <div class="points-row">
          <label for={`p-${q.id}-${i}`}>{label}</label>
          <input id={`p-${q.id}-${i}`} name={`points_${i}`} type="number" inputMode="numeric" min="0" max={String(q.budget)} step="1" value={prev ? String(prev[i] ?? 0) : ''} placeholder="0" />
        </div>
      ))}
      <p class="points-left" aria-live="polite" data-points-left hidden />
    </fieldset>
  );
}
