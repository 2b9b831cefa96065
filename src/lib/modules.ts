import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { Database } from '../db/types.js';
import type { JobRegistry } from './jobs.js';

/**
 * A place where modules add something to what another module owns: a section of the event page, a card of the
 * home page, a search source. The owner declares the point (in its `service.ts` or `index.ts`, with the type of
 * what it takes); contributors name it in their manifest; `app.ts` collects them. The owner never imports a
 * contributor, so a page can show what several modules know without those modules importing each other.
 */
export interface ExtensionPoint<T> {
  readonly name: string;
  /** Never set: carries T so that `contribute` and `app.contributions` agree on the type. */
  readonly type?: T;
}

export function extensionPoint<T>(name: string): ExtensionPoint<T> {
  return { name };
}

export interface Contribution {
  point: string;
  value: unknown;
}

/** One contribution, checked against the point's type. */
export function contribute<T>(point: ExtensionPoint<T>, value: T): Contribution {
  return { point: point.name, value };
}

/**
 * What a module brings to the app. Every field is optional; `src/modules/index.ts` lists the manifests in the
 * order their routes are registered.
 */
export interface ModuleManifest {
  name: string;
  /** App-wide hooks and decorators (fastify-plugin), registered before any module's routes. */
  plugins?: FastifyPluginAsync[];
  /** Public pages and API routes, an encapsulated Fastify plugin. */
  routes?: FastifyPluginAsync;
  /** Back-office routes (`/admin/…`), registered after every public route. */
  adminRoutes?: FastifyPluginAsync;
  /** Registers the module's job handlers and daily jobs (its `jobs.ts`); the worker finds them by kind. */
  jobs?: (jobs: JobRegistry, app: FastifyInstance) => void;
  /** What the module adds to other modules' pages and indexes. */
  contributes?: Contribution[];
}

/** Every contribution to each point, in the order of the manifests. */
export class Contributions {
  private readonly byPoint = new Map<string, unknown[]>();

  constructor(manifests: ModuleManifest[]) {
    for (const manifest of manifests) {
      for (const { point, value } of manifest.contributes ?? []) {
        const list = this.byPoint.get(point) ?? [];
        list.push(value);
        this.byPoint.set(point, list);
      }
    }
  }

  of<T>(point: ExtensionPoint<T>): T[] {
    return (this.byPoint.get(point.name) ?? []) as T[];
  }
}

/** A piece of a page that another module owns: drawn from the page's subject (an event, a project, nothing for the home page). */
export interface PagePart<Subject> {
  /** Place among the parts at the same spot, lowest first; the owner's documentation lists the numbers in use. */
  order: number;
  render(db: Kysely<Database>, subject: Subject): Promise<ComponentChildren>;
}

/** Draws the parts at one spot of a page, all at once, in their order. */
export function renderParts<Subject>(db: Kysely<Database>, parts: PagePart<Subject>[], subject: Subject): Promise<ComponentChildren[]> {
  return Promise.all([...parts].sort((a, b) => a.order - b.order).map((part) => part.render(db, subject)));
}
