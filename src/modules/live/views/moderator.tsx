import { ActionButton, CheckboxField, SelectField } from '../../../web/admin.js';
import { counted } from '../../../lib/plural.js';
import { CsrfField, ErrorSummary, Field } from '../../../web/components/index.js';
import { formatDate } from '../../../lib/time.js';
import { LIMITS, type QaEntry, QUESTION_TYPE_LABELS, QUESTION_TYPES } from '../aggregate.js';
import type { AnswerEntry, LiveQuestion, LiveSession } from '../service.js';
import { PaceField, PostButton, stateKey } from './common.js';
import { QA_STATE_LABELS, QaItem } from './question-types/qa.js';

export interface ControlViewProps {
  session: LiveSession;
  eventTitle: string;
  eventUrl: string;
  questions: { question: LiveQuestion; responses: number }[];
  current: LiveQuestion | null;
  fragment: string | null;
  qa: { question: LiveQuestion; entries: QaEntry[] }[];
  /** The word cloud or open-text entries of the question on screen, for hiding. */
  entries: AnswerEntry[];
  participants: number;
  joinUrl: string;
  /** Events the moderator may copy the session to (the same event included). */
  events: { id: number; title: string; startsAt: string; timezone: string }[];
  /** Earlier questions (ended sessions of other events) a question may be compared with. */
  comparable: Choice[];
  csrf: string;
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
  notice?: string;
}

type Choice = { value: string; label: string };

/** The fields of a question, for adding one and for editing it. */
function QuestionFields({ values, errors, comparable }: { values: Record<string, unknown>; errors?: Record<string, string>; comparable: Choice[] }) {
  return (
    <>
      <SelectField name="type" label="Type" value={values.type} error={errors?.type} options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))} />
      <Field name="prompt" label="Question" value={values.prompt} error={errors?.prompt} required maxLength={300} />
      <Field
        name="options"
        label="Options, items or statements"
        multiline
        rows={5}
        value={values.options}
        error={errors?.options}
        hint={`One per line (2 to ${LIMITS.options}). Choice and 100 points: the options; ranking and 2×2 grid: the items; scales: the statements. Leave empty for word cloud, open text and Q&A.`}
      />
      <CheckboxField name="multi" label="Choice: several answers allowed" checked={values.multi === 'on'} />
      <Field name="correct" label="Quiz: number of the correct option" value={values.correct} error={errors?.correct} maxLength={2} hint="1 for the first line, 2 for the second…" />
      <Field
        name="timer"
        label="Seconds to answer"
        value={values.timer}
        error={errors?.timer}
        maxLength={3}
        hint="Any type: 5 to 600, counted from when the question opens; later answers are refused. Leave empty for no limit. In a quiz, faster correct answers score more."
      />
      <Field name="uncertainLabel" label="Choice: label of an “uncertain / skip” answer, counted apart" value={values.uncertainLabel} error={errors?.uncertainLabel} maxLength={80} hint="For example “Uncertain”. Leave empty for none." />
      <Field name="xAxis" label="2×2 grid: the scale across" value={values.xAxis} error={errors?.xAxis} maxLength={40} hint="For example “Effort”. Leave empty for Effort." />
      <Field name="yAxis" label="2×2 grid: the scale up" value={values.yAxis} error={errors?.yAxis} maxLength={40} hint="For example “Impact”. Leave empty for Impact." />
      <SelectField name="scaleMax" label="Scales and 2×2 grid: from 1 to" value={values.scaleMax ?? '5'} error={errors?.scaleMax} options={['5', '10'].map((v) => ({ value: v, label: v }))} />
 {comparable.length > 0 && (
        <SelectField
          name="compareTo"
          label="Compare with the same question at an earlier event"
          value={values.compareTo ?? ''}
          error={errors?.compareTo}
          hint="The presenter view and the archive then show both results and the change. Only ended sessions of other events are listed."
          options={[{ value: '', label: 'No comparison' }, ...comparable]}
        />
      )}
      <CheckboxField name="allowChange" label="Participants may change their answer until the question closes" checked={values.allowChange === 'on'} />
      <CheckboxField name="resultsVisible" label="Show results from the start (otherwise you show them when you choose, to avoid herding)" checked={values.resultsVisible === 'on'} />
    </>
  );
}

/** The values of the question form for an existing question. */
export function questionFormValues(q: LiveQuestion): Record<string, unknown> {
  return {
    type: q.type,
    prompt: q.prompt,
    options: q.options.join('\n'),
    multi: q.multi ? 'on' : undefined,
    uncertainLabel: q.uncertainLabel ?? '',
    xAxis: q.axes[0],
    yAxis: q.axes[1],
    scaleMax: String(q.scaleMax),
    correct: q.correct === null ? '' : String(q.correct + 1),
    timer: q.timer === null ? '' : String(q.timer),
    compareTo: q.compareTo === null ? '' : String(q.compareTo),
    allowChange: q.allowChange ? 'on' : undefined,
    resultsVisible: q.resultsVisible ? 'on' : undefined,
  };
}

/** Editing one question; once it has answers, saving needs a confirmation that resets them. */
export function QuestionEditView(props: { sessionId: number; question: LiveQuestion; responses: number; comparable: Choice[]; csrf: string; values: Record<string, unknown>; errors?: Record<string, string> }) {
  const base = `/admin/live/${props.sessionId}`;
  return (
    <form method="post" action={`${base}/questions/${props.question.id}/edit`}>
      <CsrfField token={props.csrf} />
      <ErrorSummary errors={props.errors ?? {}} />
      <QuestionFields values={props.values} errors={props.errors} comparable={props.comparable} />
      {props.responses > 0 && (
        <CheckboxField name="confirmReset" label={`Delete the ${counted(props.responses, 'answer')} this question has, and start it afresh`} checked={props.values.confirmReset === 'on'} />
      )}
      <p class="actions">
        <button type="submit">Save question</button> <a href={base}>Cancel</a>
      </p>
    </form>
  );
}

/** The moderator's page: questions and their controls, live results, Q&A moderation. */
export function ControlView(props: ControlViewProps) {
  const { session, csrf } = props;
  const base = `/admin/live/${session.id}`;
  const values = props.values ?? {};
  return (
    <div class="live-control" data-module="live" data-events={`/live/${session.code}/events?view=moderate`} data-state={stateKey(session, props.current)}>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p>
        For <a href={props.eventUrl}>{props.eventTitle}</a> · status <strong>{session.status}</strong> · join code <strong class="live-code">{session.code}</strong> at{' '}
        <a href={props.joinUrl}>{props.joinUrl}</a> · <span data-live-participants>{props.participants}</span> joined
      </p>
      <p class="actions">
        <a class="button" href={`/live/${session.code}/present`} target="_blank" rel="noopener">
          Open the presenter view
        </a>
        {/* An ended session has no next question; at the audience's pace people move on by themselves. */}
        {session.status !== 'closed' && session.pace === 'presenter' && <PostButton action={`${base}/next`} csrf={csrf} label="Move on to the next question" variant="secondary" />}
        {session.status !== 'closed' && session.pace === 'audience' && props.questions.some(({ question }) => question.state === 'draft') && (
          <PostButton action={`${base}/open-all`} csrf={csrf} label="Open every question" variant="secondary" />
        )}
        {session.status === 'closed' ? (
          <PostButton action={`${base}/reopen`} csrf={csrf} label="Reopen session" variant="secondary" />
        ) : (
          <ActionButton
            action={`${base}/close`}
            csrf={csrf}
            label="End session and archive results"
            danger
            confirm="Every open question closes and the results appear on the event page."
          />
        )}
        <a href={`${base}/answers.csv`} download>
          Download answers (CSV)
        </a>
      </p>
      <form method="post" action={`${base}/pace`} class="live-pace-form">
        <CsrfField token={csrf} />
        <PaceField value={session.pace} error={props.errors?.pace} />
        <button type="submit" class="secondary">
          Change the pace
        </button>
      </form>
      <section aria-labelledby="on-screen">
        <h2 id="on-screen">On screen{props.current ? `: ${props.current.prompt}` : ''}</h2>
        <div data-live-results>
          {props.fragment ? <div dangerouslySetInnerHTML={{ __html: props.fragment }} /> : <p>No question on screen yet. Open one below.</p>}
        </div>
      </section>
      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions</h2>
        {props.questions.length === 0 ? (
          <p>No questions yet. Add the first one below.</p>
        ) : (
          <ol class="live-question-list">
            {props.questions.map(({ question: q, responses }) => {
              const act = `${base}/questions/${q.id}`;
              const label = `“${q.prompt}”`;
              return (
                <li class={q.id === session.currentQuestionId ? 'current' : undefined}>
                  <p>
                    <strong>{q.prompt}</strong> <span class="small">({QUESTION_TYPE_LABELS[q.type]} · {q.state} · {counted(responses, q.type === 'qa' ? 'question' : 'response')} · results {q.resultsVisible ? 'shown' : 'hidden'}
                      {q.timer !== null && ` · ${counted(q.timer, 'second')} to answer`}
                      {q.compareTo !== null && ' · compared with an earlier event'}
                      {q.id === session.currentQuestionId ? ' · on screen' : ''})
                    </span>
                  </p>
                  <div class="live-question-actions">
                    {q.state !== 'open' ? (
                      <PostButton action={`${act}/open`} csrf={csrf} label="Open" hidden={label} />
                    ) : (
                      <PostButton action={`${act}/close`} csrf={csrf} label="Close" hidden={label} />
                    )}
                    {q.resultsVisible ? (
                      <PostButton action={`${act}/hide`} csrf={csrf} label="Hide results" hidden={`of ${label}`} variant="secondary" />
                    ) : (
                      <PostButton action={`${act}/show`} csrf={csrf} label="Show results" hidden={`of ${label}`} variant="secondary" />
                    )}
                    {q.id !== session.currentQuestionId && <PostButton action={`${act}/present`} csrf={csrf} label="Put on screen" hidden={label} variant="secondary" />}
                    <PostButton action={`${act}/up`} csrf={csrf} label="Move up" hidden={label} variant="secondary" />
                    <PostButton action={`${act}/down`} csrf={csrf} label="Move down" hidden={label} variant="secondary" />
                    <PostButton action={`${act}/reset`} csrf={csrf} label="Reset" hidden={`answers of ${label}`} variant="danger" />
                    <a class="button secondary" href={`${act}/edit`}>
                      Edit<span class="visually-hidden"> {label}</span>
                    </a>
                    {responses === 0 ? (
                      <PostButton action={`${act}/delete`} csrf={csrf} label="Delete" hidden={label} variant="danger" />
                    ) : (
                      <details class="confirm-action">
                        <summary>
                          Delete<span class="visually-hidden"> {label}</span>
                        </summary>
                        <p>{`Its ${counted(responses, q.type === 'qa' ? 'question' : 'answer')} will be deleted with it.`}</p>
                        <form method="post" action={`${act}/delete`} class="inline-form">
                          <CsrfField token={csrf} />
                          <input type="hidden" name="confirm" value="reset" />
                          <button type="submit" class="danger">
                            Yes, delete<span class="visually-hidden"> {label}</span>
                          </button>
                        </form>
                      </details>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      {props.current && (props.current.type === 'wordcloud' || props.current.type === 'text') && (
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading">Moderate the answers: {props.current.prompt}</h2>
          <p>
            A hidden answer leaves the screen, the phones and the archive. Words nobody may send are set in <a href="/admin/live/blocked-words">blocked words</a>.{' '}
            <a href={base}>Refresh the list</a>
          </p>
          {props.entries.length === 0 ? (
            <p>No answers yet.</p>
          ) : (
            <ol class="live-entries">
              {props.entries.map((e) => {
                const text = Array.isArray(e.value) ? e.value.join(', ') : String(e.value);
                return (
                  <li class={e.hidden ? 'live-entry-hidden' : undefined}>
                    <span>{text}</span> {e.hidden && <span class="qa-state">Hidden</span>}{' '}
                    <PostButton action={`${base}/questions/${props.current!.id}/entries/${e.id}/${e.hidden ? 'unhide' : 'hide'}`} csrf={csrf} label={e.hidden ? 'Show again' : 'Hide'} hidden={`“${text}”`} variant={e.hidden ? 'secondary' : 'danger'} />
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
      {props.qa.map(({ question, entries }) => (
        <section aria-labelledby={`qa-${question.id}`}>
          <h2 id={`qa-${question.id}`}>Moderate Q&amp;A: {question.prompt}</h2>
          <p>
            <a href={base}>Refresh the list</a>
          </p>
          {entries.length === 0 ? (
            <p>No questions yet.</p>
          ) : (
            <ol class="live-qa">
              {entries.map((e) => (
                <QaItem entry={e}>
                  <span class="qa-state">{QA_STATE_LABELS[e.state]}</span>
                  {(['approved', 'answered', 'hidden'] as const)
                    .filter((s) => s !== e.state)
                    .map((s) => (
                      <PostButton action={`${base}/qa/${e.id}/${s}`} csrf={csrf} label={s === 'approved' ? 'Approve' : s === 'answered' ? 'Mark answered' : 'Hide'} hidden={`“${e.text}”`} variant={s === 'hidden' ? 'danger' : 'secondary'} />
                    ))}
                </QaItem>
              ))}
            </ol>
          )}
        </section>
      ))}
      <section aria-labelledby="copy-session">
        <h2 id="copy-session">Use these questions again</h2>
        <form method="post" action={`${base}/duplicate`}>
          <CsrfField token={csrf} />
          <SelectField
            name="eventId"
            label="Copy this session, with its questions and without answers, to the event"
            value={String(session.eventId)}
            options={props.events.map((e) => ({ value: String(e.id), label: `${e.title} (${formatDate(e.startsAt, e.timezone)})` }))}
          />
          <p class="hint">Copied to another event, each question is compared with this session’s results once this session has ended.</p>
          <button type="submit" class="secondary">
            Copy the session
          </button>
        </form>
        <form method="post" action={`${base}/template`}>
          <CsrfField token={csrf} />
          <Field name="title" label="Save the questions as a template named" value={values.title ?? session.title} error={props.errors?.title} required maxLength={200} hint="A template belongs to no event: start any event’s new session from it on the live sessions page." />
          <button type="submit" class="secondary">
            Save as template
          </button>
        </form>
      </section>
      <section aria-labelledby="add-question">
        <h2 id="add-question">Add a question</h2>
        <form method="post" action={`${base}/questions`}>
          <CsrfField token={csrf} />
          <ErrorSummary errors={props.errors ?? {}} />
          <QuestionFields values={values} errors={props.errors} comparable={props.comparable} />
          <button type="submit">Add question</button>
        </form>
      </section>
    </div>
  );
}
