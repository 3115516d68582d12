/** Messages between run.ts and the server child process (server.ts), over Node's IPC channel. */
import type { LoadStats } from './load.ts';
import type { BenchContext, Input } from './scenarios.ts';

export interface ServerConfig {
  kind: 'pglite' | 'postgres';
  /** PostgreSQL: the database URL. */
  url?: string;
  /** PGlite: the data directory the parent generated. */
  dataDir?: string;
  /** Connections of the app's pool (PostgreSQL). */
  poolMax: number;
  secret: string;
  logLevel: string;
  /** The app's clock is the wall clock plus this (it lives at the dataset's instant). */
  clockOffsetMs: number;
  /**
   * Server processes sharing the port (`--workers`, PostgreSQL only), as `WORKERS` runs the product:
   * above one, server.ts is a primary that starts them and relays the parent's commands.
   */
  workers: number;
}

export type ToServer =
  | { id: number; cmd: 'rss-start' }
  | { id: number; cmd: 'rss-stop' }
  | { id: number; cmd: 'raw-once'; scenario: string; ctx: BenchContext; input: Input }
  | {
      id: number;
      cmd: 'raw-load';
      scenario: string;
      ctx: BenchContext;
      connections: number;
      warmupMs: number;
      durationMs: number;
    }
  | { id: number; cmd: 'idle'; quietMs: number; timeoutMs: number }
  /** PGlite: statements on the server's instance (the sweep scenario's set-up and checks). */
  | { id: number; cmd: 'sql'; text: string; params?: unknown[] }
  /** PGlite: the sweeper (sweepClocks) in this process at `at`, timed. */
  | { id: number; cmd: 'sweep'; at: string; batchSize: number }
  /** PGlite: the sweep's raw mirror in this process, timed. */
  | { id: number; cmd: 'raw-sweep'; at: string; batchSize: number; callers: number }
  | { id: number; cmd: 'stop' };

/** A command before the process wrapper gives it an id. */
export type Command = ToServer extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

export interface RssStats {
  samples: number;
  peakMb: number;
  meanMb: number;
}

export type FromServer =
  /** `pids`: every server process (a primary and its workers, or the one). */
  | { type: 'ready'; port: number; pid: number; pids: number[]; rssMb: number }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'fatal'; error: string };

export type { LoadStats };
