import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * A tiny publish/subscribe bus so that something that happens on one app instance (a vote, a
 * question opened) reaches the viewers connected to every instance. Messages are short strings;
 * a subscriber also receives what its own instance published, so there is one code path.
 */
export interface Bus {
  /** Which implementation runs (shown by /healthz-like diagnostics and tests). */
  readonly kind: 'memory' | 'postgres' | 'redis';
  /** False for the in-process bus: only this process publishes, so local state is authoritative. */
  readonly shared: boolean;
  publish(channel: string, message: string): Promise<void>;
  /** Returns a function that removes the handler. */
  subscribe(channel: string, handler: (message: string) => void): () => void;
  /** Resolves once the bus is ready to deliver messages (the listening connection is up). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

class MemoryBus implements Bus {
  readonly kind = 'memory';
  readonly shared = false;
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: string): Promise<void> {
    this.emitter.emit(channel, message);
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** Channel names become SQL identifiers for LISTEN; keep them to a safe alphabet. */
function checkChannel(channel: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Bus channel "${channel}" must be lower-case letters, digits and _`);
  return channel;
}

/**
 * PostgreSQL LISTEN/NOTIFY: one dedicated connection listens (a pooled one would be handed back
 * and lose its LISTEN); NOTIFY goes through the pool. Payloads must stay under 8000 bytes.
 */
class PostgresBus implements Bus {
  readonly kind = 'postgres';
  readonly shared = true;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listener!: pg.Client;
  private connected!: Promise<void>;
  private readonly listening = new Set<string>();
  private closing = false;

  constructor(
    private readonly connectionString: string,
    private readonly pool: pg.Pool,
  ) {
    this.connect();
  }

  /** Opens the listening connection and (again, after a loss) LISTENs on every channel. */
  private connect(): void {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'cluster-hub-bus' });
    this.listener = client;
    client.on('notification', (n) => this.emitter.emit(n.channel, n.payload ?? ''));
    // A lost connection must not crash the process: reconnect after a second and listen again.
    // 'error' and 'end' both fire for one loss: reconnect once per lost client.
    let retried = false;
    const retry = () => {
      if (retried || this.closing || this.listener !== client) return;
      retried = true;
      setTimeout(() => this.connect(), 1000).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    this.connected = client.connect().then(async () => {
      for (const channel of this.listening) await client.query(`listen ${channel}`);
    });
    this.connected.catch(() => {});
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.pool.query('select pg_notify($1, $2)', [checkChannel(channel), message]);
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    checkChannel(channel);
    this.emitter.on(channel, handler);
    if (!this.listening.has(channel)) {
      this.listening.add(channel);
      const client = this.listener;
      void this.connected.then(() => client.query(`listen ${channel}`)).catch(() => {});
    }
    return () => this.emitter.off(channel, handler);
  }

  async ready(): Promise<void> {
    await this.connected;
    // LISTEN statements queue on the client in order, so a trivial query after them proves they ran.
    await this.listener.query('select 1');
  }

  async close(): Promise<void> {
    this.closing = true;
    this.emitter.removeAllListeners();
    await this.listener.end().catch(() => {});
  }
}

/** Redis pub/sub: a subscribing connection cannot publish, so there are two. */
class RedisBus implements Bus {
  readonly kind = 'redis';
  readonly shared = true;
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    this.publisher.on('error', () => {});
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (channel: string, message: string) => this.emitter.emit(channel, message));
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(checkChannel(channel), message);
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    checkChannel(channel);
    if (this.emitter.listenerCount(channel) === 0) this.pending = this.subscriber.subscribe(channel).catch(() => {});
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  async ready(): Promise<void> {
    await this.pending;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    this.subscriber.disconnect();
    await this.publisher.quit().catch(() => {});
  }
}

export interface BusOptions {
  redisUrl?: string;
  databaseUrl?: string;
  pool?: pg.Pool;
}

/** Redis when REDIS_URL is set, PostgreSQL LISTEN/NOTIFY when the database is PostgreSQL, else in-process. */
export function createBus(options: BusOptions): Bus {
  if (options.redisUrl) return new RedisBus(options.redisUrl);
  if (options.databaseUrl && options.pool) return new PostgresBus(options.databaseUrl, options.pool);
  return new MemoryBus();
}
