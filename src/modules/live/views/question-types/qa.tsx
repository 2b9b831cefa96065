import type { ComponentChildren } from 'preact';
import { counted } from '../../../../lib/plural.js';
import { renderToString } from 'preact-render-to-string';
import { CsrfField, Field } from '../../../../web/components/index.js';
import { LIMITS, type QaEntry, type QaResults } from '../../aggregate.js';
import type { Audience } from '../../hub.js';
import type { LiveQuestion } from '../../service.js';

export const QA_STATE_LABELS: Record<QaEntry['state'], string> = { pending: 'Waiting for approval', approved: 'Approved', answered: 'Answered', hidden: 'Hidden' };

/** One Q&A entry: its upvotes and text, then whatever the view adds (state, buttons). */
export function QaItem(props: { entry: QaEntry; children?: ComponentChildren }) {
  return (
    <li class={`qa-${props.entry.state}`}>
      <span class="qa-votes">
        <span aria-hidden="true">{props.entry.upvotes}</span> <span class="visually-hidden">{counted(props.entry.upvotes, 'upvote')}</span>
      </span>
      <span class="qa-text">{props.entry.text}</span>
      {props.children}
    </li>
  );
}

export function QaList({ results, audience }: { results: QaResults; audience: Audience }) {
  if (results.entries.length === 0) return <p>No questions yet.</p>;
  return (
    <ol class="live-qa">
      {results.entries.map((e) => (
        <QaItem entry={e}>{(audience === 'moderate' || e.state === 'answered') && <span class="qa-state">{QA_STATE_LABELS[e.state]}</span>}</QaItem>
      ))}
    </ol>
  );
}

export function QaParticipant(props: { code: string; question: LiveQuestion; entries: QaEntry[]; csrf: string; error?: string }) {
  const q = props.question;
  return (
    <>
      {q.state === 'open' ? (
        <form method="post" action={`/live/${props.code}/questions/${q.id}/qa`} class="live-answer">
          <CsrfField token={props.csrf} />
          <Field name="question" label="Your question for the speakers" multiline rows={3} maxLength={LIMITS.qaLength} required error={props.error} hint="The moderator approves questions before they appear." />
          <button type="submit">Send question</button>
        </form>
      ) : (
        <p>Questions are closed.</p>
      )}
      <h2>Questions from the audience</h2>
      {/* The script swaps in a fresh copy of this list (see qaListFragment) when the session changes. */}
      <div data-live-qa={`/live/${props.code}/qa`}>
        <QaUpvoteList code={props.code} entries={props.entries} csrf={props.csrf} />
      </div>
    </>
  );
}

/** The approved questions with their upvote buttons; the buttons carry this visitor's CSRF token. */
function QaUpvoteList(props: { code: string; entries: QaEntry[]; csrf: string }) {
  if (props.entries.length === 0) return <p>No approved questions yet.</p>;
  return (
    <ol class="live-qa">
      {props.entries.map((e) => (
        <QaItem entry={e}>
          {e.state === 'answered' ? (
            <span class="qa-state">Answered</span>
          ) : (
            <form method="post" action={`/live/${props.code}/qa/${e.id}/upvote`} class="inline-form">
              <CsrfField token={props.csrf} />
              <button type="submit" class="secondary">
                Upvote<span class="visually-hidden">: {e.text}</span>
              </button>
            </form>
          )}
        </QaItem>
      ))}
    </ol>
  );
}

export function qaListFragment(code: string, entries: QaEntry[], csrf: string): string {
  return renderToString(<QaUpvoteList code={code} entries={entries} csrf={csrf} />);
}
