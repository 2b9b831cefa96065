import type { AnswerValue, ScalesResults } from '../../aggregate.js';
import type { LiveQuestion } from '../../service.js';
import { BarItem } from '../common.js';

export function ScalesChart({ results }: { results: ScalesResults }) {
  return (
    <ol class="live-bars">
      {results.statements.map((s) => (
        <BarItem label={s.label} value={s.average} max={results.scaleMax}>
          {s.average || '–'} / {results.scaleMax}
          <span class="small live-distribution"> ({s.distribution.map((c, v) => `${v + 1}: ${c}`).join(', ')})</span>
        </BarItem>
      ))}
    </ol>
  );
}

/** One row of radio buttons per statement, 1 to the scale's top. */
export function ScalesFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const prev = props.previous;
  return (
    <>
      {q.options.map((statement, i) => (
        <fieldset class="scale">
          <legend>{statement}</legend>
          <div class="scale-options">
            {Array.from({ length: q.scaleMax }, (_, v) => (
              <span class="scale-option">
                <input type="radio" id={`s-${q.id}-${i}-${v + 1}`} name={`scale_${i}`} value={String(v + 1)} required checked={Array.isArray(prev) && prev[i] === v + 1} />
                <label for={`s-${q.id}-${i}-${v + 1}`}>{v + 1}</label>
              </span>
            ))}
          </div>
          <p class="hint">1 = strongly disagree, {q.scaleMax} = strongly agree</p>
        </fieldset>
      ))}
    </>
  );
}
