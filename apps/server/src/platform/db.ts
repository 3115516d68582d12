/**
 * The database: PGlite (PostgreSQL in WebAssembly) in DATA_DIR when DATABASE_URL is unset, a
 * node-postgres pool when it is set. Both run the same Drizzle schema, migrations and queries.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import { drizzle as drizzlePg, NodePgSession } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Runs `fn` while holding a cluster-wide lock (start-up migrations and seeding with several processes). */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: a small separate pool for short statements that must commit on their own while a
   * transaction is open elsewhere (request numbers, decision 0014). Its sessions run with
   * synchronous_commit off: a counter bump's WAL is flushed by the commit of the request that uses it.
   * Never open a transaction on it, and never wait on it for anything but single statements.
   */
  autonomous?: Db;
  /** PGlite only: the underlying instance (dump/load in tests, backups). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');
const STARTUP_LOCK = 727_0301;

// Timestamps and dates come back as strings we control; numeric (areas) as numbers.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: { 1700: (v: string) => Number(v), 20: (v: string) => Number(v) },
  });
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  let chain = Promise.resolve();
  return {
    db,
    kind: 'pglite',
    pglite: client,
    // One process owns a PGlite directory; serialise within the process.
    withStartupLock: <T>(fn: () => Promise<T>) => {
      const run = chain.then(fn);
      chain = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    close: () => client.close(),
  };
}

/** How long an unused pooled PostgreSQL connection is kept. */
const IDLE_MS = 5 * 60_000;

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  // Idle connections are kept for minutes, not node-postgres's 10 s: each connection holds its own
  // prepared statements and their cached plans (preparedRows), which a reconnect throws away — the
  // complaint detail's plan alone takes PostgreSQL ~8 ms to make.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, idleTimeoutMillis: IDLE_MS });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  const autonomousPool = new pg.Pool({
    connectionString: url,
    max: 4,
    idleTimeoutMillis: IDLE_MS,
    options: '-c synchronous_commit=off',
  });
  autonomousPool.on('error', () => {
    // As above.
  });
  const autonomous = drizzlePg({ client: autonomousPool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    autonomous,
    withStartupLock: async <T>(fn: () => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), autonomousPool.end()]);
    },
  };
}

export async function openDatabase(cfg: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return cfg.databaseUrl
    ? openPostgres(cfg.databaseUrl)
    : openPglite({ dataDir: path.join(cfg.dataDir, 'db') });
}

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the driver-specific type
    await migratePg(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  }
}

/** Raw rows of a SQL statement, the same on both drivers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Statement texts given a name so far (each connection prepares a name once); bounded. */
const preparedNames = new Map<string, string>();
const MAX_PREPARED = 200;

interface SessionInternals {
  session: unknown;
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
}
interface PreparedInternals {
  prepareQuery(
    q: { sql: string; params: unknown[] },
    fields: undefined,
    name: string | undefined,
    arrayMode: boolean,
  ): { execute(): Promise<unknown> };
}

/**
 * `rows`, as a named prepared statement on PostgreSQL: each connection parses and plans it once and
 * then (after PostgreSQL's five custom plans) runs a cached generic plan. For hot statements whose
 * planning costs more than running them — many correlated subqueries over unique keys — and whose
 * best plan does not depend on the values (a session by token, a request by id, a resident by phone);
 * not for searches and lists, whose plans should see their values. The name is a hash of the text, so
 * every shape of the statement gets its own; past MAX_PREPARED shapes, statements run unnamed.
 * PGlite (one connection, in-process) runs it as `rows` does.
 */
export async function preparedRows<T>(db: Db, label: string, query: SQL): Promise<T[]> {
  const inner = db as unknown as SessionInternals;
  if (!is(inner.session as object, NodePgSession)) return rows<T>(db, query);
  const q = inner.dialect.sqlToQuery(query);
  return namedQuery<T>(inner.session as DriverSession, label, q.sql, q.params);
}

/**
 * `preparedRows` for a statement whose text the caller built itself (`insertValues`): no Drizzle
 * query building, which on the intake's 40-column insert cost more CPU than the rest of the request's
 * JavaScript. Named on PostgreSQL as `preparedRows` names, unnamed on PGlite.
 */
export async function preparedText<T>(db: Db, label: string, text: string, params: unknown[]): Promise<T[]> {
  const inner = db as unknown as SessionInternals;
  if (is(inner.session as object, NodePgSession))
    return namedQuery<T>(inner.session as DriverSession, label, text, params);
  const result = (await (inner.session as PreparedInternals)
    .prepareQuery({ sql: text, params }, undefined, undefined, false)
    .execute()) as { rows: T[] };
  return result.rows;
}

/** node-postgres's own parsers, except the types Drizzle reads as text (timestamps, dates, intervals). */
const TEXT_TYPES = new Set([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);
const asText = (value: string) => value;
const driverTypes = {
  getTypeParser: (typeId: number, format?: 'text' | 'binary') =>
    TEXT_TYPES.has(typeId) ? asText : pg.types.getTypeParser(typeId, format),
} as pg.CustomTypesConfig;

interface DriverSession {
  client: pg.Pool | pg.PoolClient;
}

/**
 * A named statement straight to the pool or the transaction's connection, parsed as Drizzle parses
 * (same type parsers) but without Drizzle's per-call prepared-query objects, tracing spans and cache
 * lookups, which showed in the intake's CPU profile.
 */
async function namedQuery<T>(session: DriverSession, label: string, text: string, params: unknown[]) {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED) {
    name = `${label}_${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
    preparedNames.set(text, name);
  }
  const result = await session.client.query<T & pg.QueryResultRow>({
    name,
    text,
    values: params,
    types: driverTypes,
  });
  return result.rows as T[];
}

interface InsertColumn {
  key: string;
  encode(value: unknown): unknown;
  defaultFn?: () => unknown;
}

const insertColumns = new WeakMap<PgTable, { columns: InsertColumn[]; head: string }>();

function insertShape(table: PgTable) {
  let shape = insertColumns.get(table);
  if (!shape) {
    const casing = new CasingCache('snake_case');
    const entries = Object.entries(getTableColumns(table));
    const columns = entries.map(([key, column]) => {
      const c = column as unknown as {
        mapToDriverValue(v: unknown): unknown;
        defaultFn?: () => unknown;
        onUpdateFn?: () => unknown;
      };
      return {
        key,
        encode: (v: unknown) => (v === null ? null : c.mapToDriverValue(v)),
        defaultFn: c.defaultFn ?? c.onUpdateFn,
      };
    });
    const names = entries.map(([, column]) => `"${casing.getColumnCasing(column)}"`).join(', ');
    shape = { columns, head: `insert into "${getTableName(table)}" (${names}) values ` };
    insertColumns.set(table, shape);
  }
  return shape;
}

/**
 * The text of `insert into <table> (every column) values (…), (…)` for these rows, their values
 * appended to `params` (numbered after what is there), encoded as Drizzle encodes them; a column a row
 * leaves out takes its `$defaultFn` or the column's default — as `db.insert(table).values(rows)`
 * writes, without building Drizzle's query objects. For hot paths only (decision 0025).
 */
export function insertValues(table: PgTable, list: readonly object[], params: unknown[]): string {
  const { columns, head } = insertShape(table);
  const tuples = list.map((row) => {
    const r = row as Record<string, unknown>;
    const cells = columns.map((c) => {
      let v = r[c.key];
      if (v === undefined && c.defaultFn) v = c.defaultFn();
      if (v === undefined) return 'default';
      if (v instanceof SQL) throw new Error(`insertValues: ${c.key} is a SQL expression, not a value`);
      params.push(c.encode(v));
      return `$${params.length}`;
    });
    return `(${cells.join(', ')})`;
  });
  return head + tuples.join(', ');
}

export { sql };

/** A text[] value of these strings (a JS array in a sql`` template is a row, not an array). */
export function textArray(values: readonly string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}
