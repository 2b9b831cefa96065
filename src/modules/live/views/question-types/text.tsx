import { Field } from '../../../../web/components/index.js';
import { type AnswerValue, LIMITS, type TextResults } from '../../aggregate.js';

export function TextList({ results }: { results: TextResults }) {
  return (
    <ul class="live-texts">
      {results.texts.slice(0, 50).map((t) => <li>{t}</li>)}
    </ul>
  );
}

export function TextFields(props: { previous: AnswerValue | null }) {
  return <Field name="text" label="Your answer" multiline rows={4} maxLength={LIMITS.textLength} required value={typeof props.previous === 'string' ? props.previous : ''} />;
}
