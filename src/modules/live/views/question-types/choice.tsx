import { Field } from '../../../../web/components/index.js';
import { type AnswerValue, type ChoiceResults, UNCERTAIN } from '../../aggregate.js';
import { NICKNAME_LENGTH } from '../../schema.js';
import type { LiveQuestion } from '../../service.js';
import { BarItem } from '../common.js';

export function ChoiceChart({ results }: { results: ChoiceResults }) {
  return (
    <ol class="live-bars">
      {results.options.map((o, i) => (
        <BarItem label={results.correct === i ? `✓ ${o.label} (correct)` : o.label} value={o.percent} max={100} class={results.correct === i ? 'live-correct' : undefined}>
          {o.percent}% <span class="small">({o.count})</span>
        </BarItem>
      ))}
      {results.uncertain && (
        <BarItem label={results.uncertain.label} value={results.uncertain.percent} max={100} muted class="live-uncertain">
          {results.uncertain.percent}% <span class="small">({results.uncertain.count}, counted apart)</span>
        </BarItem>
      )}
    </ol>
  );
}

/** Single or multiple choice, with the optional “uncertain” answer counted apart. */
export function ChoiceFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const chosen = new Set(Array.isArray(props.previous) ? (props.previous as unknown[]) : []);
  return (
    <fieldset>
      <legend class="visually-hidden">{q.prompt}</legend>
      {q.multi && <p class="hint">Choose one or more.</p>}
      {q.options.map((label, i) => (
        <div class="choice">
          <input type={q.multi ? 'checkbox' : 'radio'} id={`c-${q.id}-${i}`} name="choice" value={String(i)} checked={chosen.has(i)} />
          <label for={`c-${q.id}-${i}`}>{label}</label>
        </div>
      ))}
      {q.uncertainLabel && (
        <div class="choice choice-uncertain">
          <input type={q.multi ? 'checkbox' : 'radio'} id={`c-${q.id}-u`} name={q.multi ? 'uncertain' : 'choice'} value="uncertain" checked={chosen.has(UNCERTAIN)} />
          <label for={`c-${q.id}-u`}>{q.uncertainLabel}</label>
        </div>
      )}
    </fieldset>
  );
}

/** A quiz: one answer, final once sent, and a nickname for the leaderboard. */
export function QuizFields(props: { question: LiveQuestion }) {
  const q = props.question;
  return (
    <fieldset>
      <legend class="visually-hidden">{q.prompt}</legend>
      {q.options.map((label, i) => (
        <div class="choice">
          <input type="radio" id={`c-${q.id}-${i}`} name="choice" value={String(i)} required />
          <label for={`c-${q.id}-${i}`}>{label}</label>
        </div>
      ))}
      <Field name="nickname" label="Nickname for the leaderboard" hint="Optional. Leave empty to stay anonymous." maxLength={NICKNAME_LENGTH} value="" />
    </fieldset>
  );
}
