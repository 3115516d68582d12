/**
 * The benchmarks: each one is an HTTP request through the real app, and the same SQL statements the
 * route's handler runs (the bearer-token check included), sent straight through the driver: the
 * raw-PostgreSQL ceiling of that request. Before a scenario is measured, run.ts compares the HTTP
 * answer with the raw answer for a few inputs, so the two sides provably do the same work.
 *
 * The SQL below mirrors, statement for statement, what the repositories build with Drizzle:
 *   auth.usecases.ts resolveActor · residents.repository.ts searchResidents ·
 *   organisation.repository.ts listUnits · home.routes.ts estateSummaries + requests.repository.ts
 *   recentRequests. When those change, change these (the pre-flight comparison catches a drift).
 *
 * Everything here is plain data and functions of (context, input), so the PGlite child process can
 * run the raw side against the one PGlite instance it owns.
 */
import { Rng } from './prng.ts';

/** What a scenario needs to know about the dataset and the signed-in user (JSON: sent to the child). */
export interface BenchContext {
  seed: number;
  /** HMAC of the bearer token, as the sessions table stores it. */
  tokenHash: string;
  /** The signed-in user's estates (company-wide admin: all of the company's, by code). */
  estateIds: string[];
  /** Estates to page through, with their unit counts. */
  unitEstates: { id: string; units: number }[];
  /** Phones of generated residents, each belonging to exactly one resident. */
  phones: string[];
}

export type Input = Record<string, string | number>;

export interface RawDb {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Scenario {
  name: string;
  title: string;
  pick(rng: Rng, ctx: BenchContext): Input;
  path(input: Input): string;
  /** Runs the route's SQL; returns the same summary as `summarize` does for the HTTP body. */
  raw(db: RawDb, ctx: BenchContext, input: Input): Promise<unknown>;
  summarize(body: unknown): unknown;
}

const PAGE_SIZE = 50;

/** `$from, $from+1, …` for an IN list of n values. */
function placeholders(n: number, from: number): string {
  return Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
}

// The session check every authenticated request makes (resolveActor).
export const SESSION_SQL = `select s.id as session_id, s.kind, s.csrf_token, u.id as user_id, u.username, u.name, u.company_id,
               c.name as company_name, u.roles, u.department_id, u.locale,
               case when u.roles && array['gm','hq_cs','quality']::text[]
                 then (select array_agg(e.id order by e.code) from estates e where e.company_id = u.company_id)
                 else (select array_agg(ue.estate_id order by e.code) from user_estates ue
                        join estates e on e.id = ue.estate_id where ue.user_id = u.id)
               end as estate_ids
        from sessions s
        join users u on u.id = s.user_id
        join companies c on c.id = u.company_id
        where s.token_hash = $1 and s.kind = $2
          and s.revoked_at is null and s.expires_at > $3 and u.active`;

async function session(db: RawDb, ctx: BenchContext): Promise<string[]> {
  const [row] = await db.query<{ estate_ids: string[] | null }>(SESSION_SQL, [
    ctx.tokenHash,
    'token',
    new Date().toISOString(),
  ]);
  if (!row) throw new Error('raw: the bearer token resolves to no session');
  return row.estate_ids ?? [];
}

// ---- lookup_phone: GET /api/residents?phone=… --------------------------------------------------------

interface ResidentBody {
  total: number;
  items: { id: string; units: { unitId: string; unitLabel: string }[] }[];
}

const lookupPhone: Scenario = {
  name: 'lookup_phone',
  title: 'GET /api/residents?phone=<11 digits>',
  pick: (rng, ctx) => ({ phone: rng.pick(ctx.phones) }),
  path: (input) => `/api/residents?phone=${input.phone}`,
  async raw(db, ctx, input) {
    const estateIds = await session(db, ctx);
    const n = estateIds.length;
    const where = `("residents"."estate_id" in (${placeholders(n, 1)}) and "residents"."phones" @> array[$${n + 1}]::text[])`;
    const params = [...estateIds, String(input.phone)];
    const [found, [total]] = await Promise.all([
      db.query<{ id: string }>(
        `select "id", "estate_id", "name", "phones", "grade" from "residents" where ${where}
         order by "residents"."name" asc, "residents"."id" asc limit $${n + 2} offset $${n + 3}`,
        [...params, PAGE_SIZE, 0],
      ),
      db.query<{ count: number | string }>(`select count(*) from "residents" where ${where}`, params),
    ]);
    const links = found.length
      ? await db.query<{ resident_id: string; unit_id: string; name: string; number: string }>(
          `select "resident_units"."resident_id", "resident_units"."unit_id", "resident_units"."relation",
                  "buildings"."name", "units"."number"
           from "resident_units"
           inner join "units" on "units"."id" = "resident_units"."unit_id"
           inner join "buildings" on "buildings"."id" = "units"."building_id"
           where "resident_units"."resident_id" in (${placeholders(found.length, 1)})`,
          found.map((r) => r.id),
        )
      : [];
    return {
      total: Number(total?.count ?? 0),
      items: found.map((r) => ({
        id: r.id,
        units: links
          .filter((l) => l.resident_id === r.id)
          .map((l) => `${l.unit_id}:${l.name}-${l.number}`)
          .sort(),
      })),
    };
  },
  summarize(body) {
    const b = body as ResidentBody;
    return {
      total: b.total,
      items: b.items.map((r) => ({
        id: r.id,
        units: r.units.map((u) => `${u.unitId}:${u.unitLabel}`).sort(),
      })),
    };
  },
};

// ---- units_page: GET /api/estates/:id/units?page=N&pageSize=50 -----------------------------------------

const unitsPage: Scenario = {
  name: 'units_page',
  title: 'GET /api/estates/:id/units?page=N&pageSize=50',
  pick(rng, ctx) {
    const estate = rng.pick(ctx.unitEstates);
    return { estateId: estate.id, page: rng.int(1, Math.max(1, Math.ceil(estate.units / PAGE_SIZE))) };
  },
  path: (input) => `/api/estates/${input.estateId}/units?page=${input.page}&pageSize=${PAGE_SIZE}`,
  async raw(db, ctx, input) {
    const estateIds = await session(db, ctx);
    if (!estateIds.includes(String(input.estateId))) throw new Error('raw: estate not in scope');
    const [items, [total]] = await Promise.all([
      db.query<{ id: string; residentCount: number }>(
        `select "units"."id", "units"."estate_id", "units"."building_id", "buildings"."name", "units"."number",
                "units"."floor", "units"."area_m_2"::float8, "units"."use", "units"."status",
                (select count(*)::int from resident_units ru where ru.unit_id = "units"."id") as "residentCount"
         from "units" inner join "buildings" on "buildings"."id" = "units"."building_id"
         where "units"."estate_id" = $1
         order by "buildings"."sort" asc, "buildings"."name" asc, "units"."floor" asc, "units"."number" asc
         limit $2 offset $3`,
        [input.estateId, PAGE_SIZE, (Number(input.page) - 1) * PAGE_SIZE],
      ),
      db.query<{ count: number | string }>(
        `select count(*) from "units" inner join "buildings" on "buildings"."id" = "units"."building_id"
         where "units"."estate_id" = $1`,
        [input.estateId],
      ),
    ]);
    return {
      total: Number(total?.count ?? 0),
      items: items.map((u) => `${u.id}:${u.residentCount}`),
    };
  },
  summarize(body) {
    const b = body as { total: number; items: { id: string; residentCount: number }[] };
    return { total: b.total, items: b.items.map((u) => `${u.id}:${u.residentCount}`) };
  },
};

// ---- home: GET /api/home ------------------------------------------------------------------------------

interface HomeBody {
  estates: { id: string; counts: Record<string, number> }[];
  recentRequests: { id: string }[];
}

const COUNT_NAMES: [string, string][] = [
  ['buildings', 'buildings'],
  ['units', 'units'],
  ['occupied_units', 'occupiedUnits'],
  ['residents', 'residents'],
  ['open_requests', 'openRequests'],
  ['today_requests', 'todayRequests'],
  ['open_complaints', 'openComplaints'],
  ['awaiting_callback', 'awaitingCallback'],
];

const home: Scenario = {
  name: 'home',
  title: 'GET /api/home (counts of every estate + 10 latest requests)',
  pick: () => ({}),
  path: () => '/api/home',
  async raw(db, ctx) {
    const estateIds = await session(db, ctx);
    const n = estateIds.length;
    const now = new Date().toISOString();
    const [summaries, recent] = await Promise.all([
      db.query<Record<string, string | number>>(
        `select e.id, e.name, e.type, e.address,
          (select count(*)::int from buildings b where b.estate_id = e.id) as buildings,
          (select count(*)::int from units u where u.estate_id = e.id) as units,
          (select count(*)::int from units u where u.estate_id = e.id and u.status in ('occupied','rented','decorating')) as occupied_units,
          (select count(*)::int from residents r where r.estate_id = e.id) as residents,
          (select count(*)::int from requests q where q.estate_id = e.id and q.state not in ('closed','cancelled')) as open_requests,
          (select count(*)::int from requests q where q.estate_id = e.id
             and q.received_at >= (date_trunc('day', $1::timestamptz at time zone e.time_zone) at time zone e.time_zone)) as today_requests,
          (select count(*)::int from requests q where q.estate_id = e.id and q.type = 'complaint' and q.state not in ('closed','cancelled')) as open_complaints,
          (select count(*)::int from requests q where q.estate_id = e.id and q.type in ('repair','paid_service') and q.state in ('done','confirmed')) as awaiting_callback
        from estates e where e.id in (${placeholders(n, 2)}) order by e.code`,
        [now, ...estateIds],
      ),
      db.query<{ id: string }>(
        `select "requests"."id", "requests"."number", "requests"."estate_id", "requests"."type", "requests"."channel",
                "requests"."state", "requests"."description",
                case when "units"."id" is null then "requests"."location_text" else "buildings"."name" || '-' || "units"."number" end,
                "requests"."reporter_name", "users"."name", "requests"."received_at", "estates"."name"
         from "requests"
         inner join "estates" on "estates"."id" = "requests"."estate_id"
         left join "units" on "units"."id" = "requests"."unit_id"
         left join "buildings" on "buildings"."id" = "units"."building_id"
         left join "users" on "users"."id" = "requests"."owner_id"
         where "requests"."estate_id" in (${placeholders(n, 1)})
         order by "requests"."received_at" desc, "requests"."id" desc
         limit $${n + 1}`,
        [...estateIds, 10],
      ),
    ]);
    return {
      estates: summaries.map((r) => `${r.id}:${COUNT_NAMES.map(([k]) => r[k]).join(',')}`),
      recent: recent.map((r) => r.id),
    };
  },
  summarize(body) {
    const b = body as HomeBody;
    return {
      estates: b.estates.map((e) => `${e.id}:${COUNT_NAMES.map(([, k]) => e.counts[k]).join(',')}`),
      recent: b.recentRequests.map((r) => r.id),
    };
  },
};

export const SCENARIOS: readonly Scenario[] = [lookupPhone, unitsPage, home];

export function scenarioByName(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scenario ${name}`);
  return s;
}

/** The deterministic input stream of a scenario: the app and the raw side each get a fresh copy (same mix). */
export function inputStream(scenario: Scenario, ctx: BenchContext, label = 'measure'): () => Input {
  const rng = Rng.derive(ctx.seed, `${scenario.name}:${label}`);
  return () => scenario.pick(rng, ctx);
}
