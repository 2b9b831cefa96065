import type { ComponentChildren } from 'preact';
import { SelectField } from '../../../web/admin.js';
import { CsrfField } from '../../../web/components/index.js';
import { type LiveQuestion, type LiveSession, timeLeftMs } from '../service.js';

export const LIVE_SCRIPT = '/static/js/live.js';
/** The phone's answer forms: ranking by taps and drag, the points left to share, slider values. */
export const LIVE_ANSWER_SCRIPT = '/static/js/live-answer.js';

/** A horizontal bar as SVG (the CSP forbids inline styles); the figures beside it are the text alternative. */
export function Bar(props: { value: number; max: number; muted?: boolean }) {
  const width = props.max > 0 ? Math.max(0, Math.min(100, (100 * props.value) / props.max)) : 0;
  return (
    <svg class={`live-bar${props.muted ? ' muted' : ''}`} viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="4" class="track" />
      <rect x="0" y="0" width={width.toFixed(2)} height="4" class="fill" />
    </svg>
  );
}

/** One labelled bar with its figures (the text alternative); `data-key` lets the client morph it in place. */
export function BarItem(props: { label: string; value: number; max: number; muted?: boolean; class?: string; children: ComponentChildren }) {
  return (
    <li data-key={props.label} class={props.class}>
      <span class="live-bar-label">{props.label}</span>
      <Bar value={props.value} max={props.max} muted={props.muted} />
      <span class="live-bar-figure">{props.children}</span>
    </li>
  );
}


export const PALETTE = ['#0b5d6b', '#b34700', '#5a3d8a', '#1d6b2f', '#8a1c4a', '#3c4a5c'];
export const INK = '#1b2430';
export const MUTED = '#4a5563';

/**
 * The time left to answer a question with a timer, on the phone and the big screen; the script
 * counts it down. The server sends the time left rather than a deadline, so a wrong clock on the
 * device does not matter, and refuses late answers whatever this shows.
 */
export function Countdown(props: { question: LiveQuestion }) {
  const ms = timeLeftMs(props.question);
  if (ms === null || props.question.state !== 'open') return null;
  return (
    <p class="live-countdown" data-countdown-ms={String(ms)} role="timer">
      Time left: <strong data-countdown-seconds>{Math.ceil(ms / 1000)}</strong> s
    </p>
  );
}

/** A stable description of what a page shows, in the shape of the stream's `state` event, so the client reloads only when it changes. */
export function stateKey(session: LiveSession, question: LiveQuestion | null): string {
  return JSON.stringify({ status: session.status, pace: session.pace, q: question?.id ?? null, state: question?.state ?? null, visible: question?.resultsVisible ?? false });
}

/** A one-button POST form whose button names what it acts on for screen readers (several share a label). */
export function PostButton(props: { action: string; csrf: string; label: string; hidden?: string; variant?: 'secondary' | 'danger' }) {
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

/** Who sets the pace of a session: the presenter, question by question, or each participant. */
export function PaceField(props: { value: unknown; error?: string }) {
  return (
    <SelectField
      name="pace"
      label="Pace"
      value={props.value ?? 'presenter'}
      error={props.error}
      options={[
        { value: 'presenter', label: 'Presenter-paced: everyone answers the question on screen' },
        { value: 'audience', label: 'Audience-paced: a questionnaire each person fills at their own pace' },
      ]}
    />
  );
}
