import { type AnswerValue, LIMITS, type WordCloudResults } from '../../aggregate.js';
import { counted } from '../../../../lib/plural.js';
import type { LiveQuestion } from '../../service.js';

export function WordCloud({ results }: { results: WordCloudResults }) {
  const max = Math.max(1, ...results.words.map((w) => w.count));
  const words = [...results.words].sort((a, b) => a.word.localeCompare(b.word));
  return (
    <ul class="live-cloud">
      {words.map((w) => (
        <li data-key={w.word} class={`w${Math.ceil((6 * w.count) / max)}`}>
          {w.word} <span class="visually-hidden">({counted(w.count, 'mention')})</span>
        </li>
      ))}
    </ul>
  );
}

/** Up to LIMITS.words words, the first required. */
export function WordCloudFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const prev = props.previous;
  return (
    <fieldset>
      <legend class="visually-hidden">{q.prompt}</legend>
      {Array.from({ length: LIMITS.words }, (_, i) => (
        <div class="field">
          <label for={`w-${q.id}-${i}`}>
            Word {i + 1}
            {i > 0 && <span class="optional"> (optional)</span>}
          </label>
          <input id={`w-${q.id}-${i}`} name="word" maxLength={LIMITS.wordLength} required={i === 0} value={Array.isArray(prev) ? String(prev[i] ?? '') : ''} autocomplete="off" />
        </div>
      ))}
    </fieldset>
  );
}
