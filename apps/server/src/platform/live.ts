/**
 * Live events for the browser (GET /api/stream): what changed, published after the commit that
 * changed it. In one process an in-process bus; on PostgreSQL every event also goes through
 * `NOTIFY wuye_live`, and each process LISTENs, so a change made by one process reaches the streams
 * held by all of them (PGlite has one process: in-process only). Delivery is best effort — a stream
 * that misses an event still shows the truth on its next read.
 */
import type { AlertRaisedEvent, LiveEvent } from '@wuye/contracts';
import pg from 'pg';
import type { Database } from './db.ts';

export type LiveListener = (event: LiveEvent) => void;

export interface LiveBus {
  /** Call after the transaction committed. Never throws. */
  publish(events: LiveEvent | LiveEvent[]): void;
  subscribe(listener: LiveListener): () => void;
  /**
   * PostgreSQL: the NOTIFY payloads of these events, for a writer that sends them in its own
   * autocommitted statement (`select pg_notify(LIVE_CHANNEL, …)` after its data-modifying CTEs) instead
   * of calling publish afterwards: PostgreSQL delivers them at that statement's commit, as publish's
   * would be, and the intake saves a round trip. null when events do not travel through PostgreSQL
   * (the in-process bus): publish them.
   */
  notifyPayloads(events: LiveEvent[]): string[] | null;
  /** How many listeners (open streams) this process has. */
  listenerCount(): number;
  /** Resolves when the bus can carry events (the LISTEN is in place on PostgreSQL). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const LIVE_CHANNEL = 'wuye_live';
/** NOTIFY payloads must stay under 8000 bytes; events are packed into arrays below this. */
const MAX_PAYLOAD_BYTES = 7_500;

function fanOut(listeners: Set<LiveListener>, events: LiveEvent[], onError: (err: unknown) => void) {
  for (const e of events) {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        onError(err);
      }
    }
  }
}

/** One process: events go straight to this process's streams. */
export function createLocalBus(options: { onError?: (err: unknown) => void } = {}): LiveBus {
  const listeners = new Set<LiveListener>();
  const onError = options.onError ?? (() => undefined);
  return {
    publish: (events) => fanOut(listeners, [events].flat(), onError),
    notifyPayloads: () => null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
    ready: async () => undefined,
    close: async () => listeners.clear(),
  };
}

/** Packs events into as few NOTIFY payloads as fit (an event too big alone is dropped). */
export function packPayloads(events: LiveEvent[]): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  let size = 2;
  for (const e of events) {
    const json = JSON.stringify(e);
    const bytes = Buffer.byteLength(json) + 1;
    if (bytes + 2 > MAX_PAYLOAD_BYTES) continue;
    if (size + bytes > MAX_PAYLOAD_BYTES) {
      out.push(`[${batch.join(',')}]`);
      batch = [];
      size = 2;
    }
    batch.push(json);
    size += bytes;
  }
  if (batch.length) out.push(`[${batch.join(',')}]`);
  return out;
}

/**
 * Several processes on one PostgreSQL: publish is NOTIFY (through the pool), delivery comes from a
 * dedicated LISTEN connection — also for this process's own events, so every process sees one order.
 * The LISTEN connection reconnects after a failure; events sent meanwhile are missed (best effort).
 */
export function createPostgresBus(
  pool: pg.Pool,
  options: { onError?: (err: unknown) => void; reconnectMs?: number } = {},
): LiveBus {
  const listeners = new Set<LiveListener>();
  const onError = options.onError ?? (() => undefined);
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client(pool.options);
    c.on('notification', (msg) => {
      if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
      try {
        fanOut(listeners, JSON.parse(msg.payload) as LiveEvent[], onError);
      } catch (err) {
        onError(err);
      }
    });
    const retry = (err?: unknown) => {
      if (err) onError(err);
      if (closed || client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      timer = setTimeout(() => {
        connect().catch(() => undefined);
      }, options.reconnectMs ?? 1_000);
      timer.unref();
    };
    c.on('error', retry);
    c.on('end', () => retry());
    client = c;
    try {
      await c.connect();
      await c.query(`listen ${LIVE_CHANNEL}`);
    } catch (err) {
      retry(err);
      throw err;
    }
  };
  const firstReady = connect().catch(() => undefined);

  return {
    publish(events) {
      const list = [events].flat();
      if (list.length === 0 || closed) return;
      // One statement for all of a publish's payloads: notifications sent by one transaction arrive
      // in the order sent, where separate queries on the pool's connections could commit out of order.
      const payloads = packPayloads(list);
      if (payloads.length === 0) return;
      const calls = payloads.map((_, i) => `pg_notify($1, $${i + 2})`).join(', ');
      pool.query(`select ${calls}`, [LIVE_CHANNEL, ...payloads]).catch((err) => {
        // The other processes miss them; this process's streams at least hear them.
        onError(err);
        for (const payload of payloads) fanOut(listeners, JSON.parse(payload) as LiveEvent[], onError);
      });
    },
    notifyPayloads: (events) => (closed ? null : packPayloads(events)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
    ready: () => firstReady,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      listeners.clear();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** The bus for a database: NOTIFY/LISTEN on PostgreSQL, in-process on PGlite. */
export function createLiveBus(
  database: Database,
  options: { onError?: (err: unknown) => void } = {},
): LiveBus {
  return database.kind === 'postgres' && database.pool
    ? createPostgresBus(database.pool, options)
    : createLocalBus(options);
}

/** The sweeper's raised alerts as live events. */
export function alertEvents(alerts: AlertRaisedEvent[]): LiveEvent[] {
  return alerts.map((data) => ({ type: 'alert.raised', data }));
}
