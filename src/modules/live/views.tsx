import type { ComponentChildren } from 'preact';
import { counted } from '../../lib/plural.js';
import { renderToString } from 'preact-render-to-string';
import { ActionButton, AdminTable, CheckboxField, SelectField } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import { formatDate, formatTime, zoneAbbreviation } from '../../lib/time.js';
import {
  type AnswerValue,
  type ChoiceResults,
  type GridResults,
  type LeaderboardRow,
  type PointsResults,
  type QaEntry,
  type QaResults,
  type RankingResults,
  type Results,
  type ScalesResults,
  type TextResults,
  type WordCloudResults,
  LIMITS,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  UNCERTAIN,
} from './aggregate.js';
import type { Audience } from './hub.js';
import { NICKNAME_LENGTH } from './schema.js';
import { type AnswerEntry, type ArchivedSession, type LiveQuestion, type LiveSession, phoneSeesResults } from './service.js';

export const LIVE_SCRIPT = '/static/js/live.js';
/** The phone's answer forms: ranking by taps and drag, the points left to share, slider values. */
export const LIVE_ANSWER_SCRIPT = '/static/js/live-answer.js';

/** A horizontal bar as SVG (the CSP forbids inline styles); the figures beside it are the text alternative. */
function Bar(props: { value: number; max: number; muted?: boolean }) {
  const width = props.max > 0 ? Math.max(0, Math.min(100, (100 * props.value) / props.max)) : 0;
  return (
    <svg class={`live-bar${props.muted ? ' muted' : ''}`} viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="4" class="track" />
      <rect x="0" y="0" width={width.toFixed(2)} height="4" class="fill" />
    </svg>
  );
}

/** One labelled bar with its figures (the text alternative); `data-key` lets the client morph it in place. */
function BarItem(props: { label: string; value: number; max: number; muted?: boolean; class?: string; children: ComponentChildren }) {
  return (
    <li data-key={props.label} class={props.class}>
      <span class="live-bar-label">{props.label}</span>
      <Bar value={props.value} max={props.max} muted={props.muted} />
      <span class="live-bar-figure">{props.children}</span>
    </li>
  );
}


function ChoiceChart({ results }: { results: ChoiceResults }) {
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

function RankingChart({ results }: { results: RankingResults }) {
  const n = results.items.length;
  const maxPoints = Math.max(1, results.responses * (n - 1));
  const maxCell = Math.max(1, ...results.items.flatMap((i) => i.positions));
  return (
    <div class="live-ranking">
      <ol class="live-bars">
        {results.items.map((item) => (
          <BarItem label={item.label} value={item.points} max={maxPoints}>
            {counted(item.points, 'point')} <span class="small">(mean rank {item.meanRank || '–'})</span>
          </BarItem>
        ))}
      </ol>
      <table class="live-grid">
        <caption>How often each item was placed at each position</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            {results.items[0]?.positions.map((_, p) => <th scope="col">{ordinal(p + 1)}</th>)}
          </tr>
        </thead>
        <tbody>
          {results.items.map((item) => (
            <tr>
              <th scope="row">{item.label}</th>
              {item.positions.map((count) => (
                <td class={`heat-${Math.ceil((5 * count) / maxCell)}`}>{count}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function ScalesChart({ results }: { results: ScalesResults }) {
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

function PointsChart({ results }: { results: PointsResults }) {
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

const PALETTE = ['#0b5d6b', '#b34700', '#5a3d8a', '#1d6b2f', '#8a1c4a', '#3c4a5c'];
const INK = '#1b2430';
const MUTED = '#4a5563';

/**
 * The 2×2 grid as an SVG scatter: each item at its averages, a cross showing one standard
 * deviation on each scale, the quadrants split at the middle of the scales. Drawn with
 * presentation attributes only, so the same SVG stands alone as a download.
 */
export function Scatter(props: { results: GridResults; id: string; standalone?: boolean; title?: string }) {
  const { results } = props;
  const [xName, yName] = results.axes;
  const lo = 1;
  const hi = results.scaleMax;
  const top = props.title ? 22 : 12;
  const bottom = top + 116;
  // Plot area 12..188 across, `top`..`bottom` up, leaving room for the scale names.
  const px = (v: number) => 12 + ((v - lo) / (hi - lo)) * 176;
  const py = (v: number) => bottom - ((v - lo) / (hi - lo)) * 116;
  const mid = (lo + hi) / 2;
  const height = bottom + 22;
  return (
    <svg
      class="live-scatter"
      xmlns={props.standalone ? 'http://www.w3.org/2000/svg' : undefined}
      viewBox={`0 0 200 ${height}`}
      width={props.standalone ? '800' : undefined}
      height={props.standalone ? String(height * 4) : undefined}
      role="img"
      aria-labelledby={`grid-title-${props.id}`}
      font-family="system-ui, sans-serif"
    >
      <title id={`grid-title-${props.id}`}>{`Items placed by ${xName} (across) and ${yName} (up); the table gives the figures.`}</title>
      {props.standalone && <rect width="200" height={height} fill="#fff" />}
      {props.title && (
        <text x="4" y="10" font-size="5" font-weight="700" fill={INK}>
          {props.title}
        </text>
      )}
      <rect x="12" y={top} width="176" height="116" fill="#fff" stroke="#d5dce3" stroke-width="0.5" />
      <line x1={px(mid)} x2={px(mid)} y1={top} y2={bottom} stroke={MUTED} stroke-width="0.4" stroke-dasharray="2 2" />
      <line x1="12" x2="188" y1={py(mid)} y2={py(mid)} stroke={MUTED} stroke-width="0.4" stroke-dasharray="2 2" />
      <text x="188" y={bottom + 12} font-size="6" fill={MUTED} text-anchor="end">{`${xName} →`}</text>
      <text x="4" y={top} font-size="6" fill={MUTED} transform={`rotate(-90 4 ${top})`} text-anchor="end">{`${yName} →`}</text>
      <text x="12" y={bottom + 12} font-size="6" fill={MUTED}>{`${lo} (low)`}</text>
      <text x="10" y={top + 5} font-size="6" fill={MUTED} text-anchor="end">{hi}</text>
      {results.responses > 0 &&
        results.items.map((item, i) => (
          <g class="point" data-key={item.label}>
            <line x1={px(Math.max(lo, item.x - item.spreadX))} x2={px(Math.min(hi, item.x + item.spreadX))} y1={py(item.y)} y2={py(item.y)} stroke={PALETTE[i % 6]} stroke-width="0.6" opacity="0.6" />
            <line x1={px(item.x)} x2={px(item.x)} y1={py(Math.max(lo, item.y - item.spreadY))} y2={py(Math.min(hi, item.y + item.spreadY))} stroke={PALETTE[i % 6]} stroke-width="0.6" opacity="0.6" />
            <circle cx={px(item.x)} cy={py(item.y)} r="3" fill={PALETTE[i % 6]} />
            <text x={item.x > mid ? px(item.x) - 4 : px(item.x) + 4} y={py(item.y) - 4} font-size="5" fill={INK} text-anchor={item.x > mid ? 'end' : 'start'}>
              {item.label}
            </text>
          </g>
        ))}
    </svg>
  );
}

function GridChart({ results, id }: { results: GridResults; id: number }) {
  const [xName, yName] = results.axes;
  const answered = results.responses > 0;
  return (
    <div class="live-gridchart">
      <Scatter results={results} id={String(id)} />
      <table class="live-grid live-grid-figures">
        <caption>Average position of each item (± spread)</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">{xName}</th>
            <th scope="col">{yName}</th>
          </tr>
        </thead>
        <tbody>
          {results.items.map((item) => (
            <tr>
              <th scope="row">{item.label}</th>
              <td>{answered ? `${item.x} ± ${item.spreadX}` : '–'}</td>
              <td>{answered ? `${item.y} ± ${item.spreadY}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WordCloud({ results }: { results: WordCloudResults }) {
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

function TextList({ results }: { results: TextResults }) {
  return (
    <ul class="live-texts">
      {results.texts.slice(0, 50).map((t) => <li>{t}</li>)}
    </ul>
  );
}

const QA_STATE_LABELS: Record<QaEntry['state'], string> = { pending: 'Waiting for approval', approved: 'Approved', answered: 'Answered', hidden: 'Hidden' };

/** One Q&A entry: its upvotes and text, then whatever the view adds (state, buttons). */
function QaItem(props: { entry: QaEntry; children?: ComponentChildren }) {
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

function QaList({ results, audience }: { results: QaResults; audience: Audience }) {
  if (results.entries.length === 0) return <p>No questions yet.</p>;
  return (
    <ol class="live-qa">
      {results.entries.map((e) => (
        <QaItem entry={e}>{(audience === 'moderate' || e.state === 'answered') && <span class="qa-state">{QA_STATE_LABELS[e.state]}</span>}</QaItem>
      ))}
    </ol>
  );
}

/** The chart of a question's results, server-rendered for every view (live, presenter, archive). */
export function ResultsChart(props: { question: LiveQuestion; results: Results; audience: Audience }) {
  const { results } = props;
  let chart: ComponentChildren;
  switch (results.type) {
    case 'choice':
      // A quiz's answer is marked only once answers have closed.
      chart = <ChoiceChart results={props.question.state === 'closed' ? results : { ...results, correct: null }} />;
      break;
    case 'ranking':
      chart = <RankingChart results={results} />;
      break;
    case 'scales':
      chart = <ScalesChart results={results} />;
      break;
    case 'points':
      chart = <PointsChart results={results} />;
      break;
    case 'grid':
      chart = <GridChart results={results} id={props.question.id} />;
      break;
    case 'wordcloud':
      chart = <WordCloud results={results} />;
      break;
    case 'text':
      chart = <TextList results={results} />;
      break;
    case 'qa':
      chart = <QaList results={results} audience={props.audience} />;
      break;
  }
  return (
    <div class={`live-results live-${results.type}`}>
      {chart}
      <p class="small live-count">{results.type === 'qa' ? counted(results.responses, 'question') : counted(results.responses, 'response')}</p>
    </div>
  );
}

/** The fragment the SSE stream carries for an audience; the presenter's stays hidden until the moderator shows results. */
export function renderResultsFragment(question: LiveQuestion, results: Results, audience: Audience): string {
  if (audience === 'present' && !question.resultsVisible) {
    return renderToString(
      <div class="live-results live-hidden">
        <p>Results are hidden for now.</p>
        <p class="small live-count">{counted(results.responses, 'response')}</p>
      </div>,
    );
  }
  return renderToString(<ResultsChart question={question} results={results} audience={audience} />);
}

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

function rankingFromAnswer(value: AnswerValue | null, n: number): (number | null)[] {
  const positions: (number | null)[] = new Array(n).fill(null);
  if (Array.isArray(value)) (value as number[]).forEach((item, p) => (positions[item] = p + 1));
  return positions;
}

/**
 * The ranking's form fields: one position drop-down per item, which work without JavaScript and
 * with the keyboard. The script (live-answer.js) puts a tap-in-order and drag list on top and
 * keeps these fields in step with it, so the same form is sent either way.
 */
function RankingFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const positions = rankingFromAnswer(props.previous, q.options.length);
  return (
    <fieldset class="live-ranking-fields" data-ranking>
      <legend class="visually-hidden">{q.prompt}</legend>
      <p class="hint" data-ranking-hint>
        Give each item a different position: 1 is the most important.
      </p>
      <div data-ranking-selects>
        {q.options.map((label, i) => (
          <div class="rank-row">
            <label for={`r-${q.id}-${i}`}>{label}</label>
            <select id={`r-${q.id}-${i}`} name={`rank_${i}`} required data-item={label}>
              <option value="">Position…</option>
              {q.options.map((_, p) => (
                <option value={String(p + 1)} selected={positions[i] === p + 1}>
                  {p + 1}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function PointsFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
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

function GridFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const prev = Array.isArray(props.previous) ? (props.previous as number[][]) : null;
  const middle = Math.ceil(q.scaleMax / 2);
  return (
    <>
      <p class="hint">
        Place each item on both scales, from 1 (low) to {q.scaleMax} (high).
      </p>
      {q.options.map((label, i) => (
        <fieldset class="live-grid-item">
          <legend>{label}</legend>
          {q.axes.map((axis, a) => {
            const id = `g-${q.id}-${i}-${a}`;
            const value = prev?.[i]?.[a] ?? middle;
            return (
              <div class="grid-slider">
                <label for={id}>{axis}</label>
                <input id={id} name={`${a === 0 ? 'x' : 'y'}_${i}`} type="range" min="1" max={String(q.scaleMax)} step="1" value={String(value)} aria-describedby={`${id}-scale`} />
                <output for={id} data-range-output>
                  {value}
                </output>
                <span class="visually-hidden" id={`${id}-scale`}>
                  1 is low, {q.scaleMax} is high
                </span>
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}

function AnswerForm(props: { code: string; question: LiveQuestion; csrf: string; previous: AnswerValue | null; error?: string }) {
  const q = props.question;
  const prev = props.previous;
  const action = `/live/${props.code}/questions/${q.id}/answer`;
  const chosen = new Set(Array.isArray(prev) ? (prev as unknown[]) : []);
  let fields: ComponentChildren;
  switch (q.type) {
    case 'quiz':
      fields = (
        <fieldset>
          <legend class="visually-hidden">{q.prompt}</legend>
          {q.timer !== null && q.openedAt !== null && <QuizCountdown deadline={Date.parse(q.openedAt) + q.timer * 1000} />}
          {q.options.map((label, i) => (
            <div class="choice">
              <input type="radio" id={`c-${q.id}-${i}`} name="choice" value={String(i)} required />
              <label for={`c-${q.id}-${i}`}>{label}</label>
            </div>
          ))}
          <Field name="nickname" label="Nickname for the leaderboard" hint="Optional. Leave empty to stay anonymous." maxLength={NICKNAME_LENGTH} value="" />
        </fieldset>
      );
      break;
    case 'choice':
      fields = (
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
      break;
    case 'ranking':
      fields = <RankingFields question={q} previous={prev} />;
      break;
    case 'scales':
      fields = q.options.map((statement, i) => (
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
      ));
      break;
    case 'points':
      fields = <PointsFields question={q} previous={prev} />;
      break;
    case 'grid':
      fields = <GridFields question={q} previous={prev} />;
      break;
    case 'wordcloud':
      fields = (
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
      break;
    case 'text':
      fields = <Field name="text" label="Your answer" multiline rows={4} maxLength={LIMITS.textLength} required value={typeof prev === 'string' ? prev : ''} />;
      break;
    case 'qa':
      fields = null;
  }
  return (
    <form method="post" action={action} class="live-answer" aria-describedby={props.error ? 'answer-error' : undefined}>
      <CsrfField token={props.csrf} />
      {props.error && (
        <p class="error-message" id="answer-error" role="alert">
          <span class="visually-hidden">Error:</span> {props.error}
        </p>
      )}
      {fields}
      <button type="submit" class="live-primary">
        {prev === null ? 'Send answer' : 'Change answer'}
      </button>
    </form>
  );
}

/** A quiz's time left; the script counts it down, and without it the phone shows the limit. */
function QuizCountdown(props: { deadline: number }) {
  const ms = Math.max(0, props.deadline - Date.now());
  return (
    <p class="live-countdown" data-countdown-ms={String(ms)} role="timer">
      Time left: <strong data-countdown-seconds>{Math.ceil(ms / 1000)}</strong> s
    </p>
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
}

/** A stable description of what the page shows, so the client reloads only when it changes. */
export function stateKey(session: LiveSession, question: LiveQuestion | null): string {
  return JSON.stringify({ status: session.status, q: question?.id ?? null, state: question?.state ?? null, visible: question?.resultsVisible ?? false });
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
  const { session, question } = props;
  const code = session.code;
  const answered = props.previous !== null;
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
        <h1 id="question-heading">{question.prompt}</h1>
        {question.type === 'qa' ? (
          <QaParticipant code={code} question={question} entries={props.qa} csrf={props.csrf} error={props.error} />
        ) : question.state === 'closed' ? (
          <p class="live-closed">Answers to this question are closed.</p>
        ) : answered ? (
          <>
            <div class="live-sent" role="status">
              <p class="live-sent-title">
                <span aria-hidden="true">✓ </span>Answer sent
              </p>
              <Waiting code={code} />
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
        {/* Not a live region: results change up to ten times a second, which would drown a screen reader. */}
        <div data-live-results class="live-phone-results">
          {props.results && phoneSeesResults(question, answered) && <ResultsChart question={question} results={props.results} audience="participant" />}
        </div>
      </section>
    );
  }
  return (
    <PhoneFrame title={session.title} code={code} attributes={{ 'data-module': 'live', 'data-events': `/live/${code}/events`, 'data-state': stateKey(session, question), 'data-reload-spread': '1500' }}>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {body}
    </PhoneFrame>
  );
}

function QaParticipant(props: { code: string; question: LiveQuestion; entries: QaEntry[]; csrf: string; error?: string }) {
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
  /** Where the keyboard shortcuts post (the moderator's actions) and the CSRF token they need. */
  controls: { back: string; forward: string; results: string | null; csrf: string };
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
      data-back={controls.back}
      data-forward={controls.forward}
      data-toggle-results={controls.results ?? undefined}
      data-csrf={controls.csrf}
    >
      <header class="live-present-header">
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
              {question?.type === 'quiz' && question.state === 'open' && question.timer !== null && question.openedAt !== null && <QuizCountdown deadline={Date.parse(question.openedAt) + question.timer * 1000} />}
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

export interface AdminListProps {
  sessions: { session: LiveSession; eventTitle: string }[];
  events: { id: number; title: string; startsAt: string; timezone: string }[];
  csrf: string;
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Body of /admin/live inside the back-office layout: the sessions this person may run, and a form for a new one. */
export function AdminListView(props: AdminListProps) {
  const values = props.values ?? {};
  return (
    <>
      {props.sessions.length === 0 ? (
        <p>No live sessions yet.</p>
      ) : (
        <AdminTable
          caption="Live sessions"
          columns={['Session', 'Event', 'Code', 'Status']}
          rows={props.sessions.map(({ session, eventTitle }) => [
            <a href={`/admin/live/${session.id}`}>{session.title}</a>,
            eventTitle,
            <span class="live-code">{session.code}</span>,
            session.status,
          ])}
          total={props.sessions.length}
          page={1}
          pageCount={1}
          base="/admin/live"
          one="session"
        />
      )}
      <h2 id="new-session">New session</h2>
      {props.events.length === 0 ? (
        <p>You can run live sessions for events your projects organise; there are none yet.</p>
      ) : (
        <form method="post" action="/admin/live" aria-labelledby="new-session">
          <CsrfField token={props.csrf} />
          <ErrorSummary errors={props.errors ?? {}} />
          <SelectField
            name="eventId"
            label="Event"
            value={values.eventId}
            error={props.errors?.eventId}
            options={props.events.map((e) => ({ value: String(e.id), label: `${e.title} (${formatDate(e.startsAt, e.timezone)})` }))}
          />
          <Field name="title" label="Session title" value={values.title} error={props.errors?.title} required maxLength={200} hint="Shown to participants and on the big screen." />
          <button type="submit">Create session</button>
        </form>
      )}
    </>
  );
}

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
  csrf: string;
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** A one-button POST form whose button names what it acts on for screen readers (several share a label). */
function PostButton(props: { action: string; csrf: string; label: string; hidden?: string; variant?: 'secondary' | 'danger' }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit" class={props.variant}>
        {props.label}
        {props.hidden && <span class="visually-hidden"> {props.hidden}</span>}
      </button>
    </form>
  );
}

/** The fields of a question, for adding one and for editing it. */
function QuestionFields({ values, errors }: { values: Record<string, unknown>; errors?: Record<string, string> }) {
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
      <Field name="timer" label="Quiz: seconds to answer" value={values.timer} error={errors?.timer} maxLength={3} hint="5 to 600; leave empty for no limit. Faster correct answers score more." />
      <Field name="uncertainLabel" label="Choice: label of an “uncertain / skip” answer, counted apart" value={values.uncertainLabel} error={errors?.uncertainLabel} maxLength={80} hint="For example “Uncertain”. Leave empty for none." />
      <Field name="xAxis" label="2×2 grid: the scale across" value={values.xAxis} error={errors?.xAxis} maxLength={40} hint="For example “Effort”. Leave empty for Effort." />
      <Field name="yAxis" label="2×2 grid: the scale up" value={values.yAxis} error={errors?.yAxis} maxLength={40} hint="For example “Impact”. Leave empty for Impact." />
      <SelectField name="scaleMax" label="Scales and 2×2 grid: from 1 to" value={values.scaleMax ?? '5'} error={errors?.scaleMax} options={['5', '10'].map((v) => ({ value: v, label: v }))} />
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
    allowChange: q.allowChange ? 'on' : undefined,
    resultsVisible: q.resultsVisible ? 'on' : undefined,
  };
}

/** Editing one question; once it has answers, saving needs a confirmation that resets them. */
export function QuestionEditView(props: { sessionId: number; question: LiveQuestion; responses: number; csrf: string; values: Record<string, unknown>; errors?: Record<string, string> }) {
  const base = `/admin/live/${props.sessionId}`;
  return (
    <form method="post" action={`${base}/questions/${props.question.id}/edit`}>
      <CsrfField token={props.csrf} />
      <ErrorSummary errors={props.errors ?? {}} />
      <QuestionFields values={props.values} errors={props.errors} />
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
      <p>
        For <a href={props.eventUrl}>{props.eventTitle}</a> · status <strong>{session.status}</strong> · join code <strong class="live-code">{session.code}</strong> at{' '}
        <a href={props.joinUrl}>{props.joinUrl}</a> · <span data-live-participants>{props.participants}</span> joined
      </p>
      <p class="actions">
        <a class="button" href={`/live/${session.code}/present`} target="_blank" rel="noopener">
          Open the presenter view
        </a>
        {session.status !== 'closed' && <PostButton action={`${base}/next`} csrf={csrf} label="Move on to the next question" variant="secondary" />}
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
                    <strong>{q.prompt}</strong> <span class="small">({QUESTION_TYPE_LABELS[q.type]} · {q.state} · {counted(responses, q.type === 'qa' ? 'question' : 'response')} · results {q.resultsVisible ? 'shown' : 'hidden'}{q.id === session.currentQuestionId ? ' · on screen' : ''})</span>
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
          <button type="submit" class="secondary">
            Copy the session
          </button>
        </form>
      </section>
      <section aria-labelledby="add-question">
        <h2 id="add-question">Add a question</h2>
        <form method="post" action={`${base}/questions`}>
          <CsrfField token={csrf} />
          <ErrorSummary errors={props.errors ?? {}} />
          <QuestionFields values={values} errors={props.errors} />
          <button type="submit">Add question</button>
        </form>
      </section>
    </div>
  );
}

/** Rows of a bar chart for the SVG download: what each bar measures and the figure beside it. */
function barRows(results: Results): { label: string; value: number; max: number; figure: string }[] | null {
  switch (results.type) {
    case 'choice':
      return [...results.options, ...(results.uncertain ? [results.uncertain] : [])].map((o) => ({ label: o.label, value: o.percent, max: 100, figure: `${o.percent}% (${o.count})` }));
    case 'ranking': {
      const max = Math.max(1, results.responses * (results.items.length - 1));
      return results.items.map((i) => ({ label: i.label, value: i.points, max, figure: `${counted(i.points, 'point')}, mean rank ${i.meanRank || '–'}` }));
    }
    case 'scales':
      return results.statements.map((st) => ({ label: st.label, value: st.average, max: results.scaleMax, figure: `${st.average || '–'} / ${results.scaleMax}` }));
    case 'points': {
      const max = Math.max(1, ...results.options.map((o) => o.total));
      return results.options.map((o) => ({ label: o.label, value: o.total, max, figure: `${counted(o.total, 'point')} (average ${o.average})` }));
    }
    default:
      return null;
  }
}

/**
 * A question's chart as a standalone SVG file, for coordinators' reports: bars for choice,
 * ranking, scales and 100 points, the scatter for the 2×2 grid, the words sized by mentions for a
 * word cloud; null for open text and Q&A, which are lists rather than charts.
 */
export function chartSvg(question: LiveQuestion, results: Results): string | null {
  const title = `${question.prompt} (${counted(results.responses, 'response')})`;
  if (results.type === 'grid') return renderToString(<Scatter results={results} id={`q${question.id}`} standalone title={title} />);
  const width = 900;
  if (results.type === 'wordcloud') {
    const max = Math.max(1, ...results.words.map((w) => w.count));
    // Words flow left to right in lines; a character is about 0.6 of the font size wide.
    let x = 20;
    let y = 60;
    let lineHeight = 0;
    const placed = results.words.map((w) => {
      const size = 14 + Math.round((34 * w.count) / max);
      const wordWidth = w.word.length * size * 0.6;
      if (x + wordWidth > width - 20) {
        x = 20;
        y += lineHeight + 10;
        lineHeight = 0;
      }
      const at = { ...w, size, x, y: y + size };
      x += wordWidth + 16;
      lineHeight = Math.max(lineHeight, size);
      return at;
    });
    const height = y + lineHeight + 30;
    return renderToString(
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={String(width)} height={String(height)} font-family="system-ui, sans-serif" role="img" aria-label={title}>
        <rect width={String(width)} height={String(height)} fill="#fff" />
        <text x="20" y="30" font-size="20" font-weight="700" fill={INK}>
          {title}
        </text>
        {placed.map((w) => (
          <text x={w.x.toFixed(0)} y={String(w.y)} font-size={String(w.size)} fill={w.count === max ? PALETTE[1] : PALETTE[0]}>
            {w.word}
            <title>{counted(w.count, 'mention')}</title>
          </text>
        ))}
      </svg>,
    );
  }
  const rows = barRows(results);
  if (!rows) return null;
  const rowHeight = 44;
  const height = 60 + rows.length * rowHeight + 10;
  return renderToString(
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={String(width)} height={String(height)} font-family="system-ui, sans-serif" role="img" aria-label={title}>
      <rect width={String(width)} height={String(height)} fill="#fff" />
      <text x="20" y="30" font-size="20" font-weight="700" fill={INK}>
        {title}
      </text>
      {rows.map((row, i) => {
        const y = 60 + i * rowHeight;
        const bar = row.max > 0 ? Math.max(0, Math.min(1, row.value / row.max)) * 340 : 0;
        return (
          <g>
            <text x="20" y={String(y + 24)} font-size="15" fill={INK}>
              {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
            </text>
            <rect x="290" y={String(y + 6)} width="340" height="26" fill="#f3f6f8" />
            <rect x="290" y={String(y + 6)} width={bar.toFixed(1)} height="26" fill={PALETTE[0]} />
            <text x="640" y={String(y + 24)} font-size="14" font-weight="700" fill={INK}>
              {row.figure}
            </text>
          </g>
        );
      })}
    </svg>,
  );
}

/** Where a question's SVG chart is downloaded from (published with the archive). */
export const chartUrl = (session: LiveSession, question: LiveQuestion) => `/live/${session.code}/questions/${question.id}/chart.svg`;

/** Closed sessions of an event as static charts, for the event page. */
export function LiveArchive(props: { sessions: ArchivedSession[]; timezone: string }) {
  if (props.sessions.length === 0) return null;
  return (
    <section aria-labelledby="live-archive-heading" class="live-archive">
      <h2 id="live-archive-heading">Results of the interactive sessions</h2>
      {props.sessions.map(({ session, participants, questions }) => (
        <article aria-labelledby={`live-session-${session.id}`}>
          <h3 id={`live-session-${session.id}`}>{session.title}</h3>
          <p class="small">
            {counted(participants, 'participant')}
            {session.closedAt && ` · closed ${formatDate(session.closedAt, props.timezone)} ${formatTime(session.closedAt, props.timezone)} ${zoneAbbreviation(session.closedAt, props.timezone)}`}
          </p>
          {questions.map(({ question, results }) => (
            <figure class="live-archive-question">
              <figcaption>
                <strong>{question.prompt}</strong> <span class="small">({QUESTION_TYPE_LABELS[question.type]})</span>
              </figcaption>
              <ResultsChart question={question} results={results} audience="participant" />
              {barRows(results) !== null || results.type === 'grid' || results.type === 'wordcloud' ? (
                <a href={chartUrl(session, question)} download>
                  Download this chart (SVG)<span class="visually-hidden">: {question.prompt}</span>
                </a>
              ) : null}
            </figure>
          ))}
        </article>
      ))}
    </section>
  );
}

/** The hub's blocked words for word clouds and open text, kept by an admin. */
export function BlockedWordsView(props: { words: string[]; csrf: string; errors?: Record<string, string>; saved?: boolean }) {
  return (
    <form method="post" action="/admin/live/blocked-words">
      <CsrfField token={props.csrf} />
      <ErrorSummary errors={props.errors ?? {}} />
      {props.saved && (
        <p class="notice" role="status">
          The blocked words are saved.
        </p>
      )}
      <Field
        name="words"
        label="Blocked words and phrases"
        multiline
        rows={12}
        value={props.words.join('\n')}
        error={props.errors?.words}
        hint="One per line. A word cloud or open-text answer containing one of them is refused with a request to rephrase. Case, punctuation and plural -s do not matter."
      />
      <p class="actions">
        <button type="submit">Save blocked words</button> <a href="/admin/live">Back to live sessions</a>
      </p>
    </form>
  );
}
