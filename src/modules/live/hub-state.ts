// What the live hub keeps per session and hands to the routes: audiences, streams and a session's state.
import type { Results } from './aggregate.js';
import type { LiveQuestion, LiveSession } from './service.js';

/**
 * Who a stream is for: phones that have not answered the question on screen, phones that have
 * (`voted`: they may see its results), the big screen, or the moderator's control page.
 */
export type Audience = 'participant' | 'voted' | 'present' | 'moderate';
export const AUDIENCES: Audience[] = ['participant', 'voted', 'present', 'moderate'];

/**
 * An SSE connection as the hub sees it: the raw socket (after the response head was written), so
 * that a broadcast is one socket write per viewer without per-chunk HTTP framing.
 */
export interface Stream {
  write(data: Buffer | string): boolean;
  readonly writableLength: number;
  end(): void;
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Renders the results fragment an audience sees; supplied by the routes so the hub stays plain. */
export type ResultsRenderer = (question: LiveQuestion, results: Results, audience: Audience) => string | Promise<string>;

export interface SessionState {
  session: LiveSession;
  questions: Map<number, LiveQuestion>;
  participants: number;
  streams: Record<Audience, Set<Stream>>;
  /** The last update each audience got, written at once to a stream that connects later. */
  last: Partial<Record<Audience, Buffer>>;
  /** Counts changes to what the session's viewers see. */
  revision: number;
  /** The revision `last` shows and when it was serialised (performance.now() time). */
  renderedRevision: number;
  renderedAt: number;
  /** Last time a request or a stream used the session (performance.now() time). */
  usedAt: number;
}

/** The question the moderator has put on screen, if any. */
export function currentQuestion(state: SessionState): LiveQuestion | null {
  const id = state.session.currentQuestionId;
  return id ? (state.questions.get(id) ?? null) : null;
}

/** The figures a vote's acknowledgement carries, so a client can tell which update includes it. */
export interface Counted {
  questionId: number;
  /**
   * Running change counter of the question after this vote. On a shared bus, where totals are
   * counted from the database, the new answer's id (updates carry the newest id counted), or null
   * for a changed answer.
   */
  version: number | null;
  responses: number | null;
}
