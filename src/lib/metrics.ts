import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A value read when Prometheus scrapes: one number, or one number per label value (jobs by status). */
export interface GaugeSource {
  name: string;
  help: string;
  /** The label the keys of `read`'s result go into; without it `read` returns one number. */
  label?: string;
  read(): number | Record<string, number> | Promise<number | Record<string, number>>;
}

export interface Metrics {
  /** Adds a gauge computed at scrape time; a no-op while metrics are off. */
  addGauge(source: GaugeSource): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

const PREFIX = 'cluster_hub_';

function sameToken(given: string, expected: string): boolean {
  // Hashes have equal length, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `/metrics` in the Prometheus text format: requests by route pattern and status, their latency,
 * the process (memory, CPU, event-loop delay), and whatever the modules add with `app.metrics.addGauge`.
 * Off (404, nothing counted) unless a token is set; a scrape sends `Authorization: Bearer <token>`.
 */
export const metricsPlugin = fp<{ token?: string }>(async (app, { token }) => {
  if (!token) {
    app.decorate('metrics', { addGauge: () => {} });
    return;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  app.decorate('metrics', {
    addGauge({ name, help, label, read }) {
      new Gauge({
        name: PREFIX + name,
        help,
        labelNames: label ? [label] : [],
        registers: [registry],
        async collect() {
          const value = await read();
          if (typeof value === 'number') return void this.set(value);
          this.reset();
          for (const [key, count] of Object.entries(value)) this.set({ [label!]: key }, count);
        },
      });
    },
  });

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: `${PREFIX}http_requests_total`, help: 'HTTP requests answered, by route pattern and status', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time from receiving a request to sending its response, by route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // The pattern, not the path: /events/:slug is one series however many events there are.
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    // A plain 401 for a scraper, not the sign-in redirect a browser gets from Unauthorized.
    if (!given || !sameToken(given, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send('Metrics need the header Authorization: Bearer <METRICS_TOKEN>.\n');
    }
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
  });
});
