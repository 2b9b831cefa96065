import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, Field } from '../../../web/components/index.js';
import type { AnswerValue, QaEntry, Results } from '../aggregate.js';
import { NICKNAME_LENGTH } from '../schema.js';
import { type LiveQuestion, type LiveSession, phoneSeesResults, timeLeftMs } from '../service.js';
import { ChoiceFields, QuizFields } from './question-types/choice.js';
import { GridFields } from './question-types/grid.js';
import { PointsFields } from './question-types/points.js';
import { QaParticipant } from './question-types/qa.js';
import { RankingFields } from './question-types/ranking.js';
import { ScalesFields } from './question-types/scales.js';
import { TextFields } from './question-types/text.js';
import { WordCloudFields } from './question-types/wordcloud.js';
import { ResultsChart } from './results.js';
import { Countdown, stateKey } from './common.js';

/** The phone's own frame: the session's name and code on one line, then the screen's content; no site navigation. */
function PhoneFrame(props: { title: string; code?: string; children: ComponentChildren; attributes?: Record<string, string> }) {
  return (
    <div class="live-phone" {...props.attributes}>
      <header class="live-phone-bar">
        <span class="live-phone-title">{props.title}</span>
        {props.code && (
          <span>
            <span class="visually-hidden">Session code </span>
            <span class="live-code">{props.code}</span>
          </span>
        )}
      </header>
      <div class="live-phone-body">{props.children}</div>
    </div>
  );
}

export function JoinView(props: { code?: string; error?: string }) {
  return (
    <PhoneFrame title="Live session">
      <div class="live-join">
        <h1>Join a live session</h1>
        <p>Enter the six-character code shown on the screen. No account is needed.</p>
        <ErrorSummary errors={props.error ? { code: props.error } : {}} />
        <form method="get" action="/live" class="stack">
          <Field name="code" label="Session code" value={props.code} error={props.error} required autocomplete="off" maxLength={12} hint="For example K7MP2Q. Letters and digits; case does not matter." />
          <button type="submit" class="live-primary">
            Join
          </button>
        </form>
      </div>
    </PhoneFrame>
  );
}

/** The answer fields of a question, by type. */
function AnswerFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const { question, previous } = props;
  switch (question.type) {
    case 'quiz':
      return <QuizFields question={question} />;
    case 'choice':
      return <ChoiceFields question={question} previous={previous} />;
    case 'ranking':
      return <RankingFields question={question} previous={previous} />;
    case 'scales':
      return <ScalesFields question={question} previous={previous} />;
    case 'points':
      return <PointsFields question={question} previous={previous} />;
    case 'grid':
      return <GridFields question={question} previous={previous} />;
    case 'wordcloud':
      return <WordCloudFields question={question} previous={previous} />;
    case 'text':
      return <TextFields previous={previous} />;
    case 'qa':
      return null;
  }
}

function AnswerForm(props: { code: string; question: LiveQuestion; csrf: string; previous: AnswerValue | null; error?: string }) {
  const q = props.question;
  const prev = props.previous;
  const action = `/live/${props.code}/questions/${q.id}/answer`;
  const fields = <AnswerFields question={q} previous={prev} />;
  return (
    <form method="post" action={action} class="live-answer" aria-describedby={props.error ? 'answer-error' : undefined}>
      <CsrfField token={props.csrf} />
      {props.error && (
        <p class="error-message" id="answer-error" role="alert">
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <Countdown question={q} />
      {fields}
      <button type="submit" class="live-primary">
        {prev === null ? 'Send answer' : 'Change answer'}
      </button>
    </form>
  );
}

export interface ParticipantViewProps {
  session: LiveSession;
  eventUrl: string | null;
  joined: boolean;
  question: LiveQuestion | null;
  previous: AnswerValue | null;
  /** Results, when this phone may see them (see `phoneSeesResults`). */
  results: Results | null;
  qa: QaEntry[];
  csrf: string;
  error?: string;
  notice?: string;
  /** Audience pace: the questionnaire's questions, whether this person answered each, and where they are. */
  paced?: PacedQuestionnaire;
}

export interface PacedQuestionnaire {
  questions: { id: number; prompt: string; answered: boolean }[];
  /** Position of the question shown, or -1 on the closing page (everything answered). */
  at: number;
}

/** Where a person is in an audience-paced questionnaire, with links back and on; plain links, so it works without JavaScript. */
function PacedNav(props: { code: string; paced: PacedQuestionnaire }) {
  const { questions, at } = props.paced;
  const link = (i: number) => `/live/${props.code}?q=${questions[i].id}`;
  const done = questions.filter((q) => q.answered).length;
  return (
    <nav class="live-paced-nav" aria-label="Questions">
      <p class="small">{at >= 0 ? `Question ${at + 1} of ${questions.length} · ${done} answered` : `${done} of ${questions.length} answered`}</p>
      <p class="live-paced-links">
        {at > 0 && (
          <a class="button secondary" href={link(at - 1)}>
            Back
          </a>
        )}
        {at >= 0 && at < questions.length - 1 && (
          <a class="button secondary" href={link(at + 1)}>
            {questions[at].answered ? 'Next' : 'Skip'}
          </a>
        )}
      </p>
    </nav>
  );
}

/** The end of an audience-paced questionnaire: every question answered (or skipped), each reachable again. */
function PacedDone(props: { code: string; paced: PacedQuestionnaire }) {
  const open = props.paced.questions.filter((q) => !q.answered);
  return (
    <>
      <h1>{open.length === 0 ? 'Thank you: you have answered every question' : 'Almost done'}</h1>
      {open.length > 0 && <p>{open.length === 1 ? 'One question is still without your answer:' : `${open.length} questions are still without your answer:`}</p>}
      <ol class="live-paced-list">
        {props.paced.questions.map((q) => (
          <li>
            <a href={`/live/${props.code}?q=${q.id}`}>{q.prompt}</a> <span class="small">({q.answered ? 'answered' : 'not answered yet'})</span>
          </li>
        ))}
      </ol>
    </>
  );
}

function Waiting(props: { code: string; text?: string }) {
  return (
    <div class="live-waiting">
      <p class="live-waiting-text">
        <span class="live-pulse" aria-hidden="true" />
        {props.text ?? 'Waiting for the next question…'}
      </p>
      <p class="small">
        This screen follows the moderator by itself. <noscript>Without JavaScript, </noscript>
        <a href={`/live/${props.code}`}>reload</a> if it does not.
      </p>
    </div>
  );
}

export function ParticipantView(props: ParticipantViewProps) {
  const { session, question, paced } = props;
  const code = session.code;
  const answered = props.previous !== null;
  const timeUp = question !== null && question.state === 'open' && timeLeftMs(question) === 0;
  let body: ComponentChildren;
  if (session.status === 'closed') {
    body = (
      <>
        <h1>This session has ended</h1>
        <p>Thank you for taking part. {props.eventUrl && <a href={props.eventUrl}>The results are archived on the event page.</a>}</p>
      </>
    );
  } else if (!props.joined) {
    body = (
      <>
        <h1>{session.title}</h1>
        <p>Join to answer the questions. You stay anonymous: no name or e-mail is asked.</p>
        <form method="post" action={`/live/${code}/join`}>
          <CsrfField token={props.csrf} />
          <Field name="nickname" label="Nickname for quizzes" hint="Optional: shown on the leaderboard if you score." maxLength={NICKNAME_LENGTH} value="" />
          <button type="submit" class="live-primary">
            Join the session
          </button>
        </form>
      </>
    );
  } else if (paced && paced.at < 0 && paced.questions.length > 0) {
    body = <PacedDone code={code} paced={paced} />;
  } else if (!question || question.state === 'draft') {
    body = (
      <>
        <h1 class="visually-hidden">{session.title}</h1>
        <Waiting code={code} text="Waiting for the first question…" />
      </>
    );
  } else {
    body = (
      <section aria-labelledby="question-heading" class="live-question">
        {paced && <PacedNav code={code} paced={paced} />}
        <h1 id="question-heading">{question.prompt}</h1>
        {question.type === 'qa' ? (
          <QaParticipant code={code} question={question} entries={props.qa} csrf={props.csrf} error={props.error} />
        ) : question.state === 'closed' ? (
          <p class="live-closed">Answers to this question are closed.</p>
        ) : timeUp && !answered ? (
          <p class="live-closed">Time is up: this question took answers for {question.timer} seconds.</p>
        ) : answered ? (
          <>
            <div class="live-sent" role="status">
              <p class="live-sent-title">
                <span aria-hidden="true">✓ </span>Answer sent
              </p>
              {paced ? <p>Go on with the next question when you are ready.</p> : <Waiting code={code} />}
            </div>
            {question.allowChange && (
              <details class="live-change">
                <summary>Change my answer</summary>
                <AnswerForm code={code} question={question} csrf={props.csrf} previous={props.previous} error={props.error} />
              </details>
            )}
          </>
        ) : (
          <AnswerForm code={code} question={question} csrf={props.csrf} previous={props.previous} error={props.error} />
        )}
        {/* Not a live region: results change up to ten times a second, which would drown a screen reader.
            At the audience's pace the stream carries the big screen's question, not this one: no live chart. */}
        <div data-live-results={paced ? undefined : ''} class="live-phone-results">
          {props.results && phoneSeesResults(question, answered) && <ResultsChart question={question} results={props.results} audience="participant" />}
        </div>
      </section>
    );
  }
  return (
    <PhoneFrame
      title={session.title}
      code={code}
      attributes={{ 'data-module': 'live', 'data-events': `/live/${code}/events`, 'data-state': stateKey(session, question), 'data-reload-spread': '1500', ...(paced && paced.questions.length > 0 ? { 'data-follow': 'status pace' } : {}) }}
    >
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {body}
    </PhoneFrame>
  );
}
