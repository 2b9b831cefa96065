import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { NotFound } from '../../lib/errors.js';
import { findEventBySlug, type HubEvent } from '../events/service.js';
import { getSettings, type RegistrationSettings } from './service.js';

interface OpenEvent {
  event: HubEvent;
  settings: RegistrationSettings;
}

/**
 * The event and its settings are read on every registration; during a rush thousands arrive per second for one
 * event. They are kept as briefly as public pages are (PAGE_CACHE_SECONDS, off in tests): seats are never decided from
 * this copy, only the form's questions and the open/closed check. The copy is kept as a promise, so the requests of a
 * rush that miss it together share one load instead of each queueing its own queries for the database connection.
 */
class OpenEvents {
  private readonly entries = new Map<string, { at: number; value: Promise<OpenEvent> }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
  ) {}

  get(slug: string): Promise<OpenEvent> {
    const hit = this.entries.get(slug);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.load(slug);
    if (this.ttlMs > 0) {
      if (this.entries.size >= 500) this.entries.clear();
      this.entries.set(slug, { at: Date.now(), value });
      // A failed load (no such event, no settings, database error) is not kept.
      value.catch(() => {
        if (this.entries.get(slug)?.value === value) this.entries.delete(slug);
      });
    }
    return value;
  }

  /** After the organisers change the settings. */
  forget(slug: string): void {
    this.entries.delete(slug);
  }

  private async load(slug: string): Promise<OpenEvent> {
    const event = await findEventBySlug(this.db, slug);
    if (!event) throw new NotFound('There is no event at this address.');
    const settings = await getSettings(this.db, event.id);
    if (!settings) throw new NotFound('This event does not take registrations here.');
    return { event, settings };
  }
}

// One copy per app, shared by the public routes (which read it) and the organisers' (whose settings change clears it).
const byApp = new WeakMap<Kysely<Database>, OpenEvents>();

export function openEvents(app: FastifyInstance): OpenEvents {
  let cache = byApp.get(app.db);
  if (!cache) {
    cache = new OpenEvents(app.db, app.config.pageCacheSeconds * 1000);
    byApp.set(app.db, cache);
  }
  return cache;
}
