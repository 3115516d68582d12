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
import {
  REQUEST_NUMBER_PREFIX,
  type RequestState,
  type RequestType,
  type Role,
  SLA_DEFAULTS,
} from '@wuye/contracts';
import { getTableColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  CATEGORIES,
  DEPARTMENTS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LOCATIONS,
  MOBILE_PREFIXES,
  REGION_CODES,
  SURNAMES,
} from '../../apps/server/src/demo/demo.data.ts';
import { idChecksum } from '../../apps/server/src/demo/random.ts';
import { userEstates, users } from '../../apps/server/src/modules/auth/auth.table.ts';
import {
  buildings,
  departments,
  estates,
  locations,
  units,
} from '../../apps/server/src/modules/organisation/organisation.table.ts';
import { searchDocument } from '../../apps/server/src/modules/requests/requests.search.ts';
import {
  callbacks,
  requestDeadlines,
  requests,
} from '../../apps/server/src/modules/requests/requests.table.ts';
import { residents, residentUnits } from '../../apps/server/src/modules/residents/residents.table.ts';
import { type Database, rows, sql } from '../../apps/server/src/platform/db.ts';
import { events } from '../../apps/server/src/platform/events.table.ts';
import { describe } from './phrases.ts';
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
  /** Requests with their events, deadlines and callbacks, over the two years before `now`. */
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

/** Requests per unit over the two years (the reference: 2 000 000 over 200 000 units). */
export const REQUESTS_PER_UNIT = 10;

/**
 * The spec for `--scale N`: N units, 1.5 residents per unit, one estate per 1 000 units (at most
 * the reference's 200), 10 requests per unit — `specForScale(200 000)` is REFERENCE_SPEC.
 */
export function specForScale(units: number, seed = REFERENCE_SPEC.seed): DatasetSpec {
  const n = Math.max(0, Math.floor(units));
  return {
    seed,
    estates: n === 0 ? 0 : Math.min(REFERENCE_SPEC.estates, Math.max(1, Math.round(n / UNITS_PER_ESTATE))),
    units: n,
    residents: Math.round(n * 1.5),
    requests: n * REQUESTS_PER_UNIT,
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
  /** Filled by the staff stage. */
  staff?: EstateStaff;
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
  /** Each generated resident's name (the reporter of the requests from their unit). */
  residentNames: string[];
  /** Filled by the requests stage: what the benchmarks pick their inputs from. */
  requests: RequestsState;
}

/** The staff of a generated estate (user ids), by what they do. */
export interface EstateStaff {
  manager: string;
  supervisor: string;
  agents: string[];
  stewards: string[];
  night: string;
  technicians: string[];
  /** Department leads by department kind (engineering, cleaning, security, greening). */
  leads: Record<string, string>;
  /** The user name of the first agent (the benchmarks sign in as it). */
  agentUsername: string;
}

export interface RequestsState {
  /** Request numbers spread over every estate and the two years (a deterministic sample). */
  numbers: { estateId: string; number: string }[];
  /** Open requests per estate index after loading. */
  openPerEstate: number[];
  /** Index definitions and foreign keys dropped for the bulk load, restored by the `indexes` stage. */
  dropped: { indexes: string[]; foreignKeys: { table: string; name: string; def: string }[] } | null;
}

export const UNIT_STATUSES = ['vacant', 'occupied', 'rented', 'decorating'] as const;

export interface BatchWriter<Row> {
  add(row: Row): Promise<void>;
  /** Writes what is buffered; the generator calls it for every writer when the stage ends. */
  flush(): Promise<void>;
}

/** A row for the bulk writer: instants may be given as epoch milliseconds (no Date to make). */
export type BulkRow<T extends PgTable> = {
  [K in keyof InferInsertModel<T>]: InferInsertModel<T>[K] extends Date | null | undefined
    ? InferInsertModel<T>[K] | number
    : InferInsertModel<T>[K];
};

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
  /**
   * A faster writer for the big tables: `insert … select * from unnest($1::type[], …)`, one array
   * parameter per column and `bulkSize` rows per statement, up to two statements in flight (the
   * generator makes the next batch while the database writes the last). Every column is sent (a
   * missing value is the column's default, else null); no array-typed columns. Rows of one writer
   * may land in any order: use it with the foreign keys dropped (see the requests stage).
   */
  bulk<T extends PgTable>(table: T): BatchWriter<BulkRow<T>>;
  /** Runs one statement on the driver and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs `fn` with statements on one connection. */
  session<T>(fn: (q: (text: string) => Promise<unknown>) => Promise<T>): Promise<T>;
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
  /** pg_database_size after loading. */
  databaseBytes: number;
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
    state.residentNames = new Array<string>(spec.residents);
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
      state.residentNames[i] = name;
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

// ---- staff ----------------------------------------------------------------------------------------

/**
 * argon2id of the demo password (demo1234) with a fixed salt: the same row on every run, and the
 * generated staff sign in with the demo accounts' password.
 */
const STAFF_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$d3V5ZS1iZW5jaC1zYWx0IQ$AxDuvcPwWSd40EikY2j03TIQEptAIvtLqpS/uCxYzZU';

/** The desk and the field staff of every generated estate: the owners and hands of its requests. */
const staffStage: Stage = {
  name: 'staff',
  tables: ['users', 'user_estates'],
  enabled: (spec) => spec.estates > 0,
  async run(ctx) {
    const { rng, state } = ctx;
    let stamp = state.now.getTime() - 395 * DAY;
    const userRows = ctx.writer(users);
    const linkRows = ctx.writer(userEstates);
    let phone = 0;
    for (const estate of state.estates) {
      const prefix = estate.code.toLowerCase();
      const add = async (role: Role, username: string, department: string | null): Promise<string> => {
        const userId = uuidv7(rng, ++stamp);
        const male = rng.chance(0.5);
        await userRows.add({
          id: userId,
          companyId: state.companyId,
          username: `${prefix}_${username}`,
          name: rng.pick(SURNAMES) + rng.pick(male ? GIVEN_MALE : GIVEN_FEMALE),
          passwordHash: STAFF_PASSWORD_HASH,
          roles: [role],
          departmentId: department ? (estate.departmentIds[department] ?? null) : null,
          phone: `1360${pad(++phone, 7)}`,
          createdAt: state.now,
        });
        await linkRows.add({ userId, estateId: estate.id, companyId: state.companyId });
        return userId;
      };
      const many = async (n: number, role: Role, name: string, department: string) => {
        const list: string[] = [];
        for (let k = 1; k <= n; k++) list.push(await add(role, `${name}${k}`, department));
        return list;
      };
      const size = Math.max(1, estate.unitCount);
      const staff: EstateStaff = {
        manager: await add('manager', 'manager', null),
        supervisor: await add('cs_supervisor', 'supervisor', 'customer_service'),
        agents: await many(Math.max(2, Math.round(size / 350)), 'cs_agent', 'agent', 'customer_service'),
        stewards: await many(2, 'steward', 'steward', 'customer_service'),
        night: await add('control_room', 'night', 'control_room'),
        technicians: await many(Math.max(2, Math.round(size / 250)), 'technician', 'tech', 'engineering'),
        leads: {},
        agentUsername: `${prefix}_agent1`,
      };
      for (const kind of ['engineering', 'cleaning', 'security', 'greening'])
        staff.leads[kind] = await add('dept_lead', `${kind.slice(0, 5)}_lead`, kind);
      estate.staff = staff;
    }
  },
};

// ---- requests -------------------------------------------------------------------------------------

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Every generated estate is in Asia/Shanghai: UTC+8 all year, so local time is plain arithmetic. */
const TZ_OFFSET = 8 * HOUR;
const NIGHT_START = 18 * 60 + 30;
const NIGHT_END = 8 * 60 + 30;
const localMinute = (t: number) => Math.floor(((((t + TZ_OFFSET) % DAY) + DAY) % DAY) / MIN);
const isNightAt = (t: number) => {
  const m = localMinute(t);
  return m >= NIGHT_START || m < NIGHT_END;
};
const localMidnight = (t: number) => Math.floor((t + TZ_OFFSET) / DAY) * DAY - TZ_OFFSET;
const compactDay = (t: number) => new Date(t + TZ_OFFSET).toISOString().slice(0, 10).replaceAll('-', '');
/** 24:00 local the same day, or the next day when started after the night begins (sla-time sameDayDeadline). */
const sameDay = (t: number) => localMidnight(t) + (localMinute(t) >= NIGHT_START ? 2 : 1) * DAY;

/** Two years of requests before the dataset's `now`. */
const REQUEST_DAYS = 730;
const TYPE_WEIGHTS: [RequestType, number][] = [
  ['repair', 48],
  ['complaint', 12],
  ['enquiry', 15],
  ['help', 5],
  ['suggestion', 5],
  ['praise', 5],
  ['paid_service', 10],
];
/** Calls by local hour: quiet at night, busiest mid-morning and late afternoon. */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 5, 8, 9, 8, 6, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1.5];
/** Categories about common areas: reported at a public location, not a unit (as the demo seed does). */
const PUBLIC_AREA_CODES = new Set([
  'lift',
  'public_facility',
  'fire_equipment',
  'access_control',
  'hygiene',
  'greening',
  'security',
  'parking',
  'noise_equipment',
  'pets',
  'lost_found',
]);
const WORK_DONE = [
  '已更换配件，测试正常',
  '已疏通，排水正常',
  '已维修，住户确认',
  '已处理完毕',
  '已紧固并调试正常',
];
const HOLD_REASONS = [
  ['waiting_parts', '等待配件到货'],
  ['waiting_resident', '住户不在家，约定改期'],
  ['waiting_third_party', '等待供应商上门'],
] as const;
const DEPARTMENT_NAMES = Object.fromEntries(DEPARTMENTS.map((d) => [d.kind, d.name]));

function departmentKind(type: RequestType, code: string): string {
  if (type === 'repair' || type === 'paid_service')
    return code.includes('cleaning') ? 'cleaning' : 'engineering';
  if (code === 'hygiene' || code === 'pets') return 'cleaning';
  if (code === 'security' || code === 'parking' || code === 'decoration') return 'security';
  if (code === 'greening') return 'greening';
  if (code === 'noise_equipment' || code === 'leak') return 'engineering';
  return 'customer_service';
}

function weighted<T>(rng: Rng, list: readonly [T, number][]): T {
  let r = rng.next() * list.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of list) {
    r -= w;
    if (r < 0) return v;
  }
  return (list[list.length - 1] as [T, number])[0];
}

const uniform = (rng: Rng, from: number, to: number) => from + rng.next() * (to - from);

/** One clock of a request while its life is simulated; `finishClock` turns it into its row. */
interface SimClock {
  id: string;
  kind: string;
  start: number;
  due: number;
  warn: number;
  metAt: number | null;
  /** Closed, cancelled or met by another path: the clock stopped without being met. */
  endedAt: number | null;
  pausedAt: number | null;
}

interface SimEvent {
  at: number;
  action: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

/**
 * The requests of the two years before `now`, each lived through from intake: dispatch, arrival,
 * work (sometimes on hold for days), completion, callbacks (some unreached, retried), closing —
 * with the time each step takes drawn from plausible spreads, and cut at `now`, so the state of each
 * request, its events and its clocks are what the app would hold at that instant: old requests
 * closed, recent ones spread over the open states, open clocks pending (warned once 75% of their
 * window has passed) or missed with the escalation ladder climbed as the sweeper would have done.
 * Numbers are BX/TS/… + local day + a sequence per company, type and day, continuing the demo seed's
 * counters; the counters are stored. Loaded with the foreign keys and secondary indexes of the four
 * tables dropped (restored by the `indexes` stage: the same definitions as the migrations').
 */
const requestsStage: Stage = {
  name: 'requests',
  tables: ['requests', 'events', 'request_deadlines', 'callbacks'],
  enabled: (spec) => spec.requests > 0 && spec.units > 0 && spec.estates > 0,
  async run(ctx) {
    const { rng, state, spec } = ctx;
    const NOW = state.now.getTime();
    const companyId = state.companyId;
    state.requests.dropped = await dropIndexes(ctx, ['requests', 'events', 'request_deadlines', 'callbacks']);

    const categoryRows = await ctx.query<{ id: string; type: string; code: string }>(
      'select id, type, code from categories where company_id = $1',
      [companyId],
    );
    const categoryId = new Map(categoryRows.map((c) => [`${c.type}:${c.code}`, c.id]));
    const leafCodes = Object.fromEntries(
      (Object.keys(CATEGORIES) as RequestType[]).map((type) => [
        type,
        CATEGORIES[type].flatMap((n) => (n.children?.length ? n.children.map((c) => c.code) : [n.code])),
      ]),
    ) as Record<RequestType, string[]>;
    const counters = new Map<string, number>();
    for (const c of await ctx.query<{ prefix: string; day: string; last: number }>(
      'select prefix, day, last from request_counters where company_id = $1',
      [companyId],
    ))
      counters.set(`${c.prefix}${c.day}`, c.last);
    const locationNames = LOCATIONS.ygh.map((l) => l.name);

    // When each request came in: a day of the two years, an hour by the day's rhythm; in time order.
    const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    const firstMidnight = localMidnight(NOW) - (REQUEST_DAYS - 1) * DAY;
    const times = new Float64Array(spec.requests);
    for (let i = 0; i < spec.requests; i++) {
      let t: number;
      do {
        let r = rng.next() * hourTotal;
        let h = 0;
        while (h < 23 && r >= (HOUR_WEIGHTS[h] as number)) r -= HOUR_WEIGHTS[h++] as number;
        t = firstMidnight + rng.int(0, REQUEST_DAYS - 1) * DAY + h * HOUR + Math.floor(rng.next() * HOUR);
      } while (t > NOW);
      times[i] = t;
    }
    times.sort();

    const requestRows = ctx.bulk(requests);
    const eventRows = ctx.bulk(events);
    const deadlineRows = ctx.bulk(requestDeadlines);
    const callbackRows = ctx.bulk(callbacks);
    const sampleEvery = Math.max(1, Math.floor(spec.requests / 20_000));
    state.requests.numbers = [];
    state.requests.openPerEstate = state.estates.map(() => 0);

    for (let i = 0; i < spec.requests; i++) {
      const t0 = times[i] as number;
      const type = weighted(rng, TYPE_WEIGHTS);
      const code = rng.pick(leafCodes[type]);
      const e = rng.int(0, state.estates.length - 1);
      const estate = state.estates[e] as GeneratedEstate;
      const staff = estate.staff as EstateStaff;
      const atPublic = PUBLIC_AREA_CODES.has(code) || type === 'suggestion';

      // Where, and who called.
      let unitIndex = -1;
      let locationIndex = -1;
      let residentIndex = -1;
      if (atPublic || estate.unitCount === 0) locationIndex = rng.int(0, estate.locationIds.length - 1);
      else {
        unitIndex = estate.unitStart + rng.int(0, estate.unitCount - 1);
        if (state.unitStatus[unitIndex] === 0)
          unitIndex = estate.unitStart + rng.int(0, estate.unitCount - 1);
        residentIndex = state.unitMainResident[unitIndex] ?? -1;
      }
      const night = isNightAt(t0);
      const receiver = night
        ? staff.night
        : rng.chance(0.7)
          ? rng.pick(staff.agents)
          : rng.chance(0.33)
            ? staff.supervisor
            : rng.pick(staff.stewards);
      const channel = night
        ? rng.chance(0.7)
          ? 'night_duty'
          : 'phone'
        : atPublic && type !== 'suggestion'
          ? rng.pick(['phone', 'patrol', 'staff', 'visit'] as const)
          : rng.pick([
              'phone',
              'phone',
              'phone',
              'phone',
              'online',
              'online',
              'visit',
              'staff',
              'letter',
            ] as const);
      let reporterName: string | null = null;
      let reporterPhone: string | null = null;
      if (residentIndex >= 0) {
        reporterName = state.residentNames[residentIndex] ?? null;
        reporterPhone = phoneOf(residentIndex);
      } else if (channel !== 'patrol') {
        reporterName = rng.pick(SURNAMES) + (rng.chance(0.5) ? '先生' : '女士');
        if (rng.chance(0.8)) reporterPhone = phoneOf(SECOND_PHONE_SLOT - 1 - rng.int(0, 9_999_999));
      }
      const description = describe(rng, code);

      // The number: prefix + local day + sequence per company, type and day.
      const prefix = REQUEST_NUMBER_PREFIX[type];
      const counterKey = `${prefix}${compactDay(t0)}`;
      const seq = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, seq);
      const number = `${counterKey}${pad(seq, 4)}`;
      const requestId = uuidv7(rng, t0);
      if (i % sampleEvery === 0) state.requests.numbers.push({ estateId: estate.id, number });

      // Its life, cut at NOW.
      let t = t0;
      let stateNow: RequestState = 'new';
      let stopped = false;
      /** Moves the clock on by `dt`; false (and the request's life stops here) when that passes NOW. */
      const after = (dt: number): boolean => {
        if (stopped || t + dt > NOW) {
          stopped = true;
          return false;
        }
        t += Math.max(1_000, Math.round(dt));
        return true;
      };
      const timeline: SimEvent[] = [];
      const ev = (
        action: string,
        actorId: string | null,
        to: RequestState,
        data: Record<string, unknown> = {},
      ) => {
        timeline.push({
          at: t,
          action,
          actorId,
          data: action === 'created' || action === 'callback' ? data : { from: stateNow, to, ...data },
        });
        stateNow = to;
      };
      const clocks: SimClock[] = [];
      const startClock = (kind: string, due: number) =>
        clocks.push({
          id: uuidv7(rng, t),
          kind,
          start: t,
          due,
          warn: t + Math.ceil((due - t) * SLA_DEFAULTS.warningFraction),
          metAt: null,
          endedAt: null,
          pausedAt: null,
        });
      const running = (c: SimClock) => c.metAt === null && c.endedAt === null;
      const meet = (...kinds: string[]) => {
        for (const c of clocks) if (kinds.includes(c.kind) && running(c) && c.pausedAt === null) c.metAt = t;
      };
      const endClocks = () => {
        for (const c of clocks) if (running(c)) c.endedAt = t;
      };
      const callbackList: BulkRow<typeof callbacks>[] = [];

      ev('created', receiver, 'new', { channel, repeatOf: null, attachments: [] });
      const works = type === 'repair' || type === 'paid_service';
      const dispatched = works || type === 'complaint';
      const cancelled = rng.chance(0.03);
      const subtype = type === 'repair' ? (unitIndex >= 0 ? 'in_home' : 'public') : null;
      const size =
        subtype === 'public' ? (rng.chance(0.75) ? 'minor' : rng.chance(0.8) ? 'medium' : 'major') : null;
      let deptKind: string | null = null;
      let assigneeId: string | null = null;
      let appointmentAt: number | null = null;
      let completion: Record<string, unknown> | null = null;
      let stateBeforeHold: RequestState | null = null;
      let holdReasonCode: string | null = null;
      let closedAt: number | null = null;
      const worker = () => assigneeId ?? (deptKind ? staff.leads[deptKind] : undefined) ?? staff.supervisor;

      if (type === 'paid_service')
        startClock('booking_confirm', t + SLA_DEFAULTS.bookingConfirmMinutes * MIN);
      const cancel = (reason: string) => {
        ev('cancel', receiver, 'cancelled', { reason });
        endClocks();
        closedAt = t;
      };

      // The steps until closing or NOW, whichever comes first (a return stops the life there).
      const live = (): void => {
        if (cancelled && rng.chance(0.7)) {
          if (after(uniform(rng, 10 * MIN, 6 * HOUR))) cancel('住户已自行解决');
          return;
        }
        if (dispatched) {
          if (!after(night ? uniform(rng, 5 * MIN, 60 * MIN) : uniform(rng, 2 * MIN, 30 * MIN))) return;
          const dispatchAt = t;
          deptKind = departmentKind(type, code);
          if (deptKind === 'engineering') assigneeId = rng.pick(staff.technicians);
          const data: Record<string, unknown> = {
            departmentId: estate.departmentIds[deptKind] ?? null,
            departmentName: DEPARTMENT_NAMES[deptKind] ?? null,
            assigneeId,
          };
          if (type === 'paid_service') {
            // An appointment in working hours, 2 hours to 3 days ahead; it meets the booking clock.
            let a = Math.ceil((t + uniform(rng, 2 * HOUR, 3 * DAY)) / HOUR) * HOUR;
            const m = localMinute(a);
            if (m < 9 * 60) a += 9 * HOUR - m * MIN;
            if (m >= 18 * 60) a += DAY - m * MIN + 9 * HOUR;
            appointmentAt = a;
            data.appointmentAt = new Date(a).toISOString();
          }
          ev('dispatch', receiver, 'dispatched', data);
          if (type === 'paid_service') meet('booking_confirm');
          if (works) {
            startClock('on_site', appointmentAt ?? t + SLA_DEFAULTS.onSiteMinutes * MIN);
            if (subtype === 'public')
              startClock(
                'fix',
                size === 'minor'
                  ? sameDay(t)
                  : t +
                      (size === 'medium'
                        ? SLA_DEFAULTS.publicFixDays.medium
                        : SLA_DEFAULTS.publicFixDays.major) *
                        DAY,
              );
          }
          if (cancelled) {
            if (after(uniform(rng, 5 * MIN, 2 * HOUR))) cancel('住户取消');
            return;
          }
          if (!after(uniform(rng, 1 * MIN, type === 'complaint' ? 4 * HOUR : 4 * MIN))) return;
          ev('accept', worker(), 'accepted');
          // Arrival: at the appointment, or minutes after the dispatch (mostly within the 15 minutes).
          const r = rng.next();
          const arriveAt =
            appointmentAt !== null
              ? appointmentAt + (rng.chance(0.9) ? uniform(rng, -30 * MIN, 0) : uniform(rng, 0, 40 * MIN))
              : type === 'complaint'
                ? t + uniform(rng, 10 * MIN, DAY)
                : dispatchAt +
                  (r < 0.88
                    ? uniform(rng, 5 * MIN, 14 * MIN)
                    : r < 0.97
                      ? uniform(rng, 15 * MIN, 40 * MIN)
                      : uniform(rng, 40 * MIN, 3 * HOUR));
          if (!after(Math.max(MIN, arriveAt - t))) return;
          ev('arrive', worker(), 'on_site');
          meet('on_site');
          if (subtype === 'in_home') startClock('fix', t + SLA_DEFAULTS.fixHours * HOUR);
          if (!after(uniform(rng, 1 * MIN, 5 * MIN))) return;
          ev('start', worker(), 'in_progress');
          if (works && rng.chance(type === 'repair' ? 0.15 : 0.05)) {
            if (!after(uniform(rng, 10 * MIN, 60 * MIN))) return;
            const [reasonCode, reason] = rng.pick(HOLD_REASONS);
            stateBeforeHold = 'in_progress';
            holdReasonCode = reasonCode;
            ev('hold', worker(), 'on_hold', { reasonCode, reason });
            for (const c of clocks) if (running(c) && c.due > t) c.pausedAt = t;
            const h = rng.next();
            if (
              !after(
                h < 0.4
                  ? uniform(rng, 4 * HOUR, DAY)
                  : h < 0.8
                    ? uniform(rng, DAY, 4 * DAY)
                    : uniform(rng, 4 * DAY, 20 * DAY),
              )
            )
              return;
            ev('resume', worker(), 'in_progress');
            stateBeforeHold = null;
            holdReasonCode = null;
            for (const c of clocks)
              if (c.pausedAt !== null) {
                c.due += t - c.pausedAt;
                c.warn += t - c.pausedAt;
                c.pausedAt = null;
              }
          }
          const f = rng.next();
          const workFor =
            type === 'complaint'
              ? uniform(rng, 2 * HOUR, 6 * DAY)
              : subtype === 'public'
                ? size === 'minor'
                  ? uniform(rng, 30 * MIN, 6 * HOUR)
                  : size === 'medium'
                    ? uniform(rng, 4 * HOUR, 3 * DAY)
                    : uniform(rng, DAY, 6 * DAY)
                : f < 0.7
                  ? uniform(rng, 20 * MIN, 2 * HOUR)
                  : f < 0.92
                    ? uniform(rng, 2 * HOUR, 8 * HOUR)
                    : uniform(rng, 8 * HOUR, 30 * HOUR);
          if (!after(workFor)) return;
          const method =
            type === 'complaint'
              ? 'phone'
              : rng.pick([
                  'signature',
                  'signature',
                  'signature',
                  'signature',
                  'phone',
                  'phone',
                  'portal',
                ] as const);
          const chargeable = type === 'paid_service';
          completion = {
            workDone: type === 'complaint' ? '已与相关住户沟通处理' : rng.pick(WORK_DONE),
            materials: [],
            chargeable,
            feeFen: chargeable ? rng.int(5, 60) * 1_000 : 0,
            leakTestAt: null,
            photos: [],
            residentConfirmation: { method },
            completedAt: new Date(t).toISOString(),
            completedById: worker(),
          };
          ev('complete', worker(), method === 'portal' ? 'done' : 'confirmed', completion);
          meet('fix');
          if (works)
            startClock(
              'callback',
              type === 'paid_service'
                ? sameDay(t)
                : t +
                    (code.startsWith('leak') ? SLA_DEFAULTS.leakCallbackDays : SLA_DEFAULTS.callbackDays) *
                      DAY,
            );
          if ((stateNow as RequestState) === 'done' && rng.chance(0.5)) {
            if (!after(uniform(rng, HOUR, DAY))) return;
            ev('confirm', rng.pick(staff.agents), 'confirmed');
          }
          // Callbacks: every repair and paid service, some complaints; an unreached resident is tried again.
          let reached = false;
          let unreachable = false;
          if (works || rng.chance(0.4)) {
            for (let attempt = 1; attempt <= SLA_DEFAULTS.callbackRetries && !reached; attempt++) {
              const wait =
                attempt > 1
                  ? uniform(rng, 3 * HOUR, DAY)
                  : type === 'paid_service'
                    ? uniform(rng, HOUR, 10 * HOUR)
                    : rng.chance(0.94)
                      ? uniform(rng, 3 * HOUR, 2 * DAY)
                      : uniform(rng, 2 * DAY, 4 * DAY);
              if (!after(wait)) return;
              reached = rng.chance(0.9);
              const satisfaction = reached ? (rng.chance(0.88) ? 'satisfied' : 'fair') : null;
              const stars = satisfaction ? (satisfaction === 'satisfied' ? rng.pick([5, 5, 5, 4]) : 3) : null;
              const c = rng.next();
              const byId =
                c < 0.1
                  ? staff.manager
                  : c < 0.4
                    ? staff.supervisor
                    : c < 0.6
                      ? (staff.leads.engineering as string)
                      : rng.pick(staff.agents);
              const callbackId = uuidv7(rng, t);
              callbackList.push({
                id: callbackId,
                companyId,
                estateId: estate.id,
                requestId,
                byId,
                at: t,
                method: 'phone',
                reached,
                satisfaction,
                stars,
                comment: null,
                problemFound: false,
                feeChecked: type === 'paid_service' && reached ? true : null,
                reworkRequestId: null,
              });
              timeline.push({
                at: t,
                action: 'callback',
                actorId: byId,
                data: {
                  method: 'phone',
                  reached,
                  ...(satisfaction ? { satisfaction, stars } : {}),
                  callbackId,
                  reworkRequestId: null,
                },
              });
              if (reached) {
                stateNow = 'callback_done';
                meet('callback');
              }
            }
            unreachable = !reached;
          }
          // Closing: often the same day, often at the supervisor's next review of the finished requests.
          if (!after(rng.chance(0.5) ? uniform(rng, 5 * MIN, DAY) : uniform(rng, DAY, 5 * DAY))) return;
          ev('close', rng.chance(0.6) ? staff.supervisor : receiver, 'closed', {
            ...(type === 'complaint'
              ? { resultGiven: { method: 'oral', text: '已向住户说明处理结果' } }
              : {}),
            unreachable: unreachable && works,
          });
          endClocks();
          closedAt = t;
        } else {
          // Desk types: answered or noted at the desk, then closed.
          if (cancelled) {
            if (after(uniform(rng, 10 * MIN, 6 * HOUR))) cancel('住户已自行解决');
            return;
          }
          const answerIn =
            type === 'enquiry'
              ? uniform(rng, MIN, 4 * HOUR)
              : type === 'help'
                ? uniform(rng, 5 * MIN, 2 * HOUR)
                : type === 'praise'
                  ? uniform(rng, 10 * MIN, DAY)
                  : uniform(rng, HOUR, 3 * DAY);
          if (!after(answerIn)) return;
          ev('complete', receiver, 'confirmed', {
            workDone: type === 'enquiry' ? '已电话答复住户' : '已记录并转相关负责人',
            residentConfirmation: { method: 'phone' },
          });
          if (!after(uniform(rng, MIN, 2 * DAY))) return;
          ev('close', receiver, 'closed', { unreachable: false });
          closedAt = t;
        }
      };
      live();

      const last = timeline[timeline.length - 1] as SimEvent;
      if (closedAt === null) state.requests.openPerEstate[e] = (state.requests.openPerEstate[e] ?? 0) + 1;
      await requestRows.add({
        id: requestId,
        companyId,
        estateId: estate.id,
        number,
        type,
        subtype,
        channel,
        state: stateNow,
        categoryId: categoryId.get(`${type}:${code}`) ?? null,
        unitId: unitIndex >= 0 ? (state.unitIds[unitIndex] as string) : null,
        locationId: locationIndex >= 0 ? (estate.locationIds[locationIndex] as string) : null,
        locationText: locationIndex >= 0 ? (locationNames[locationIndex] ?? null) : null,
        residentId: residentIndex >= 0 ? (state.residentIds[residentIndex] as string) : null,
        reporterName,
        reporterPhone,
        description,
        // The search document the app writes at intake (n-grams and the estate's scope token).
        ...searchDocument({
          estateId: estate.id,
          description,
          reporterName,
          locationText: locationIndex >= 0 ? (locationNames[locationIndex] ?? null) : null,
        }),
        urgency: appointmentAt !== null ? 'scheduled' : 'immediate',
        appointmentAt: appointmentAt !== null ? appointmentAt : null,
        size,
        ownerId: receiver,
        receivedById: receiver,
        receivedAt: t0,
        departmentId: deptKind ? (estate.departmentIds[deptKind] ?? null) : null,
        assigneeId,
        night,
        stateBeforeHold,
        holdReasonCode,
        quoteMaterialsFen: null,
        quoteLabourFen: null,
        quoteNeedsApproval: false,
        quoteApprovedAt: null,
        quoteApprovedById: null,
        completion,
        reworkOf: null,
        repeatOf: null,
        version: timeline.length,
        updatedAt: last.at,
        closedAt: closedAt !== null ? closedAt : null,
      });
      for (const ev of timeline) {
        await eventRows.add({
          id: uuidv7(rng, ev.at),
          companyId,
          estateId: estate.id,
          entityType: 'request',
          entityId: requestId,
          action: ev.action,
          actorId: ev.actorId,
          at: ev.at,
          data: ev.data,
        });
      }
      for (const c of clocks)
        await deadlineRows.add(finishClock(c, NOW, { companyId, estateId: estate.id, requestId }));
      for (const c of callbackList) await callbackRows.add(c);
    }

    // The counters, so the app's next number on any of these days follows the generated ones.
    const entries = [...counters];
    for (let k = 0; k < entries.length; k += 1_000) {
      const chunk = entries.slice(k, k + 1_000);
      await ctx.query(
        `insert into request_counters (company_id, prefix, day, last)
         select $1, p, d, l from unnest($2::text[], $3::text[], $4::int[]) as x(p, d, l)
         on conflict (company_id, prefix, day) do update set last = excluded.last`,
        [
          companyId,
          chunk.map(([key]) => key.slice(0, 2)),
          chunk.map(([key]) => key.slice(2)),
          chunk.map(([, n]) => n),
        ],
      );
    }
    ctx.log(
      `    open requests per estate: ${Math.min(...state.requests.openPerEstate)}–${Math.max(...state.requests.openPerEstate)}`,
    );
  },
};

/**
 * A simulated clock as the row the app would hold at `now`: the sweeper warned it at 75% of its
 * window, raised the miss at its due time and climbed one level per window (up to the top, until it
 * was met or its request closed); on hold, paused; closed or cancelled unmet and not yet due, cancelled.
 */
function finishClock(
  c: SimClock,
  now: number,
  ids: { companyId: string; estateId: string; requestId: string },
): BulkRow<typeof requestDeadlines> {
  const base = {
    id: c.id,
    ...ids,
    kind: c.kind,
    startedAt: c.start,
    dueAt: c.due,
    warnAt: c.warn,
    metAt: c.metAt !== null ? c.metAt : null,
  };
  if (c.pausedAt !== null) {
    return {
      ...base,
      status: 'paused',
      pausedAt: c.pausedAt,
      warnedAt: c.warn <= c.pausedAt ? c.warn : null,
      alertedAt: null,
      escalationLevel: 0,
      nextEscalationAt: null,
    };
  }
  const stop = c.metAt ?? c.endedAt ?? now;
  const warnedAt = c.warn <= stop ? c.warn : null;
  const missed = c.metAt !== null ? c.metAt > c.due : c.due <= stop;
  if (missed) {
    const window = Math.max(c.due - c.start, MIN);
    const level = 1 + Math.min(LADDER_TOP - 1, Math.floor((stop - c.due) / window));
    const climbing = c.metAt === null && c.endedAt === null && level < LADDER_TOP;
    return {
      ...base,
      status: 'missed',
      pausedAt: null,
      warnedAt,
      alertedAt: c.due,
      escalationLevel: level,
      nextEscalationAt: climbing ? c.due + level * window : null,
    };
  }
  return {
    ...base,
    status: c.metAt !== null ? 'met' : c.endedAt !== null ? 'cancelled' : 'pending',
    pausedAt: null,
    warnedAt,
    alertedAt: null,
    escalationLevel: 0,
    nextEscalationAt: null,
  };
}

/** The escalation ladder's levels (requests.sweeper.ts LADDER): level 5 is the top. */
const LADDER_TOP = 5;

/**
 * Drops the secondary indexes and the foreign keys of `tables` (a bulk load into tables without
 * them is several times faster) and returns their definitions, for restoreIndexes.
 */
async function dropIndexes(
  ctx: StageContext,
  tables: string[],
): Promise<NonNullable<RequestsState['dropped']>> {
  const indexes = await ctx.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class t on t.oid = i.indrelid
     where t.relname = any($1::text[]) and t.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
     order by 1`,
    [tables],
  );
  const foreignKeys = await ctx.query<{ table: string; name: string; def: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def
     from pg_constraint c join pg_class t on t.oid = c.conrelid
     where c.contype = 'f' and t.relname = any($1::text[]) and t.relnamespace = 'public'::regnamespace
     order by 1, 2`,
    [tables],
  );
  for (const fk of foreignKeys) await ctx.query(`alter table ${fk.table} drop constraint "${fk.name}"`);
  for (const ix of indexes) await ctx.query(`drop index ${ix.name}`);
  return { indexes: indexes.map((i) => i.def), foreignKeys };
}

/** Rebuilds what the requests stage dropped: the same index definitions and foreign keys. */
const indexesStage: Stage = {
  name: 'indexes',
  tables: [],
  enabled: (spec) => spec.requests > 0 && spec.units > 0 && spec.estates > 0,
  async run(ctx) {
    const dropped = ctx.state.requests.dropped;
    if (!dropped) return;
    await ctx.session(async (q) => {
      await q("set maintenance_work_mem = '512MB'");
      for (const def of dropped.indexes) await q(def);
      for (const fk of dropped.foreignKeys)
        await q(`alter table ${fk.table} add constraint "${fk.name}" ${fk.def}`);
      await q('reset maintenance_work_mem');
    });
    ctx.log(`    ${dropped.indexes.length} indexes and ${dropped.foreignKeys.length} foreign keys rebuilt`);
    ctx.state.requests.dropped = null;
  },
};

/** Everything but the requests: what the intake benchmark's "empty" run sees. */
export const BASE_STAGES: readonly Stage[] = [estatesStage, unitsStage, residentsStage, staffStage];
/** The requests with their events, deadlines and callbacks, then their indexes. */
export const REQUEST_STAGES: readonly Stage[] = [requestsStage, indexesStage];
export const STAGES: readonly Stage[] = [...BASE_STAGES, ...REQUEST_STAGES];

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
  'request_deadlines',
  'callbacks',
  'request_counters',
];

/** The demo company (prepareDatabase with demo data must have run). */
export async function demoCompanyId(database: Database): Promise<string> {
  const [row] = await rows<{ id: string }>(database.db, sql`select id from companies where code = 'demo'`);
  if (!row) throw new Error('no demo company: run prepareDatabase with demo: true before generating');
  return row.id;
}

export function emptyState(companyId: string, now: Date): DatasetState {
  return {
    companyId,
    now,
    estates: [],
    unitIds: [],
    unitEstate: new Uint16Array(0),
    unitStatus: new Uint8Array(0),
    unitMainResident: new Int32Array(0),
    residentIds: [],
    residentNames: [],
    requests: { numbers: [], openPerEstate: [], dropped: null },
  };
}

/**
 * Runs `stages` (all of them by default) into the database, then VACUUM ANALYZE. Pass the `state`
 * an earlier call returned to go on from it (the benchmark loads the requests after measuring intake
 * on the dataset without them).
 */
export async function generateDataset(
  database: Database,
  spec: DatasetSpec,
  options: {
    now: Date;
    batchSize?: number;
    bulkSize?: number;
    log?: (message: string) => void;
    stages?: readonly Stage[];
    state?: DatasetState;
  },
): Promise<{ report: DatasetReport; state: DatasetState }> {
  const batchSize = options.batchSize ?? 1_000;
  const bulkSize = options.bulkSize ?? 5_000;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const state = options.state ?? emptyState(await demoCompanyId(database), options.now);
  const reports: StageReport[] = [];
  const exec = driverExec(database);
  const casing = new CasingCache('snake_case');
  for (const stage of options.stages ?? STAGES) {
    if (!stage.enabled(spec)) continue;
    const t0 = performance.now();
    const counts: Record<string, number> = {};
    const writers: BatchWriter<unknown>[] = [];
    // Bulk statements still running (at most two): the generator works on while the database writes.
    const inFlight: Promise<void>[] = [];
    let bulkError: unknown = null;
    const ctx: StageContext = {
      database,
      spec,
      state,
      rng: Rng.derive(spec.seed, stage.name),
      log,
      query: async <R>(text: string, params: unknown[] = []) => (await exec(text, params)) as R[],
      session: (fn) => driverSession(database, fn),
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
      bulk<T extends PgTable>(table: T): BatchWriter<BulkRow<T>> {
        const name = getTableName(table);
        counts[name] ??= 0;
        const columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
          const type = column.getSQLType();
          const array = type.endsWith('[]');
          if (array && type !== 'text[]') throw new Error(`bulk writer: ${name}.${key} is a ${type} column`);
          const fallback =
            column.hasDefault && column.default !== undefined && !(column.default instanceof Object)
              ? column.default
              : null;
          return {
            key,
            column,
            type,
            fallback,
            // text[] travels like JSON: one JSON array of the rows' arrays (unnest would flatten them).
            json: type === 'jsonb' || type === 'json' || array,
            array,
            time: type.startsWith('timestamp'),
          };
        });
        // Each column travels as one text parameter holding an array literal (built here: several
        // times cheaper than the driver's own serialisation of JS arrays), instants as epoch ms, and
        // a JSON column as one JSON array indexed by the row's ordinal (no escaping of every value).
        const plain = columns.map((c, i) => ({ c, i })).filter((x) => !x.c.json);
        const json = columns.map((c, i) => ({ c, i })).filter((x) => x.c.json);
        const text = `insert into "${name}" (${columns
          .map((c) => `"${casing.getColumnCasing(c.column)}"`)
          .join(', ')}) select ${columns
          .map((c, i) =>
            c.time
              ? `to_timestamp(u.c${i} / 1000.0)`
              : c.array
                ? `case when jsonb_typeof(j.c${i} -> (u.ord - 1)::int) = 'array' then array(select jsonb_array_elements_text(j.c${i} -> (u.ord - 1)::int)) end`
                : c.json
                  ? `nullif(j.c${i} -> (u.ord - 1)::int, 'null'::jsonb)`
                  : `u.c${i}`,
          )
          .join(', ')} from unnest(${plain
          .map(({ c, i }) => `$${i + 1}::text::${c.time ? 'float8' : c.type}[]`)
          .join(', ')}) with ordinality as u(${plain.map(({ i }) => `c${i}`).join(', ')}, ord)${
          json.length
            ? `, (select ${json.map(({ i }) => `$${i + 1}::text::jsonb as c${i}`).join(', ')}) j`
            : ''
        }`;
        let arrays: unknown[][] = columns.map(() => []);
        let rowsBuffered = 0;
        const flush = async () => {
          if (bulkError) throw bulkError;
          if (rowsBuffered === 0) return;
          const params = arrays.map((a, i) =>
            (columns[i] as (typeof columns)[number]).json ? JSON.stringify(a) : `{${a.join(',')}}`,
          );
          const n = rowsBuffered;
          arrays = columns.map(() => []);
          rowsBuffered = 0;
          if (inFlight.length >= 2) await inFlight.shift();
          if (bulkError) throw bulkError;
          inFlight.push(
            exec(text, params).then(
              () => {
                counts[name] = (counts[name] ?? 0) + n;
              },
              (err: unknown) => {
                bulkError ??= err;
              },
            ),
          );
        };
        const writer: BatchWriter<BulkRow<T>> = {
          async add(row) {
            const values = row as Record<string, unknown>;
            for (let c = 0; c < columns.length; c++) {
              const col = columns[c] as (typeof columns)[number];
              let v = values[col.key];
              if (v === undefined) v = col.fallback;
              (arrays[c] as unknown[]).push(col.json ? (v ?? null) : arrayElement(v));
            }
            if (++rowsBuffered >= bulkSize) await flush();
          },
          flush,
        };
        writers.push(writer as BatchWriter<unknown>);
        return writer;
      },
    };
    await stage.run(ctx);
    for (const w of writers) await w.flush();
    await Promise.all(inFlight.splice(0));
    if (bulkError) throw bulkError;
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
  const [size] = await rows<{ bytes: number }>(
    database.db,
    sql`select pg_database_size(current_database())::bigint as bytes`,
  );
  return {
    state,
    report: {
      spec,
      stages: reports,
      analyzeMs,
      totalRows: reports.reduce((a, s) => a + Object.values(s.rows).reduce((x, y) => x + y, 0), 0),
      totalMs: performance.now() - started,
      tableRows,
      databaseBytes: Number(size?.bytes ?? 0),
    },
  };
}

/** Two reports of one dataset loaded in two calls (before and after the intake benchmark's empty run). */
export function mergeReports(a: DatasetReport, b: DatasetReport): DatasetReport {
  return {
    spec: b.spec,
    stages: [...a.stages, ...b.stages],
    analyzeMs: a.analyzeMs + b.analyzeMs,
    totalRows: a.totalRows + b.totalRows,
    totalMs: a.totalMs + b.totalMs,
    tableRows: b.tableRows,
    databaseBytes: b.databaseBytes,
  };
}

/** One element of a PostgreSQL array literal. */
const NEEDS_ESCAPE = /["\\]/;
function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return String(v.getTime());
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(/["\\]/g, '\\$&')}"` : `"${s}"`;
}

/** Sends one statement with parameters straight to the driver (PGlite or the node-postgres pool). */
function driverExec(database: Database): (text: string, params: unknown[]) => Promise<unknown[]> {
  if (database.pglite) {
    const lite = database.pglite;
    return async (text, params) => (await lite.query(text, params)).rows;
  }
  if (database.pool) {
    const pool = database.pool;
    return async (text, params) => (await pool.query(text, params)).rows;
  }
  throw new Error('generateDataset needs a database opened by openPglite or openPostgres');
}

/** Runs `fn` on one connection (session settings such as maintenance_work_mem stay in force). */
async function driverSession<T>(
  database: Database,
  fn: (q: (text: string) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  if (database.pglite) {
    const lite = database.pglite;
    return fn((text) => lite.exec(text));
  }
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      return await fn((text) => client.query(text));
    } finally {
      client.release();
    }
  }
  throw new Error('generateDataset needs a database opened by openPglite or openPostgres');
}
