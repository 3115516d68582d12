/**
 * The benchmarks: each one is an HTTP request through the real app, and the same SQL statements the
 * route's handler runs (the bearer-token check included), sent straight through the driver: the
 * raw-PostgreSQL ceiling of that request. Before a scenario is measured, run.ts compares the HTTP
 * answer with the raw answer for a few inputs, so the two sides provably do the same work.
 *
 * The SQL below mirrors, statement for statement, what the repositories build with Drizzle:
 *   auth.usecases.ts resolveActor · residents.repository.ts searchResidents ·
 *   organisation.repository.ts listUnits · home.routes.ts estateSummaries + requests.repository.ts
 *   recentRequests · requests.repository.ts listRequests (LIST_REQUESTS_MIRROR) ·
 *   requests.usecases.ts createRequest's writes (INTAKE_MIRROR). When those change, change these
 *   (the pre-flight comparison catches a drift). Each mirror of a route is one function, marked
 *   `MIRROR of …`, so it can be brought up to date in one place.
 *
 * Everything here is plain data and functions of (context, input), so the PGlite child process can
 * run the raw side against the one PGlite instance it owns.
 */
import {
  type CreateRequestBody,
  REQUEST_NUMBER_PREFIX,
  type RequestDetail,
  type RequestType,
  SLA_DEFAULTS,
} from '@wuye/contracts';
import { PgDialect } from 'drizzle-orm/pg-core';
import { ACTOR_QUERY } from '../../apps/server/src/modules/auth/auth.usecases.ts';
import { complaintClocks } from '../../apps/server/src/modules/complaints/complaints.clocks.ts';
import { estateSummariesQuery } from '../../apps/server/src/modules/home/home.routes.ts';
import { LOOKUP_LIMIT, lookUpQuery } from '../../apps/server/src/modules/lookup/lookup.repository.ts';
import {
  countRequestsQuery,
  listRowsQuery,
} from '../../apps/server/src/modules/requests/requests.repository.ts';
import { searchDocument } from '../../apps/server/src/modules/requests/requests.search.ts';
import { clockMathsFor, clocksAtIntake } from '../../apps/server/src/modules/requests/requests.sla.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';
import { isNight, localParts } from '../../apps/server/src/platform/time.ts';
import { SEARCH_TERMS } from './phrases.ts';
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
  /** The app's clock runs this far from the wall clock (it lives at the dataset's instant). */
  clockOffsetMs: number;
  /** Generated estates that have open requests (queue and search pages). */
  requestEstates: string[];
  /** Request numbers with their estates (a sample over every estate and the two years). */
  numbers: { estateId: string; number: string }[];
  /** Units with at least one resident. */
  units: { estateId: string; unitId: string }[];
  /** The intake benchmark: desk agents with their bearer tokens, and what they take requests about. */
  intake: IntakeContext;
}

export interface IntakeAgent {
  userId: string;
  estateId: string;
  token: string;
  tokenHash: string;
}

export interface IntakeContext {
  companyId: string;
  timeZone: string;
  agents: IntakeAgent[];
  /** Per estate id: units with their main resident, and public locations. */
  places: Record<
    string,
    {
      homes: { unitId: string; residentId: string; name: string; phone: string }[];
      locations: { id: string; name: string }[];
    }
  >;
  /** Leaf categories by request type: id and code. */
  categories: Record<string, { id: string; code: string }[]>;
}

/** The app's clock: the wall clock shifted to the dataset's instant. */
export const benchNow = (ctx: Pick<BenchContext, 'clockOffsetMs'>) =>
  new Date(Date.now() + ctx.clockOffsetMs);

export type Input = Record<string, string | number>;

export interface RawDb {
  /**
   * PostgreSQL: one statement on a separate small pool whose sessions run with synchronous_commit off,
   * as the app takes request numbers (Database.autonomous).
   */
  autonomous?: RawDb['query'];
  /** `name`: a named prepared statement on PostgreSQL, as the app's `preparedRows` (ignored on PGlite). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: RawDb) => Promise<T>): Promise<T>;
}

/** One HTTP request of a scenario. */
export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface Scenario {
  name: string;
  title: string;
  /** The §5 row it measures, for the report. */
  pick(rng: Rng, ctx: BenchContext): Input;
  path(input: Input): string;
  /** Writes: the whole request (method, body, headers); a fresh call each time (new Idempotency-Key). */
  call?(input: Input, ctx: BenchContext): HttpCall;
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
async function session(db: RawDb, ctx: BenchContext, tokenHash = ctx.tokenHash): Promise<string[]> {
  const [row] = await db.query<{ estate_ids: string[] | null }>(
    ACTOR_QUERY,
    [tokenHash, 'token', benchNow(ctx).toISOString()],
    'bench_actor',
  );
  if (!row) throw new Error('raw: the bearer token resolves to no session');
  return row.estate_ids ?? [];
}

// ---- lookup_phone: GET /api/residents?phone=… --------------------------------------------------------

interface ResidentBody {
  total: number;
  items: { id: string; units: { unitId: string; unitLabel: string }[] }[];
}

/**
 * MIRROR of residents.repository.ts searchResidents (GET /api/residents) for a phone (11 digits) or
 * a unit: the page, its count, and the units of the residents found.
 */
async function searchResidentsMirror(
  db: RawDb,
  estateIds: string[],
  q: { phone?: string; unitId?: string; pageSize: number },
) {
  const n = estateIds.length;
  const conds = [`"residents"."estate_id" in (${placeholders(n, 1)})`];
  const params: unknown[] = [...estateIds];
  if (q.phone) {
    params.push(q.phone);
    conds.push(`"residents"."phones" @> array[$${params.length}]::text[]`);
  }
  if (q.unitId) {
    params.push(q.unitId);
    conds.push(
      `exists (select 1 from resident_units ru where ru.resident_id = "residents"."id" and ru.unit_id = $${params.length})`,
    );
  }
  const where = `(${conds.join(' and ')})`;
  const [found, [total]] = await Promise.all([
    db.query<{ id: string }>(
      `select "id", "estate_id", "name", "phones", "grade" from "residents" where ${where}
       order by "residents"."name" asc, "residents"."id" asc limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, q.pageSize, 0],
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
}

function summarizeResidents(body: unknown) {
  const b = body as ResidentBody;
  return {
    total: b.total,
    items: b.items.map((r) => ({
      id: r.id,
      units: r.units.map((u) => `${u.unitId}:${u.unitLabel}`).sort(),
    })),
  };
}

const lookupPhone: Scenario = {
  name: 'lookup_phone',
  title: 'GET /api/residents?phone=<11 digits>',
  pick: (rng, ctx) => ({ phone: rng.pick(ctx.phones) }),
  path: (input) => `/api/residents?phone=${input.phone}`,
  async raw(db, ctx, input) {
    const estateIds = await session(db, ctx);
    return searchResidentsMirror(db, estateIds, { phone: String(input.phone), pageSize: PAGE_SIZE });
  },
  summarize: summarizeResidents,
};

// ---- lookup_unit: GET /api/residents?estateId=…&unitId=…&pageSize=10 (the desk's unit look-up) ------

const lookupUnit: Scenario = {
  name: 'lookup_unit',
  title: 'GET /api/residents?estateId=&unitId=&pageSize=10 (who lives in a unit)',
  pick: (rng, ctx) => {
    const u = rng.pick(ctx.units);
    return { estateId: u.estateId, unitId: u.unitId };
  },
  path: (input) => `/api/residents?estateId=${input.estateId}&unitId=${input.unitId}&page=1&pageSize=10`,
  async raw(db, ctx, input) {
    const estateIds = await session(db, ctx);
    if (!estateIds.includes(String(input.estateId))) throw new Error('raw: estate not in scope');
    return searchResidentsMirror(db, [String(input.estateId)], {
      unitId: String(input.unitId),
      pageSize: 10,
    });
  },
  summarize: summarizeResidents,
};

// ---- desk_lookup: GET /api/lookup?estateId=…&unitId=… (the front desk's one-call look-up) -----------

/**
 * MIRROR of lookup.repository.ts lookUp: the route's own statement (`lookUpQuery`) through the bare
 * driver — the residents of the unit with their units, open requests and the last five closed.
 */
const deskLookup: Scenario = {
  name: 'desk_lookup',
  title: "GET /api/lookup?estateId=&unitId= (the desk's look-up: residents, open and recent requests)",
  pick: (rng, ctx) => {
    const u = rng.pick(ctx.units);
    return { estateId: u.estateId, unitId: u.unitId };
  },
  path: (input) => `/api/lookup?estateId=${input.estateId}&unitId=${input.unitId}`,
  async raw(db, ctx, input) {
    await estateSession(db, ctx, String(input.estateId));
    const q = dialect.sqlToQuery(
      lookUpQuery(String(input.estateId), { unitId: String(input.unitId) }, benchNow(ctx)),
    );
    const list = await db.query<{ id: string }>(q.sql, q.params, 'bench_lookup_unit');
    return { residents: list.slice(0, LOOKUP_LIMIT).map((r) => r.id) };
  },
  summarize: (body) => ({
    residents: (body as { residents: { id: string }[] }).residents.map((r) => r.id),
  }),
};

// ---- the request list: queue page, look-up by number, Chinese search ------------------------------------

interface ListQuery {
  open?: boolean;
  q?: string;
  sort?: 'dueAt' | 'receivedAt';
  pageSize: number;
}

const dialect = new PgDialect();

/**
 * MIRROR of requests.repository.ts listRequests (GET /api/requests): the very statements the route
 * runs — built by the repository's own `listRowsQuery` / `countRequestsQuery` and sent through the
 * bare driver, so the raw side can never drift from the app's SQL. queue_page, lookup_number and
 * search all run it.
 */
async function listRequestsMirror(
  db: RawDb,
  scope: { companyId: string; estateIds: string[] },
  q: ListQuery,
  now: Date,
) {
  const filters = { open: q.open, q: q.q, sort: q.sort };
  const list = dialect.sqlToQuery(listRowsQuery(scope, filters, now, { limit: q.pageSize, offset: 0 }));
  const count = dialect.sqlToQuery(countRequestsQuery(scope, filters, now));
  // One after the other, as the route's two statements share nothing but the pool.
  const items = await db.query<{ id: string }>(list.sql, list.params);
  const [total] = await db.query<{ n: number }>(count.sql, count.params);
  return { total: Number(total?.n ?? 0), items: items.map((r) => r.id) };
}

const summarizeList = (body: unknown) => {
  const b = body as { total: number; items: { id: string }[] };
  return { total: b.total, items: b.items.map((r) => r.id) };
};

async function estateSession(db: RawDb, ctx: BenchContext, estateId: string): Promise<string[]> {
  const estateIds = await session(db, ctx);
  if (!estateIds.includes(estateId)) throw new Error('raw: estate not in scope');
  return [estateId];
}

const queuePage: Scenario = {
  name: 'queue_page',
  title: "GET /api/requests?estateId=&open=true&sort=dueAt&pageSize=50 (an estate's queue)",
  pick: (rng, ctx) => ({ estateId: rng.pick(ctx.requestEstates) }),
  path: (input) =>
    `/api/requests?estateId=${input.estateId}&open=true&sort=dueAt&page=1&pageSize=${PAGE_SIZE}`,
  async raw(db, ctx, input) {
    const scope = await estateSession(db, ctx, String(input.estateId));
    return listRequestsMirror(
      db,
      { companyId: ctx.intake.companyId, estateIds: scope },
      { open: true, sort: 'dueAt', pageSize: PAGE_SIZE },
      benchNow(ctx),
    );
  },
  summarize: summarizeList,
};

const lookupNumber: Scenario = {
  name: 'lookup_number',
  title: 'GET /api/requests?estateId=&q=<request number> (today: the list search)',
  pick: (rng, ctx) => {
    const r = rng.pick(ctx.numbers);
    return { estateId: r.estateId, number: r.number };
  },
  path: (input) => `/api/requests?estateId=${input.estateId}&q=${input.number}&page=1&pageSize=${PAGE_SIZE}`,
  async raw(db, ctx, input) {
    const scope = await estateSession(db, ctx, String(input.estateId));
    return listRequestsMirror(
      db,
      { companyId: ctx.intake.companyId, estateIds: scope },
      { q: String(input.number), pageSize: PAGE_SIZE },
      benchNow(ctx),
    );
  },
  summarize: summarizeList,
};

const search: Scenario = {
  name: 'search',
  title: 'GET /api/requests?estateId=&q=<2–4 Chinese characters> (free-text search)',
  pick: (rng, ctx) => ({ estateId: rng.pick(ctx.requestEstates), q: rng.pick(SEARCH_TERMS) }),
  path: (input) =>
    `/api/requests?estateId=${input.estateId}&q=${encodeURIComponent(String(input.q))}&page=1&pageSize=${PAGE_SIZE}`,
  async raw(db, ctx, input) {
    const scope = await estateSession(db, ctx, String(input.estateId));
    return listRequestsMirror(
      db,
      { companyId: ctx.intake.companyId, estateIds: scope },
      { q: String(input.q), pageSize: PAGE_SIZE },
      benchNow(ctx),
    );
  },
  summarize: summarizeList,
};

// ---- intake: POST /api/requests ---------------------------------------------------------------------

const INTAKE_TYPES: [RequestType, number][] = [
  ['repair', 48],
  ['complaint', 12],
  ['enquiry', 15],
  ['help', 5],
  ['suggestion', 5],
  ['praise', 5],
  ['paid_service', 10],
];
const PUBLIC_CODES = new Set([
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
let idempotencyCounter = 0;

/** One intake as an agent takes it on the phone: a resident at home, or a problem somewhere public. */
function pickIntake(rng: Rng, ctx: BenchContext): Input {
  const agentIndex = rng.int(0, ctx.intake.agents.length - 1);
  const agent = ctx.intake.agents[agentIndex] as IntakeAgent;
  const places = ctx.intake.places[agent.estateId];
  if (!places) throw new Error(`no places for estate ${agent.estateId}`);
  let r = rng.next() * 100;
  let type: RequestType = 'repair';
  for (const [t, w] of INTAKE_TYPES) {
    r -= w;
    if (r < 0) {
      type = t;
      break;
    }
  }
  const category = rng.pick(ctx.intake.categories[type] ?? []);
  const atPublic = (PUBLIC_CODES.has(category.code) || type === 'suggestion') && places.locations.length > 0;
  const body: Record<string, unknown> = {
    estateId: agent.estateId,
    channel: 'phone',
    type,
    categoryId: category.id,
    description: `${rng.pick(SEARCH_TERMS)}问题，住户来电反映，请尽快处理（${rng.int(1, 9999)}）`,
  };
  let locationName = '';
  if (atPublic) {
    const l = rng.pick(places.locations);
    body.locationId = l.id;
    locationName = l.name;
    body.reporter = {
      name: `${'王李张刘陈'[rng.int(0, 4)]}先生`,
      phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    };
  } else {
    const h = rng.pick(places.homes);
    body.unitId = h.unitId;
    body.residentId = h.residentId;
    body.reporter = { name: h.name, phone: h.phone };
  }
  if (type === 'enquiry' && rng.chance(0.3)) body.needsReply = true;
  return { agent: agentIndex, body: JSON.stringify(body), locationName };
}

interface IntakeSummary {
  numberDay: string;
  type: string;
  subtype: string | null;
  state: string;
  estateId: string;
  unitId: string | null;
  locationId: string | null;
  locationText: string | null;
  residentId: string | null;
  reporterName: string | null;
  description: string;
  urgency: string;
  night: boolean;
  ownerId: string;
  deadlines: string[];
  events: string[];
}

/**
 * MIRROR of requests.usecases.ts createRequest's writes (POST /api/requests): the session check,
 * the number counter upsert (on PostgreSQL its own statement before the transaction — the app runs it
 * on a separate pool with synchronous_commit off — on PGlite in the transaction), the settings read,
 * and one statement writing the request row, its clocks, its `created` event and the idempotency record
 * (on PostgreSQL outside a transaction: one statement is atomic). A complaint runs in a transaction,
 * its record a statement of its own after the write, which also writes the complaint's row (with the
 * responsibility matrix's people), their notifications and the complaint clocks. On PostgreSQL the
 * request's live event is a NOTIFY as the app's: the one statement's last part, or a statement of its
 * own after a complaint's commit. Not mirrored (they
 * are the app's share of the cost): what the app's intake-context statement reads besides the settings (the
 * idempotency look-up, the estate / unit / resident / category checks, the repeat-repair query), a
 * complaint's same-issue search with the links and grade changes it may make, and the detail read that
 * makes a complaint's answer.
 */
async function intakeMirror(db: RawDb, ctx: BenchContext, input: Input): Promise<IntakeSummary> {
  const agent = ctx.intake.agents[Number(input.agent)] as IntakeAgent;
  await session(db, ctx, agent.tokenHash);
  const body = JSON.parse(String(input.body)) as CreateRequestBody;
  const at = benchNow(ctx);
  const tz = ctx.intake.timeZone;
  const prefix = REQUEST_NUMBER_PREFIX[body.type];
  const day = localParts(at, tz).compactDate;
  const night = isNight(at, tz, SLA_DEFAULTS.night);
  const subtype = body.subtype ?? (body.type === 'repair' ? (body.unitId ? 'in_home' : 'public') : null);
  const size = body.size ?? (body.type === 'repair' && body.subtype === 'public' ? 'minor' : null);
  const clocks = clocksAtIntake(
    {
      type: body.type,
      subtype: body.subtype ?? null,
      size: body.size ?? null,
      urgency: 'immediate',
      appointmentAt: null,
      categoryCode: null,
      reworkOf: null,
      needsReply: body.needsReply,
    },
    at,
    SLA_DEFAULTS,
    clockMathsFor(tz, SLA_DEFAULTS),
  );
  const complaint = body.type === 'complaint';
  // A complaint's own clocks (first contact, reply, resolution of a general complaint), as the app starts them.
  if (complaint)
    clocks.push(
      ...complaintClocks(
        { grade: 'general', validity: null, receivedAt: at, classifiedAt: null, agreedReplyAt: null },
        SLA_DEFAULTS,
        clockMathsFor(tz, SLA_DEFAULTS),
      ),
    );
  const locationText = body.locationText ?? (body.locationId ? String(input.locationName) : null);
  const search = searchDocument({
    estateId: body.estateId,
    description: body.description,
    reporterName: body.reporter?.name ?? null,
    locationText,
  });
  const takeNumber = (on: RawDb) =>
    on.query<{ last: number }>(
      `insert into request_counters (company_id, prefix, day, last) values ($1, $2, $3, 1)
       on conflict (company_id, prefix, day) do update set last = request_counters.last + 1
       returning last`,
      [ctx.intake.companyId, prefix, day],
    );
  const early = db.autonomous ? await takeNumber({ ...db, query: db.autonomous }) : null;
  // As the app: an intake that is not a complaint stores the key's answer in its write statement, and on
  // PostgreSQL runs outside a transaction; a complaint (and everything on PGlite) runs in one.
  const keyInWrite = !complaint;
  const oneStatement = keyInWrite && early !== null;
  const run = <T>(fn: (tx: RawDb) => Promise<T>): Promise<T> => (oneStatement ? fn(db) : db.transaction(fn));
  // The request's live event, as the app sends it on PostgreSQL (NOTIFY; on its own channel here, which
  // no server listens on): in the one statement, or after a complaint's commit. PGlite: in-process.
  let live: string | null = null;
  const summary = await run(async (tx) => {
    // The estate's clock settings (时限设置), read in the intake's transaction as the app does.
    await tx.query(
      `select overrides from estate_sla_settings where estate_id = $1`,
      [body.estateId],
      'raw_intake_sla',
    );
    const [counter] = early ?? (await takeNumber(tx));
    const number = `${prefix}${day}${String(counter?.last).padStart(4, '0')}`;
    const id = newId(at.getTime());
    const iso = at.toISOString();
    const deadlines = clocks.map((d) => ({
      id: newId(d.startedAt.getTime()),
      kind: d.kind,
      startedAt: d.startedAt.toISOString(),
      dueAt: d.dueAt.toISOString(),
      warnAt: new Date(
        d.startedAt.getTime() +
          Math.ceil((d.dueAt.getTime() - d.startedAt.getTime()) * SLA_DEFAULTS.warningFraction),
      ).toISOString(),
    }));
    const eventId = newId(at.getTime());
    // The request, its clocks and its event in one statement, as the app writes them: $1 is the request's
    // id, $2 the company, $3 the estate, $17 the agent, $18 the instant; then the event's, then the clocks'.
    const insertRequest = `insert into requests (id, company_id, estate_id, number, type, subtype, channel, state, category_id, unit_id,
         location_id, location_text, resident_id, reporter_name, reporter_phone, description, urgency, appointment_at,
         size, owner_id, received_by_id, received_at, department_id, assignee_id, night, state_before_hold,
         hold_reason_code, quote_materials_fen, quote_labour_fen, quote_needs_approval, quote_approved_at,
         quote_approved_by_id, completion, rework_of, repeat_of, version, updated_at, closed_at,
         emergency, search_text, search_tokens)
       values ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, $11, $12, $13, $14, $15, 'immediate', null, $16, $17,
         $17, $18, null, null, $19, null, null, null, null, false, null, null, null, null, null, 1, $18, null,
         $20, $21, $22)`;
    const insertEvent = `insert into events (id, company_id, estate_id, entity_type, entity_id, action, actor_id, at, data)
       values ($23, $2, $3, 'request', $1, 'created', $17, $18, $24)`;
    const insertDeadlines = `insert into request_deadlines (id, company_id, estate_id, request_id, kind, started_at, due_at, status,
         met_at, paused_at, warn_at, warned_at, alerted_at, escalation_level, next_escalation_at)
       values ${deadlines
         .map(
           (_, i) =>
             `($${24 + i * 5 + 1}, $2, $3, $1, $${24 + i * 5 + 2}, $${24 + i * 5 + 3}, $${24 + i * 5 + 4}, 'pending', null, null, $${24 + i * 5 + 5}, null, null, 0, null)`,
         )
         .join(', ')}`;
    // A complaint's row, with the responsibility matrix's people of a general complaint (cs_supervisor
    // responsible, dept_lead supervising), and their two notifications, in the same statement as the app
    // writes them ($25 the number; the estate's staff: staffAtEstate).
    const firstWithRole = (role: string) =>
      `(select s.id from (select u.id, u.name, u.roles, u.active from user_estates ue join users u on u.id = ue.user_id
           where ue.estate_id = $3 and u.company_id = $2
         union select u.id, u.name, u.roles, u.active from users u
           where u.company_id = $2 and u.roles && array['gm','hq_cs','quality']::text[]) s
        where s.active and '${role}' = any(s.roles) order by s.name, s.id limit 1)`;
    const p = 24 + deadlines.length * 5;
    const insertComplaint = `insert into complaints (request_id, company_id, estate_id, grade, grade_source, responsible_user_id, supervisor_user_id)
       values ($1, $2, $3, 'general', 'rule', ${firstWithRole('cs_supervisor')}, ${firstWithRole('dept_lead')})`;
    const notification = (n: number, role: string, kind: string) =>
      `select $${n}, $2, $3, u.uid, '${kind}', $1, $${n + 1}, $${p + 1}::jsonb, $18::timestamptz
         from (select ${firstWithRole(role)} as uid) u where u.uid is not null`;
    const insertNotifications = `insert into notifications (id, company_id, estate_id, user_id, kind, request_id, title, data, created_at)
       ${notification(p + 2, 'cs_supervisor', 'complaint_responsible')}
       union all ${notification(p + 4, 'dept_lead', 'complaint_supervisor')}`;
    const summary: IntakeSummary = {
      numberDay: number.slice(0, 10),
      type: body.type,
      subtype,
      state: 'new',
      estateId: body.estateId,
      unitId: body.unitId ?? null,
      locationId: body.locationId ?? null,
      locationText,
      residentId: body.residentId ?? null,
      reporterName: body.reporter?.name ?? null,
      description: body.description,
      urgency: 'immediate',
      night,
      ownerId: agent.userId,
      deadlines: deadlines.map((d) => d.kind).sort(),
      events: ['created'],
    };
    // The answer stored with the key: the request as the app returns it (about the same size).
    const answer = {
      id,
      number,
      ...summary,
      deadlines,
      events: [{ id: eventId, action: 'created', at: iso }],
      callbacks: [],
      attachments: [],
    };
    const ctes = [insertRequest, ...(deadlines.length ? [insertDeadlines] : [])];
    if (complaint) ctes.push(insertComplaint, insertNotifications);
    const keyParams = [
      agent.userId,
      `raw-${process.pid}-${++idempotencyCounter}`,
      id.replaceAll('-', '').padEnd(64, '0'),
      answer,
    ];
    const k = 24 + deadlines.length * 5 + (complaint ? 5 : 0);
    if (keyInWrite)
      ctes.push(
        `insert into idempotency_keys (user_id, key, request_hash, status, body, created_at) values ($${k + 1}, $${k + 2}, $${k + 3}, 201, $${k + 4}, $18)`,
      );
    if (early)
      live = JSON.stringify([
        { type: 'request.changed', data: { id, estateId: body.estateId, number, state: 'new', version: 1 } },
      ]);
    const notifyInWrite = oneStatement && live !== null;
    if (notifyInWrite) ctes.push(insertEvent);
    const n = k + (keyInWrite ? 4 : 0);
    // Named, as the app prepares its write (insertValues + preparedText) — one name per clock count.
    await tx.query(
      `with ${ctes.map((c, i) => `w${i} as (${c})`).join(', ')} ${notifyInWrite ? `select pg_notify($${n + 1}, $${n + 2})` : insertEvent}`,
      [
        id,
        ctx.intake.companyId,
        body.estateId,
        number,
        body.type,
        subtype,
        body.channel,
        body.categoryId ?? null,
        body.unitId ?? null,
        body.locationId ?? null,
        locationText,
        body.residentId ?? null,
        body.reporter?.name ?? null,
        body.reporter?.phone ?? null,
        body.description,
        size,
        agent.userId,
        iso,
        night,
        body.emergency ?? false,
        search.searchText,
        search.searchTokens,
        eventId,
        { channel: body.channel, repeatOf: null, attachments: [] },
        ...deadlines.flatMap((d) => [d.id, d.kind, d.startedAt, d.dueAt, d.warnAt]),
        ...(complaint
          ? [
              JSON.stringify({ number, grade: 'general' }),
              newId(at.getTime()),
              `新投诉 ${number}（一般），由您负责处理`,
              newId(at.getTime()),
              `新投诉 ${number}（一般），请您监督处理效果`,
            ]
          : []),
        ...(keyInWrite ? keyParams : []),
        ...(notifyInWrite ? [RAW_CHANNEL, live] : []),
      ],
      `raw_intake_write_${complaint ? 'complaint_' : 'key_'}${deadlines.length}${notifyInWrite ? '_notify' : ''}`,
    );
    if (notifyInWrite) live = null;
    if (keyInWrite) return summary;
    await tx.query(
      `insert into idempotency_keys (user_id, key, request_hash, status, body, created_at) values ($1, $2, $3, 201, $4, $5)`,
      [...keyParams, iso],
      'raw_intake_key',
    );
    return summary;
  });
  if (live) await db.query('select pg_notify($1, $2)', [RAW_CHANNEL, live]);
  return summary;
}

/** The raw side's NOTIFY channel: the app's is LIVE_CHANNEL, which the server under test listens on. */
const RAW_CHANNEL = 'wuye_bench_raw';

const intake: Scenario = {
  name: 'intake',
  title: 'POST /api/requests (validated; clocks, event, idempotency key; desk agents of the estates)',
  pick: pickIntake,
  path: () => '/api/requests',
  call(input, ctx) {
    const agent = ctx.intake.agents[Number(input.agent)] as IntakeAgent;
    return {
      method: 'POST',
      path: '/api/requests',
      body: String(input.body),
      headers: {
        authorization: `Bearer ${agent.token}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${process.pid}-${++idempotencyCounter}-${Date.now().toString(36)}`,
      },
    };
  },
  raw: intakeMirror,
  summarize(body) {
    const b = body as RequestDetail;
    const summary: IntakeSummary = {
      numberDay: b.number.slice(0, 10),
      type: b.type,
      subtype: b.subtype,
      state: b.state,
      estateId: b.estateId,
      unitId: b.unitId,
      locationId: b.locationId,
      locationText: b.locationText,
      residentId: b.residentId,
      reporterName: b.reporterName,
      description: b.description,
      urgency: b.urgency,
      night: b.night,
      ownerId: b.ownerId,
      deadlines: b.deadlines.map((d) => d.kind).sort(),
      events: b.events.map((e) => e.action),
    };
    return summary;
  },
};

/** The same intake on the dataset before its requests were loaded: "no slower with 2 M stored than with none". */
const intakeEmpty: Scenario = {
  ...intake,
  name: 'intake_empty',
  title: `${intake.title}, before the requests are loaded`,
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

/**
 * MIRROR of home.routes.ts GET /api/home: the estates' counts (the route's statement) and the latest
 * ten requests of the caller's estates (recentRequests).
 */
const home: Scenario = {
  name: 'home',
  title: 'GET /api/home (counts of every estate + 10 latest requests)',
  pick: () => ({}),
  path: () => '/api/home',
  async raw(db, ctx) {
    const estateIds = await session(db, ctx);
    const n = estateIds.length;
    // The route's own counting statement (estateSummariesQuery) through the bare driver. The route also
    // lets callers asking at the same moment share one reading; the raw side does not.
    const counts = dialect.sqlToQuery(estateSummariesQuery(estateIds, benchNow(ctx)));
    const [summaries, recent] = await Promise.all([
      db.query<Record<string, string | number>>(counts.sql, counts.params),
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
         where "requests"."company_id" = $${n + 2} and "requests"."estate_id" in (${placeholders(n, 1)})
         order by "requests"."received_at" desc, "requests"."id" desc
         limit $${n + 1}`,
        [...estateIds, 10, ctx.intake.companyId],
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

/** In the order they run (intake_empty runs before the requests are loaded, intake after the reads). */
export const SCENARIOS: readonly Scenario[] = [
  intakeEmpty,
  lookupPhone,
  lookupUnit,
  lookupNumber,
  deskLookup,
  unitsPage,
  home,
  queuePage,
  search,
  intake,
];

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
