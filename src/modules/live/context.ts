import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createBus } from '../../lib/bus.js';
import { NotFound } from '../../lib/errors.js';
import { type Actor, authorize, isAdmin } from '../../lib/policy.js';
import { eventsOfProject, findEventById, type HubEvent, listEvents, projectsOfEvent } from '../events/service.js';
import { LiveHub, type ResultsRenderer, type SessionState } from './hub.js';
import { canModerateEvent } from './policy.js';
import { CODE_PATTERN, type EarlierResults, type LiveQuestion, type LiveSession, answerInserter, earlierResults, findSessionById, normaliseCode } from './service.js';
import { renderResultsFragment } from './views/results.js';

/** What the participant and the moderator routes share: the hub and the lookups every handler starts with. */
export interface LiveContext {
  hub: LiveHub;
  /** `BASE_URL/live/CODE`: what the QR code holds. */
  joinUrl(code: string): string;
  /** A session by join code as people type it, or 404. */
  sessionByCode(raw: string): Promise<SessionState>;
  /** Loads a session and checks the person may moderate it: admin, or editor of an organising project. */
  moderated(request: FastifyRequest, sessionId: number): Promise<{ session: LiveSession; event: HubEvent; actor: Actor }>;
  /** Events this person may run sessions for. */
  moderatableEvents(actor: Actor): Promise<HubEvent[]>;
  /** The earlier results a question is compared with (kept a minute: they belong to an ended session). */
  earlier(question: LiveQuestion): Promise<EarlierResults | null>;
}

const EARLIER_TTL_MS = 60_000;

/** Creates the hub on the app's bus, with its hooks (ready, metrics, shutdown), and the shared lookups. */
export function createLiveContext(app: FastifyInstance): LiveContext {
  const bus = createBus({ redisUrl: app.config.redisUrl, databaseUrl: app.config.databaseUrl, pool: app.database.pool });

  // A round renders the question on screen up to ten times a second: the comparison it may carry
  // is read from the database once a minute, not each time.
  // Keyed by the link itself, so a question linked anew shows its new comparison at once.
  const earlierCache = new Map<string, { at: number; value: Promise<EarlierResults | null> }>();
  const earlier = (question: LiveQuestion): Promise<EarlierResults | null> => {
    if (question.compareTo === null) return Promise.resolve(null);
    const key = `${question.id}:${question.compareTo}:${question.type}`;
    const now = performance.now();
    const cached = earlierCache.get(key);
    if (cached && cached.at > now - EARLIER_TTL_MS) return cached.value;
    for (const [k, entry] of earlierCache) if (entry.at <= now - EARLIER_TTL_MS) earlierCache.delete(k);
    const value = earlierResults(app.db, question);
    value.catch(() => earlierCache.delete(key));
    earlierCache.set(key, { at: now, value });
    return value;
  };
  const render: ResultsRenderer = async (question, results, audience) =>
    renderResultsFragment(question, results, audience, audience === 'present' || audience === 'moderate' ? await earlier(question) : null);

  const hub = new LiveHub(app.db, bus, app.config.secret, render, answerInserter(app.db, app.database.sqlite), (error) => app.log.error({ err: error }, 'live update failed'));
  app.addHook('onReady', () => bus.ready());
  app.metrics.addGauge({ name: 'sse_connections', help: 'Open live-session streams (phones, screens, moderators) on this instance', read: () => hub.streamCount });
  // Open SSE streams would keep the server from closing; end them first.
  app.addHook('preClose', () => hub.close());
  app.addHook('onClose', () => bus.close());

  return {
    hub,
    joinUrl: (code) => `${app.config.baseUrl}/live/${code}`,
    async sessionByCode(raw) {
      const code = normaliseCode(raw);
      const state = CODE_PATTERN.test(code) ? await hub.byCode(code) : null;
      if (!state) throw new NotFound('There is no live session with this code. Check the code on the screen.');
      return state;
    },
    async moderated(request, sessionId) {
      const session = await findSessionById(app.db, sessionId);
      if (!session) throw new NotFound('There is no live session with this number.');
      const event = await findEventById(app.db, session.eventId);
      if (!event) throw new NotFound('The event of this session no longer exists.');
      const projects = await projectsOfEvent(app.db, event.id);
      authorize(request.user, canModerateEvent(request.user, projects.map((p) => p.id)));
      return { session, event, actor: request.user };
    },
    async moderatableEvents(actor) {
      if (isAdmin(actor)) return (await listEvents(app.db, { when: 'all', page: 1 }, 500)).events;
      const byId = new Map<number, HubEvent>();
      for (const projectId of actor.projectIds) for (const e of await eventsOfProject(app.db, projectId)) byId.set(e.id, e);
      return [...byId.values()].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    },
    earlier,
  };
}
