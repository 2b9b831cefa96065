import { setImmediate as nextTurn } from 'node:timers/promises';
import { counted } from '../../lib/plural.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Bus } from '../../lib/bus.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../lib/errors.js';
import { type Audience, AUDIENCES, type Counted, currentQuestion, type ResultsRenderer, type SessionState, type Stream } from './hub-state.js';
import { type AnswerValue, type Results, type Tally, applyAnswer, blockedWordIn, checkAnswer, emptyTally, summarise } from './aggregate.js';
import {
  type AnswerInserter,
  type LiveQuestion,
  answerGroups,
  changeAnswer,
  countParticipants,
  createParticipant,
  findSessionByCode,
  findSessionById,
  phoneSeesResults,
  screenQa,
  listBlockedWords,
  listQuestions,
  signParticipant,
  verifyParticipant,
} from './service.js';

export { type Audience, type Counted, currentQuestion, type ResultsRenderer, type SessionState, type Stream } from './hub-state.js';

const CHANNEL = 'live_changes';
const COALESCE_MS = 100;
const KEEP_ALIVE_MS = 15_000;
/** A session nobody watches or uses for this long is dropped from memory; the next request loads it again. */
const IDLE_MS = 10 * 60_000;
/** A stream this far behind belongs to a client that stopped reading; it is dropped. */
const MAX_BUFFERED = 512 * 1024;
/** Streams written per turn of the event loop during a round (about 10 ms on a busy machine). */
const STREAMS_PER_TURN = 1000;

/** Writes to one stream, dropping a client that stopped reading. */
function send(res: Stream, buffer: Buffer): void {
  if (res.writableLength > MAX_BUFFERED) res.destroy();
  else res.write(buffer);
}

type BusMessage = { t: 'answer'; s: number; q: number } | { t: 'session'; s: number; recount?: number } | { t: 'participant'; s: number } | { t: 'blocked'; s: 0 };

/** Grace after a question's timer for the answer's trip from the phone, which saw time left when it sent. */
export const TIMER_GRACE_MS = 1000;

/**
 * The realtime core of live sessions. Votes update running totals per question; every 100 ms at
 * most, each changed question is rendered once per audience and that one buffer is written to
 * every stream of the session, whatever the vote rate. A change after a quiet spell goes out at
 * once; a round that takes longer than 100 ms is followed by the next without a pause.
 *
 * With the in-process bus this process sees every write, so its running totals are exact. With a
 * shared bus (PostgreSQL or Redis) other instances write too: a vote publishes "question changed"
 * and every instance, this one included, recounts that question from the database at its next round.
 */
export class LiveHub {
  private readonly sessions = new Map<number, SessionState>();
  private readonly loading = new Map<string, Promise<SessionState | null>>();
  private readonly tallies = new Map<number, Promise<Tally>>();
  private blockedWords: Promise<string[]> | null = null;
  private readonly dirtyQuestions = new Set<number>();
  private readonly dirtySessions = new Set<number>();
  private readonly staleQuestions = new Set<number>();
  private readonly staleParticipants = new Set<number>();
  /** The next round, when one is due. */
  private timer: NodeJS.Timeout | undefined;
  private roundRunning = false;
  /** When the next round may start at the earliest (performance.now() time). */
  private nextRoundAt = 0;
  private closed = false;
  private readonly keepAlive: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** Bus messages due at the end of this turn of the event loop, by their text. */
  private readonly outgoing = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: Bus,
    private readonly secret: string,
    private readonly render: ResultsRenderer,
    private readonly insert: AnswerInserter,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.unsubscribe = bus.subscribe(CHANNEL, (message) => this.receive(message));
    this.keepAlive = setInterval(() => {
      this.writeAll(Buffer.from(': keep-alive\n\n'));
      this.forgetIdleSessions();
    }, KEEP_ALIVE_MS).unref();
  }

  /** The cached state of a session by join code, loaded on first use. */
  async byCode(code: string): Promise<SessionState | null> {
    for (const state of this.sessions.values()) {
      if (state.session.code !== code) continue;
      state.usedAt = performance.now();
      return state;
    }
    let pending = this.loading.get(code);
    if (!pending) {
      pending = this.load(code).finally(() => this.loading.delete(code));
      this.loading.set(code, pending);
    }
    return pending;
  }

  private async load(code: string): Promise<SessionState | null> {
    const session = await findSessionByCode(this.db, code);
    if (!session) return null;
    const existing = this.sessions.get(session.id);
    if (existing) return existing;
    const [questions, participants] = await Promise.all([listQuestions(this.db, session.id), countParticipants(this.db, session.id)]);
    const state: SessionState = {
      session,
      questions: new Map(questions.map((q) => [q.id, q])),
      participants,
      streams: { participant: new Set(), voted: new Set(), present: new Set(), moderate: new Set() },
      last: {},
      revision: 0,
      renderedRevision: -1,
      renderedAt: -Infinity,
      usedAt: performance.now(),
    };
    this.sessions.set(session.id, state);
    return state;
  }

  /** Drops sessions without streams that no request has used for IDLE_MS: ended workshops must not stay in memory. */
  private forgetIdleSessions(): void {
    const before = performance.now() - IDLE_MS;
    for (const [id, state] of this.sessions) {
      if (state.usedAt > before || AUDIENCES.some((audience) => state.streams[audience].size > 0)) continue;
      this.sessions.delete(id);
      for (const questionId of state.questions.keys()) this.tallies.delete(questionId);
    }
  }

  /** Tells every instance that a session's questions or state changed (moderator actions). */
  async sessionChanged(sessionId: number, options: { recount?: number } = {}): Promise<void> {
    // This process applies the change before answering, so the moderator's next request sees it
    // whatever the bus; other instances apply it when the message reaches them.
    const state = this.sessions.get(sessionId);
    if (options.recount) this.tallies.delete(options.recount);
    if (state) await this.reload(state);
    if (this.bus.shared) await this.announce({ t: 'session', s: sessionId, recount: options.recount });
  }

  /**
   * Publishes a message on the shared bus once the event loop has read what is waiting: the votes
   * of a rush that ask for the same message ("question q changed") send it once, after each of them
   * was stored. Every caller's promise settles when that message has been published.
   */
  private announce(message: BusMessage): Promise<void> {
    const text = JSON.stringify(message);
    let pending = this.outgoing.get(text);
    if (!pending) {
      pending = nextTurn().then(() => {
        this.outgoing.delete(text);
        return this.bus.publish(CHANNEL, text);
      });
      this.outgoing.set(text, pending);
    }
    return pending;
  }

  private receive(raw: string): void {
    let message: BusMessage;
    try {
      message = JSON.parse(raw) as BusMessage;
    } catch {
      return;
    }
    if (message.t === 'blocked') {
      this.blockedWords = null;
      return;
    }
    const state = this.sessions.get(message.s);
    if (!state) return;
    if (message.t === 'answer') {
      this.staleQuestions.add(message.q);
      this.changed(state, message.q);
    } else if (message.t === 'participant') {
      this.staleParticipants.add(message.s);
      this.changed(state);
    } else {
      if (message.recount) this.tallies.delete(message.recount);
      void this.reload(state).catch(this.onError);
    }
  }

  private async reload(state: SessionState): Promise<void> {
    const session = await findSessionById(this.db, state.session.id);
    if (!session) return;
    const questions = await listQuestions(this.db, session.id);
    state.session = session;
    state.questions = new Map(questions.map((q) => [q.id, q]));
    state.last = {};
    const current = currentQuestion(state);
    const event = Buffer.from(
      `event: state\ndata: ${JSON.stringify({ status: session.status, pace: session.pace, q: current?.id ?? null, state: current?.state ?? null, visible: current?.resultsVisible ?? false })}\n\n`,
    );
    for (const audience of AUDIENCES) this.write(state.streams[audience], event);
    this.changed(state);
  }

  /** Joins a participant and returns the signed token that proves it. */
  async join(state: SessionState, nickname: string | null = null): Promise<string> {
    if (state.session.status === 'closed') throw new Conflict('This session has ended.');
    const participantId = await createParticipant(this.db, state.session.id, nickname);
    if (this.bus.shared) {
      await this.announce({ t: 'participant', s: state.session.id });
    } else {
      state.participants += 1;
      this.changed(state);
    }
    return signParticipant(this.secret, state.session.id, participantId);
  }

  /** The participant a token proves for this session; 403 with a reason otherwise. */
  participant(state: SessionState, token: string | undefined): number {
    const id = verifyParticipant(this.secret, state.session.id, token);
    if (id === null) throw new Forbidden(token ? 'Your participant token is not valid for this session. Join again with the code.' : 'Join the session with its code first.');
    return id;
  }

  /** A question of this session, or 404 (a question of another session is not part of this one). */
  question(state: SessionState, questionId: number): LiveQuestion {
    const question = state.questions.get(questionId);
    if (!question) throw new NotFound('This question is not part of this session.');
    return question;
  }

  private tally(question: LiveQuestion): Promise<Tally> {
    let pending = this.tallies.get(question.id);
    if (!pending) {
      pending = answerGroups(this.db, question.id, question.type === 'text').then(({ groups, lastId }) => {
        const tally = emptyTally(question);
        for (const { value, count } of groups) for (let i = 0; i < count; i++) applyAnswer(tally, question, value, 1);
        // On a shared bus a vote's acknowledgement names its answer's id (see answer()): the
        // recount's version is the newest id it counted, so a vote is on screen once v reaches it.
        if (this.bus.shared) tally.version = lastId;
        return tally;
      });
      pending.catch(() => this.tallies.delete(question.id));
      this.tallies.set(question.id, pending);
    }
    return pending;
  }

  /**
   * Counts one answer: checks it, stores it (or replaces it where the question allows), and
   * updates the running totals. Every refusal is a 4xx with a reason and leaves nothing counted.
   */
  async answer(state: SessionState, participantId: number, questionId: number, raw: unknown): Promise<Counted> {
    let question = state.questions.get(questionId);
    // Another instance may have opened the question a moment ago: check the database before refusing.
    if (!question || question.state !== 'open') {
      await this.reload(state);
      question = this.question(state, questionId);
    }
    if (question.type === 'qa') throw new Conflict('Send questions for the speakers with the Q&A form.');
    if (question.state !== 'open') throw new Conflict('This question is not open for answers.');
    if (question.timer !== null && question.openedAt !== null && Date.now() - Date.parse(question.openedAt) > question.timer * 1000 + TIMER_GRACE_MS) {
      throw new Conflict(`Time is up: this question took answers for ${counted(question.timer, 'second')}.`);
    }
    const checked = checkAnswer(question, raw);
    if (!checked.ok) throw new Invalid({ answer: checked.reason }, checked.reason);
    if (question.type === 'wordcloud' || question.type === 'text') {
      const blocked = blockedWordIn(checked.value, await this.blocked());
      if (blocked !== null) {
        const reason = `“${blocked}” is not allowed here. Please rephrase your answer.`;
        throw new Invalid({ answer: reason }, reason);
      }
    }
    // Totals are loaded before the insert, so a first vote cannot be counted twice (once by the load, once here).
    const tally = this.bus.shared ? null : await this.tally(question);
    const outcome = await this.insert(question.id, participantId, checked.value);
    let old: AnswerValue | null = null;
    if (outcome === 'not-open') throw new Conflict('This question is not open for answers.');
    if (outcome === 'already-answered') {
      if (!question.allowChange) throw new Conflict('You have already answered this question.');
      old = await changeAnswer(this.db, question.id, participantId, checked.value);
      if (old === null) throw new Conflict('This answer can no longer be changed.');
    }
    if (!tally) {
      await this.announce({ t: 'answer', s: state.session.id, q: question.id });
      return { questionId: question.id, version: typeof outcome === 'object' ? outcome.id : null, responses: null };
    }
    if (old !== null) applyAnswer(tally, question, old, -1);
    applyAnswer(tally, question, checked.value, 1);
    this.changed(state, question.id);
    return { questionId: question.id, version: tally.version, responses: tally.responses };
  }

  /** The hub's blocked words, read once and kept until an admin changes them. */
  private blocked(): Promise<string[]> {
    if (!this.blockedWords) {
      const loading = listBlockedWords(this.db);
      loading.catch(() => (this.blockedWords = null));
      this.blockedWords = loading;
    }
    return this.blockedWords;
  }

  /** The first of the hub's blocked words a text contains (a nickname, say), or null. */
  async blockedIn(text: string): Promise<string | null> {
    return blockedWordIn(text, await this.blocked());
  }

  /** An admin changed the blocked words: every instance reads them again. */
  async blockedWordsChanged(): Promise<void> {
    this.blockedWords = null;
    if (this.bus.shared) await this.announce({ t: 'blocked', s: 0 });
  }

  /** Q&A changes (new entry, upvote, moderation) are read back from the database at the next round. */
  async qaChanged(state: SessionState, questionId: number): Promise<void> {
    if (this.bus.shared) await this.announce({ t: 'answer', s: state.session.id, q: questionId });
    else this.changed(state, questionId);
  }

  /** Current results of a question, from the running totals (or the database for Q&A). */
  async results(question: LiveQuestion, audience: Audience): Promise<{ results: Results; version: number }> {
    if (question.type === 'qa') {
      const entries = await screenQa(this.db, question.id, { includePending: audience === 'moderate' });
      return { results: { type: 'qa', responses: entries.length, entries }, version: entries.reduce((s, e) => s + e.upvotes + 1, 0) };
    }
    const tally = await this.tally(question);
    return { results: summarise(question, tally), version: tally.version };
  }

  /** Adds an SSE stream; the caller has already written the response headers. */
  subscribe(state: SessionState, audience: Audience, res: Stream): void {
    state.streams[audience].add(res);
    state.usedAt = performance.now();
    res.once('close', () => {
      state.streams[audience].delete(res);
      state.usedAt = performance.now();
    });
    const last = state.last[audience];
    if (last) res.write(last);
    else this.changed(state);
  }

  get streamCount(): number {
    let n = 0;
    for (const s of this.sessions.values()) for (const a of AUDIENCES) n += s.streams[a].size;
    return n;
  }

  /** Something the session's viewers see changed (one of its questions, or the session itself): it goes out with a coming round. */
  private changed(state: SessionState, questionId?: number): void {
    state.revision += 1;
    if (questionId === undefined) this.dirtySessions.add(state.session.id);
    else this.dirtyQuestions.add(questionId);
    this.scheduleRound();
  }

  /**
   * Coalescing with a leading and a trailing edge: a change after a quiet spell goes out at once
   * (once the I/O already waiting has been read, so a burst shares the round); changes while a
   * round is due or running wait for the next one.
   */
  private scheduleRound(): void {
    if (this.timer || this.roundRunning || this.closed) return;
    this.timer = setTimeout(() => void this.round(), Math.max(0, this.nextRoundAt - performance.now())).unref();
  }

  /**
   * One round of updates. The next starts no sooner than 100 ms after this one started, or, when
   * writing took longer (many viewers on a busy machine), as soon as this one ends: the votes that
   * came meanwhile were counted between its slices and are due on screen.
   */
  private async round(): Promise<void> {
    this.timer = undefined;
    this.roundRunning = true;
    const started = performance.now();
    try {
      const questions = [...this.dirtyQuestions];
      const sessions = new Set(this.dirtySessions);
      this.dirtyQuestions.clear();
      this.dirtySessions.clear();
      for (const id of questions) {
        if (this.staleQuestions.delete(id)) this.tallies.delete(id);
      }
      for (const state of this.sessions.values()) {
        if (state.session.currentQuestionId !== null && questions.includes(state.session.currentQuestionId)) sessions.add(state.session.id);
      }
      for (const id of sessions) {
        const state = this.sessions.get(id);
        if (state) await this.broadcast(state);
      }
    } catch (error) {
      this.onError(error);
    } finally {
      const cost = performance.now() - started;
      this.nextRoundAt = started + Math.max(COALESCE_MS, cost);
      this.roundRunning = false;
      if (this.dirtyQuestions.size > 0 || this.dirtySessions.size > 0) this.scheduleRound();
    }
  }

  /**
   * Writes the session's update to each of its streams, a slice of streams per turn of the event
   * loop: in between, the loop reads what has arrived, so votes are counted while a long round is
   * being written and no request waits for more than a slice. Before each slice the update is
   * serialised anew if something changed and the last one is 100 ms old, so when writing to many
   * viewers takes longer than 100 ms, the streams not reached yet get the newest figures. Each
   * stream gets one write per round; the session is serialised at most once per 100 ms.
   */
  private async broadcast(state: SessionState): Promise<void> {
    // Nobody to tell: the next subscriber of that audience asks for a fresh update.
    for (const audience of AUDIENCES) if (state.streams[audience].size === 0) delete state.last[audience];
    let written = 0;
    /** The revision of the update the first streams got. */
    let firstRevision: number | undefined;
    for (const audience of AUDIENCES) {
      for (const res of [...state.streams[audience]]) {
        if (written++ % STREAMS_PER_TURN === 0) {
          if (written > 1) await nextTurn();
          if (this.closed) return;
          await this.refresh(state);
          firstRevision ??= state.renderedRevision;
        }
        const buffer = state.last[audience];
        if (buffer) send(res, buffer);
      }
    }
    // Streams written before the latest change was serialised (it came within 100 ms of the one
    // before, or halfway through this round) get it with the next round.
    if (firstRevision !== undefined && firstRevision !== state.revision) this.dirtySessions.add(state.session.id);
  }

  /** Serialises the session's update anew when something changed and the last one is 100 ms old, or when an audience with streams has none. */
  private async refresh(state: SessionState): Promise<void> {
    const missing = AUDIENCES.some((audience) => state.streams[audience].size > 0 && !state.last[audience]);
    if (!missing && (state.revision === state.renderedRevision || performance.now() - state.renderedAt < COALESCE_MS)) return;
    state.renderedRevision = state.revision;
    state.renderedAt = performance.now();
    await this.serialise(state);
  }

  /** Serialises the current question once per audience that has streams, as the `last` update of each. */
  private async serialise(state: SessionState): Promise<void> {
    if (this.staleParticipants.delete(state.session.id)) state.participants = await countParticipants(this.db, state.session.id);
    const question = currentQuestion(state);
    if (question && this.staleQuestions.delete(question.id)) this.tallies.delete(question.id);
    const cache = new Map<Audience, { results: Results; version: number }>();
    const rendered = new Map<Audience, string>();
    for (const audience of AUDIENCES) {
      if (state.streams[audience].size === 0) continue;
      let payload: Record<string, unknown> = { q: null, v: 0, n: 0, p: state.participants };
      if (question) {
        // Q&A for the moderator includes pending entries; everyone else shares one count.
        const key: Audience = question.type === 'qa' && audience === 'moderate' ? 'moderate' : 'participant';
        let computed = cache.get(key);
        if (!computed) {
          computed = await this.results(question, key);
          cache.set(key, computed);
        }
        // Phones get the chart only when the moderator shows results, and before answers close only
        // once they have answered (see phoneSeesResults); their Q&A list (with upvote buttons) is
        // rendered with the page, so it is not replaced by the read-only screen version.
        const phone = audience === 'participant' || audience === 'voted';
        const showHtml = phone ? phoneSeesResults(question, audience === 'voted') : true;
        const view: Audience = phone ? 'participant' : audience;
        let html = showHtml ? rendered.get(view) : undefined;
        if (showHtml && html === undefined) {
          html = await this.render(question, computed.results, view);
          rendered.set(view, html);
        }
        payload = { q: question.id, v: computed.version, n: computed.results.responses, p: state.participants, ...(html !== undefined ? { html } : {}) };
      }
      const buffer = Buffer.from(`event: update\ndata: ${JSON.stringify(payload)}\n\n`);
      state.last[audience] = buffer;
    }
  }

  private write(streams: Set<Stream>, buffer: Buffer): void {
    for (const res of streams) send(res, buffer);
  }

  private writeAll(buffer: Buffer): void {
    for (const state of this.sessions.values()) for (const audience of AUDIENCES) this.write(state.streams[audience], buffer);
  }

  /**
   * Ends every stream (server shutdown) and stops the timers. Each stream first gets a retry hint
   * of one to three seconds, spread so that the phones of a room reconnect (to another instance,
   * or to this one restarted) over two seconds rather than at once.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.keepAlive);
    this.unsubscribe();
    for (const state of this.sessions.values()) {
      for (const audience of AUDIENCES) {
        for (const res of state.streams[audience]) {
          res.write(`retry: ${1000 + Math.floor(Math.random() * 2000)}\n\n`);
          res.end();
        }
      }
    }
  }
}
