/**
 * The benchmark dataset: a deterministic generator that bulk-loads extra estates, buildings, units,
 * residents and their unit links into a database that `prepareDatabase` has migrated and seeded with
 * the demo company (the demo data stays: the extra data joins the demo company, so the demo accounts
 * see it).
 *
 * Generation is a list of stages (STAGES). Each stage draws from its own random stream, derived from
 * the seed and the stage's name, so the same spec always gives the same rows, and adding a stage never
 * changes the rows of the stages before it. Rows are typed by the Drizzle tables and written with
 * multi-row INSERTs of `batchSize` (1 000) rows per statement, streamed: a stage never holds more
 * than one batch per table in memory, only the compact state later stages need (ids, indexes).
 *
 * The INSERT text is built here from the tables' columns (snake_case, as the app's Drizzle instance
 * names them; values through each column's own mapToDriverValue) and sent straight to the driver:
 * Drizzle's query builder spends ~70 µs of CPU per row on a 1 000-row insert (its entity checks),
 * which would make the 2 M-request dataset of issue 3 take many minutes to build.
 *
 * Issue 3 adds stages after `residents` (requests over the estates, their events, deadlines and
 * callbacks) that read `DatasetState` (estates with their departments and locations, units with
 * their main resident) and write through `ctx.writer(table)`.
 */
import { getTableColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  DEPARTMENTS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LOCATIONS,
  MOBILE_PREFIXES,
  REGION_CODES,
  SURNAMES,
} from '../../apps/server/src/demo/demo.data.ts';
import { idChecksum } from '../../apps/server/src/demo/random.ts';
import {
  buildings,
  departments,
  estates,
  locations,
  units,
} from '../../apps/server/src/modules/organisation/organisation.table.ts';
import { residents, residentUnits } from '../../apps/server/src/modules/residents/residents.table.ts';
import { type Database, rows, sql } from '../../apps/server/src/platform/db.ts';
import { Rng, uuidv7 } from './prng.ts';

// ---- the spec -------------------------------------------------------------------------------------

export interface DatasetSpec {
  seed: number;
  /** Extra estates, on top of the demo company's two. */
  estates: number;
  /** Extra units, spread evenly over the extra estates. */
  units: number;
  /** Extra residents: one owner or tenant per unit first, the rest family members and tenants. */
  residents: number;
  /** Requests with their events, deadlines and callbacks: generated from issue 3 on (0 for now). */
  requests: number;
}

/** 08-non-functional §5: the reference dataset. */
export const REFERENCE_SPEC: DatasetSpec = {
  seed: 20_260_301,
  estates: 200,
  units: 200_000,
  residents: 300_000,
  requests: 2_000_000,
};

export const UNITS_PER_ESTATE = 1_000;

/**
 * The spec for `--scale N`: N units, 1.5 residents per unit, one estate per 1 000 units (at most
 * the reference's 200), no requests yet.
 */
export function specForScale(units: number, seed = REFERENCE_SPEC.seed): DatasetSpec {
  const n = Math.max(0, Math.floor(units));
  return {
    seed,
    estates: n === 0 ? 0 : Math.min(REFERENCE_SPEC.estates, Math.max(1, Math.round(n / UNITS_PER_ESTATE))),
    units: n,
    residents: Math.round(n * 1.5),
    requests: 0,
  };
}

// ---- what stages share ----------------------------------------------------------------------------

export interface GeneratedEstate {
  id: string;
  code: string;
  name: string;
  type: 'residential' | 'office' | 'commercial' | 'mixed';
  /** Department id by kind (engineering, cleaning, …). */
  departmentIds: Record<string, string>;
  locationIds: string[];
  /** Its units are unitIds[unitStart … unitStart + unitCount - 1]. */
  unitStart: number;
  unitCount: number;
  buildingCount: number;
}

/** What the stages know about the rows already written (compact: typed arrays indexed by row number). */
export interface DatasetState {
  companyId: string;
  /** The reference instant of the dataset (ids and dates are stamped relative to it). */
  now: Date;
  estates: GeneratedEstate[];
  unitIds: string[];
  /** Index into `estates` of each unit. */
  unitEstate: Uint16Array;
  /** 0 vacant, 1 occupied, 2 rented, 3 decorating. */
  unitStatus: Uint8Array;
  /** Index into `residentIds` of each unit's owner or tenant, -1 when it has none. */
  unitMainResident: Int32Array;
  residentIds: string[];
}

export const UNIT_STATUSES = ['vacant', 'occupied', 'rented', 'decorating'] as const;

export interface BatchWriter<Row> {
  add(row: Row): Promise<void>;
  /** Writes what is buffered; the generator calls it for every writer when the stage ends. */
  flush(): Promise<void>;
}

export interface StageContext {
  database: Database;
  spec: DatasetSpec;
  state: DatasetState;
  /** This stage's own random stream. */
  rng: Rng;
  /**
   * A buffered writer: one multi-row INSERT per `batchSize` rows. Create writers parent table first:
   * before a writer sends a batch, the writers created before it send theirs, so a row's foreign
   * keys always point at rows already written.
   */
  writer<T extends PgTable>(table: T): BatchWriter<InferInsertModel<T>>;
  log(message: string): void;
}

export interface Stage {
  name: string;
  /** The tables it writes, in the order it writes them (for the report). */
  tables: string[];
  enabled(spec: DatasetSpec): boolean;
  run(ctx: StageContext): Promise<void>;
}

export interface StageReport {
  name: string;
  ms: number;
  rows: Record<string, number>;
}

export interface DatasetReport {
  spec: DatasetSpec;
  stages: StageReport[];
  /** VACUUM ANALYZE after loading. */
  analyzeMs: number;
  totalRows: number;
  totalMs: number;
  /** Rows of every table after loading (demo data included). */
  tableRows: Record<string, number>;
}

// ---- deterministic values the benchmarks also need -------------------------------------------------

/** Prefixes the demo seed never uses, so a generated phone never collides with a demo resident's. */
const PHONE_PREFIXES = '133 134 153 155 156 166 173 175 176 178 183 184 185'
  .split(' ')
  .filter((p) => !MOBILE_PREFIXES.includes(p))
  .sort();
const PHONE_MULTIPLIER = 7_919_993; // odd and not a multiple of 5: a bijection on 0 … 10^8-1
const PHONE_OFFSET = 12_345_679;

/**
 * The phone of phone slot `k` (resident i's first phone is slot i, a second phone slot i + 5·10^7):
 * a pure function, so a benchmark can look up residents by phone without reading them back, and no
 * two slots share a number.
 */
export function phoneOf(k: number): string {
  const prefix = PHONE_PREFIXES[k % PHONE_PREFIXES.length] as string;
  const n = (k * PHONE_MULTIPLIER + PHONE_OFFSET) % 100_000_000;
  return `${prefix}${String(n).padStart(8, '0')}`;
}

export const SECOND_PHONE_SLOT = 50_000_000;

/** The first phone of generated resident `i` (0-based). */
export const residentPhone = (i: number): string => phoneOf(i);

// ---- the stages -----------------------------------------------------------------------------------

const DAY = 24 * 60 * 60 * 1000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const NAME_HEADS =
  '锦绣 翠湖 碧水 金色 丽景 华庭 书香 绿地 万象 星河 龙湖 御景 海棠 紫荆 枫林 云顶 滨江 湖畔 橡树 春晓'.split(
    ' ',
  );
const NAME_TAILS = '花园 家园 雅苑 名苑 新村 公寓 华府 广场 大厦 中心 山庄 小区'.split(' ');
const DISTRICTS = '南山 福田 罗湖 宝安 龙岗 龙华 光明 坪山 盐田 前海'.split(' ');
const ROADS = '建设 人民 中山 解放 和平 文化 科技 滨海 深南 东湖'.split(' ');

function estateName(i: number): string {
  const head = NAME_HEADS[i % NAME_HEADS.length] as string;
  const tail = NAME_TAILS[Math.floor(i / NAME_HEADS.length) % NAME_TAILS.length] as string;
  const round = Math.floor(i / (NAME_HEADS.length * NAME_TAILS.length));
  return round === 0 ? `${head}${tail}` : `${head}${tail}${round + 1}期`;
}

function estateType(rng: Rng): GeneratedEstate['type'] {
  const r = rng.next();
  return r < 0.8 ? 'residential' : r < 0.9 ? 'mixed' : r < 0.97 ? 'office' : 'commercial';
}

/** Estates with their departments (every kind) and public locations. */
const estatesStage: Stage = {
  name: 'estates',
  tables: ['estates', 'departments', 'locations'],
  enabled: (spec) => spec.estates > 0,
  async run(ctx) {
    const { rng, state, spec } = ctx;
    let stamp = state.now.getTime() - 400 * DAY;
    const id = () => uuidv7(rng, ++stamp);
    const estateRows = ctx.writer(estates);
    const departmentRows = ctx.writer(departments);
    const locationRows = ctx.writer(locations);
    const locationTemplates = LOCATIONS.ygh;
    for (let i = 0; i < spec.estates; i++) {
      const type = estateType(rng);
      const estate: GeneratedEstate = {
        id: id(),
        code: `P${pad(i + 3, 3)}`,
        name: estateName(i),
        type,
        departmentIds: {},
        locationIds: [],
        unitStart: 0,
        unitCount: 0,
        buildingCount: 0,
      };
      state.estates.push(estate);
      await estateRows.add({
        id: estate.id,
        companyId: state.companyId,
        name: estate.name,
        code: estate.code,
        type,
        address: `示范市${rng.pick(DISTRICTS)}区${rng.pick(ROADS)}路${rng.int(1, 999)}号`,
        timeZone: 'Asia/Shanghai',
        createdAt: state.now,
      });
    }
    for (const estate of state.estates) {
      for (const d of DEPARTMENTS) {
        const deptId = id();
        estate.departmentIds[d.kind] = deptId;
        await departmentRows.add({
          id: deptId,
          companyId: state.companyId,
          estateId: estate.id,
          name: d.name,
          kind: d.kind,
        });
      }
      for (const l of locationTemplates) {
        const locationId = id();
        estate.locationIds.push(locationId);
        await locationRows.add({
          id: locationId,
          companyId: state.companyId,
          estateId: estate.id,
          name: l.name,
          kind: l.kind,
        });
      }
    }
  },
};

/** Buildings of 6–33 floors with 2–6 units a floor, until each estate has its share of the units. */
const unitsStage: Stage = {
  name: 'buildings+units',
  tables: ['buildings', 'units'],
  enabled: (spec) => spec.units > 0 && spec.estates > 0,
  async run(ctx) {
    const { rng, state, spec } = ctx;
    let stamp = state.now.getTime() - 390 * DAY;
    const id = () => uuidv7(rng, ++stamp);
    const buildingRows = ctx.writer(buildings);
    const unitRows = ctx.writer(units);
    state.unitIds = new Array<string>(spec.units);
    state.unitEstate = new Uint16Array(spec.units);
    state.unitStatus = new Uint8Array(spec.units);
    const base = Math.floor(spec.units / state.estates.length);
    const extra = spec.units % state.estates.length;
    let u = 0;
    for (const [e, estate] of state.estates.entries()) {
      estate.unitStart = u;
      estate.unitCount = base + (e < extra ? 1 : 0);
      let left = estate.unitCount;
      for (let b = 1; left > 0; b++) {
        const perFloor = rng.int(2, 6);
        const maxFloors = rng.int(6, 33);
        const count = Math.min(left, perFloor * maxFloors);
        const floors = Math.ceil(count / perFloor);
        const buildingId = id();
        const office = estate.type === 'office' || estate.type === 'commercial';
        await buildingRows.add({
          id: buildingId,
          companyId: state.companyId,
          estateId: estate.id,
          name: office ? `${String.fromCharCode(64 + (((b - 1) % 26) + 1))}座${b > 26 ? b : ''}` : `${b}栋`,
          floors,
          sort: b,
        });
        estate.buildingCount++;
        for (let k = 0; k < count; k++, u++, left--) {
          const floor = Math.floor(k / perFloor) + 1;
          const n = (k % perFloor) + 1;
          const use =
            estate.type === 'residential'
              ? 'residence'
              : floor === 1 || (estate.type === 'mixed' && floor === 2)
                ? 'shop'
                : estate.type === 'mixed'
                  ? 'residence'
                  : 'office';
          const r = rng.next();
          const status = r < 0.7 ? 1 : r < 0.85 ? 2 : r < 0.95 ? 0 : 3;
          const unitId = id();
          state.unitIds[u] = unitId;
          state.unitEstate[u] = e;
          state.unitStatus[u] = status;
          await unitRows.add({
            id: unitId,
            companyId: state.companyId,
            estateId: estate.id,
            buildingId,
            number: `${floor}${pad(n, 2)}`,
            floor,
            areaM2: String(use === 'residence' ? rng.int(4_500, 18_000) / 100 : rng.int(3_000, 60_000) / 100),
            use,
            status: UNIT_STATUSES[status],
          });
        }
      }
    }
  },
};

/** Residents: the owner (or tenant) of each unit first, then family members and more tenants. */
const residentsStage: Stage = {
  name: 'residents',
  tables: ['residents', 'resident_units'],
  enabled: (spec) => spec.residents > 0 && spec.units > 0,
  async run(ctx) {
    const { rng, state, spec } = ctx;
    let stamp = state.now.getTime() - 380 * DAY;
    const id = () => uuidv7(rng, ++stamp);
    const residentRows = ctx.writer(residents);
    const linkRows = ctx.writer(residentUnits);
    const unitCount = state.unitIds.length;
    state.residentIds = new Array<string>(spec.residents);
    state.unitMainResident = new Int32Array(unitCount).fill(-1);
    for (let i = 0; i < spec.residents; i++) {
      const main = i < unitCount;
      const u = main ? i : rng.int(0, unitCount - 1);
      const estate = state.estates[state.unitEstate[u] as number] as GeneratedEstate;
      const rented = state.unitStatus[u] === 2;
      const relation = main ? (rented ? 'tenant' : 'owner') : rented && rng.chance(0.5) ? 'tenant' : 'member';
      const male = rng.chance(0.5);
      const name = rng.pick(SURNAMES) + rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
      const year = rng.int(1945, 2005);
      const birthday = `${year}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
      const seq = rng.int(0, 99) * 10 + (male ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
      const first17 = `${rng.pick(REGION_CODES)}${birthday.replaceAll('-', '')}${pad(seq, 3)}`;
      const g = rng.next();
      const grade = !main ? 'C' : g < 0.05 ? 'A' : g < 0.25 ? 'B' : g < 0.97 ? 'C' : 'D';
      const phones = rng.chance(0.1) ? [phoneOf(i), phoneOf(i + SECOND_PHONE_SLOT)] : [phoneOf(i)];
      const residentId = id();
      state.residentIds[i] = residentId;
      if (main) state.unitMainResident[u] = i;
      await residentRows.add({
        id: residentId,
        companyId: state.companyId,
        estateId: estate.id,
        name,
        gender: male ? 'male' : 'female',
        phones,
        idNumber: rng.chance(0.9) ? first17 + idChecksum(first17) : null,
        birthday,
        grade,
        createdAt: state.now,
      });
      await linkRows.add({
        residentId,
        unitId: state.unitIds[u] as string,
        companyId: state.companyId,
        estateId: estate.id,
        relation,
        since: relation === 'owner' ? `${rng.int(2005, 2025)}-${pad(rng.int(1, 12), 2)}-01` : null,
      });
    }
  },
};

/**
 * Placeholder for issue 3 (requests over the estates, with events, deadlines and callbacks): it
 * refuses a spec that asks for requests, so no run reports a dataset it did not generate.
 */
const requestsStage: Stage = {
  name: 'requests',
  tables: ['requests', 'events'],
  enabled: (spec) => spec.requests > 0,
  async run() {
    throw new Error('generating requests comes with the intake/queue/search/SLA benchmarks (issue 3)');
  },
};

export const STAGES: readonly Stage[] = [estatesStage, unitsStage, residentsStage, requestsStage];

// ---- the generator --------------------------------------------------------------------------------

const COUNTED_TABLES = [
  'estates',
  'buildings',
  'units',
  'residents',
  'resident_units',
  'departments',
  'locations',
  'users',
  'requests',
  'events',
];

/** The demo company (prepareDatabase with demo data must have run). */
export async function demoCompanyId(database: Database): Promise<string> {
  const [row] = await rows<{ id: string }>(database.db, sql`select id from companies where code = 'demo'`);
  if (!row) throw new Error('no demo company: run prepareDatabase with demo: true before generating');
  return row.id;
}

export async function generateDataset(
  database: Database,
  spec: DatasetSpec,
  options: { now: Date; batchSize?: number; log?: (message: string) => void; stages?: readonly Stage[] },
): Promise<{ report: DatasetReport; state: DatasetState }> {
  const batchSize = options.batchSize ?? 1_000;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const state: DatasetState = {
    companyId: await demoCompanyId(database),
    now: options.now,
    estates: [],
    unitIds: [],
    unitEstate: new Uint16Array(0),
    unitStatus: new Uint8Array(0),
    unitMainResident: new Int32Array(0),
    residentIds: [],
  };
  const reports: StageReport[] = [];
  const exec = driverExec(database);
  const casing = new CasingCache('snake_case');
  for (const stage of options.stages ?? STAGES) {
    if (!stage.enabled(spec)) continue;
    const t0 = performance.now();
    const counts: Record<string, number> = {};
    const writers: BatchWriter<unknown>[] = [];
    const ctx: StageContext = {
      database,
      spec,
      state,
      rng: Rng.derive(spec.seed, stage.name),
      log,
      writer<T extends PgTable>(table: T): BatchWriter<InferInsertModel<T>> {
        const name = getTableName(table);
        counts[name] ??= 0;
        let buffer: InferInsertModel<T>[] = [];
        const parents = [...writers];
        const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({
          key,
          column,
        }));
        const head = `insert into "${name}" (${columns
          .map((c) => `"${casing.getColumnCasing(c.column)}"`)
          .join(', ')}) values `;
        const flush = async () => {
          if (buffer.length === 0) return;
          for (const parent of parents) await parent.flush();
          const batch = buffer;
          buffer = [];
          const params: unknown[] = [];
          const tuples: string[] = [];
          for (const row of batch) {
            const values = row as Record<string, unknown>;
            const parts: string[] = [];
            for (const { key, column } of columns) {
              const v = values[key];
              if (v === undefined) parts.push('default');
              else {
                params.push(v === null ? null : column.mapToDriverValue(v));
                parts.push(`$${params.length}`);
              }
            }
            tuples.push(`(${parts.join(', ')})`);
          }
          await exec(head + tuples.join(', '), params);
          counts[name] = (counts[name] ?? 0) + batch.length;
        };
        const writer: BatchWriter<InferInsertModel<T>> = {
          async add(row) {
            buffer.push(row);
            if (buffer.length >= batchSize) await flush();
          },
          flush,
        };
        writers.push(writer as BatchWriter<unknown>);
        return writer;
      },
    };
    await stage.run(ctx);
    for (const w of writers) await w.flush();
    const ms = performance.now() - t0;
    reports.push({ name: stage.name, ms, rows: counts });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    log(
      `  ${stage.name}: ${Object.entries(counts)
        .map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`)
        .join(
          ', ',
        )} in ${(ms / 1000).toFixed(1)} s (${Math.round(total / (ms / 1000)).toLocaleString('en-US')} rows/s)`,
    );
  }
  const t1 = performance.now();
  await database.db.execute(sql`vacuum analyze`);
  const analyzeMs = performance.now() - t1;
  log(`  vacuum analyze: ${(analyzeMs / 1000).toFixed(1)} s`);
  const tableRows: Record<string, number> = {};
  for (const t of COUNTED_TABLES) {
    const [row] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(t)}`,
    );
    tableRows[t] = row?.n ?? 0;
  }
  return {
    state,
    report: {
      spec,
      stages: reports,
      analyzeMs,
      totalRows: reports.reduce((a, s) => a + Object.values(s.rows).reduce((x, y) => x + y, 0), 0),
      totalMs: performance.now() - started,
      tableRows,
    },
  };
}

/** Sends one statement with parameters straight to the driver (PGlite or the node-postgres pool). */
function driverExec(database: Database): (text: string, params: unknown[]) => Promise<void> {
  if (database.pglite) {
    const lite = database.pglite;
    return async (text, params) => {
      await lite.query(text, params);
    };
  }
  if (database.pool) {
    const pool = database.pool;
    return async (text, params) => {
      await pool.query(text, params);
    };
  }
  throw new Error('generateDataset needs a database opened by openPglite or openPostgres');
}
