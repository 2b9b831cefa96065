import type { LeaderboardRow, Results } from '../aggregate.js';
import { counted } from '../../../lib/plural.js';
import type { LiveQuestion, LiveSession } from '../service.js';
import { Countdown, stateKey } from './common.js';

/** "hub.example.eu/live": the address people type, the host of BASE_URL. */
export function joinAddress(joinUrl: string): string {
  return joinUrl.replace(/^https?:\/\//, '').replace(/\/live\/.*$/, '/live');
}

/** How to join, as a full slide (before the first question, and on Q) or as the strip along the bottom. */
function JoinSlide(props: { session: LiveSession; joinUrl: string; participants: number; hidden: boolean }) {
  return (
    <section class="live-join-slide" aria-labelledby="join-slide-heading" data-join-slide hidden={props.hidden}>
      <img src={`/live/${props.session.code}/qr.svg`} alt={`QR code for ${props.joinUrl}`} width="400" height="400" />
      <div>
        <h2 id="join-slide-heading">Join with your phone</h2>
        <p class="live-join-step">
          Go to <strong>{joinAddress(props.joinUrl)}</strong>
        </p>
        <p class="live-join-step">
          and enter <strong class="live-code">{props.session.code}</strong>
        </p>
        <p class="live-join-people">
          <span data-live-participants>{props.participants}</span> joined
        </p>
      </div>
    </section>
  );
}

export interface PresenterViewProps {
  session: LiveSession;
  question: LiveQuestion | null;
  results: Results | null;
  participants: number;
  joinUrl: string;
  fragment: string | null;
  /** The quiz top ten, shown once a quiz question has closed. */
  leaderboard: LeaderboardRow[] | null;
  /** Which question of how many is on screen. */
  progress: { at: number; of: number } | null;
  /** Where the keyboard shortcuts post (the moderator's actions; no stepping once the session has ended) and the CSRF token they need. */
  controls: { back: string | null; forward: string | null; results: string | null; csrf: string };
}

/**
 * Full screen for the projector: the question, its chart filling the screen and, along the bottom,
 * how to join and how many have. Before the first question the join slide fills the screen.
 */
export function PresenterView(props: PresenterViewProps) {
  const { session, question, controls } = props;
  const onJoinSlide = !question;
  return (
    <div
      class="live-present"
      data-module="live"
      data-events={`/live/${session.code}/events?view=present`}
      data-state={stateKey(session, question)}
      data-present-keys
      data-back={controls.back ?? undefined}
      data-forward={controls.forward ?? undefined}
      data-toggle-results={controls.results ?? undefined}
      data-csrf={controls.csrf}
    >
      <header class="live-present-header">
        {props.progress && (
          <p class="live-present-progress">
            Question {props.progress.at} of {props.progress.of}
            {session.pace === 'audience' && ' · everyone answers at their own pace'}
          </p>
        )}
        <h1>{question ? question.prompt : session.status === 'closed' ? 'Thank you — the session has ended' : session.title}</h1>
      </header>
      {onJoinSlide ? (
        <JoinSlide session={session} joinUrl={props.joinUrl} participants={props.participants} hidden={false} />
      ) : (
        <>
          {props.leaderboard ? (
            <div class="live-present-stage">
              {question?.correct != null && (
                <p class="live-correct-answer">
                  Correct answer: <strong>{question.options[question.correct]}</strong>
                </p>
              )}
              <Leaderboard rows={props.leaderboard} />
            </div>
          ) : (
            <div class="live-present-stage" data-live-results>
              {question && <Countdown question={question} />}
              {props.fragment && <div dangerouslySetInnerHTML={{ __html: props.fragment }} />}
            </div>
          )}
          <JoinSlide session={session} joinUrl={props.joinUrl} participants={props.participants} hidden />
        </>
      )}
      <footer class="live-present-footer">
        <p class="live-present-join">
          Join at <strong>{joinAddress(props.joinUrl)}</strong> · code <strong class="live-code">{session.code}</strong>
        </p>
        <p class="live-present-people">
          <span data-live-participants>{props.participants}</span> joined
        </p>
        <img class="live-present-qr" src={`/live/${session.code}/qr.svg`} alt="" width="96" height="96" />
        <p class="visually-hidden" id="present-keys">
          Keys: right and left arrow move between questions, R shows or hides results, Q shows how to join, F full screen.
        </p>
      </footer>
    </div>
  );
}

/** The quiz top ten on the big screen. */
function Leaderboard(props: { rows: LeaderboardRow[] }) {
  return (
    <section class="live-leaderboard" aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">Leaderboard</h2>
      {props.rows.length === 0 ? (
        <p>No correct answers yet.</p>
      ) : (
        <ol>
          {props.rows.map((row) => (
            <li>
              <span class="live-leaderboard-rank">{row.rank}</span>
              <span class="live-leaderboard-name">{row.nickname}</span>
              <span class="live-leaderboard-score">
                {row.score} <span class="small">points · {counted(row.correct, 'correct answer')}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
