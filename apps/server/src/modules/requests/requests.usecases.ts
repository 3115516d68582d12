/**
 * The service desk's use cases: intake (idempotent, numbered, scoped), transitions (one guarded,
 * versioned transaction each, with the event row and the clocks) and callbacks.
 * Every function takes its dependencies (db, clock, clock maths) and the caller; none touches HTTP.
 */
import { createHash } from 'node:crypto';
import {
  type CallbackBody,
  type CreateRequestBody,
  type LiveEvent,
  REQUEST_ACTION_LABELS,
  REQUEST_NUMBER_PREFIX,
  REQUEST_STATE_LABELS,
  type RequestDetail,
  type RequestState,
  type RequestType,
  type Role,
  type SlaOverrides,
  type SlaSettings,
  type TransitionBody,
} from '@wuye/contracts';
import { and, desc, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { type EventInput, eventRows, recordEvent, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, insertValues, preparedRows, preparedText, rows } from '../../platform/db.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { events } from '../../platform/events.table.ts';
import { newId } from '../../platform/ids.ts';
import { LIVE_CHANNEL, type LiveBus } from '../../platform/live.ts';
import { warningAt } from '../../platform/sla-time.ts';
import { isNight, localParts } from '../../platform/time.ts';
import { users } from '../auth/auth.table.ts';
import {
  assignCallbacksOnCompletion,
  markCallbackAssignmentsDone,
  mayAddQuotaCallback,
} from '../callbacks/callbacks.usecases.ts';
import { categories } from '../categories/categories.table.ts';
import {
  companyCallbackOwed,
  complaintValidityOf,
  openReComplaint,
  recordCompanyCallback,
} from '../complaints/complaints.callbacks.ts';
import { complaintClocks } from '../complaints/complaints.clocks.ts';
import {
  afterComplaintIntake,
  complaintIntakeNotifications,
  complaintRowInsert,
  onComplaintClose,
  onComplaintReopen,
} from '../complaints/complaints.usecases.ts';
import { assertFilesUsable, linkFilesToRequest } from '../files/files.usecases.ts';
import { departments, estates } from '../organisation/organisation.table.ts';
import { createdDetail, getRequestDetail } from './requests.detail.ts';
import { meetDeadlines } from './requests.repository.ts';
import { searchDocument } from './requests.search.ts';
import {
  clocksAtIntake,
  clocksForAction,
  type EstateClockRules,
  MET_BY,
  type NewDeadline,
  RESTARTED_BY,
  type SlaRequest,
} from './requests.sla.ts';
import { afterCallback, nextState } from './requests.state-machine.ts';
import { callbacks, idempotencyKeys, requestDeadlines, requests } from './requests.table.ts';

export interface RequestDeps {
  db: Db;
  clock: Clock;
  /**
   * An estate's clock rules — the seeds' defaults under its own settings (时限设置) — and their maths
   * (time zone, working calendar). `db` is the caller's transaction, so a request is taken or moved
   * under one set of rules: the settings as they were before a concurrent save, or after it.
   */
  clockRulesFor(
    db: Db,
    estate: { id: string; companyId: string; timeZone: string },
    /** The estate's settings overrides when the caller has read them already (intake). */
    overrides?: SlaOverrides,
  ): Promise<EstateClockRules>;
  /** Live updates: told after each commit (GET /api/stream), or by the intake's own statement. */
  live?: Pick<LiveBus, 'publish'> & Partial<Pick<LiveBus, 'notifyPayloads'>>;
  /**
   * PostgreSQL: where a new request's number is taken — its own short statement on this separate pool
   * (Database.autonomous) rather than in the intake's transaction, so the counter row is locked for one
   * upsert and not for the whole intake (decision 0014). Unset (PGlite, one connection): in the transaction.
   */
  numbers?: Db;
}

/** Roles that run the desk (contract: dispatch, transfer_owner, cancel, close, reopen). */
export const DESK_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'manager',
  'control_room',
  'hq_cs',
  'gm',
];
export const INTAKE_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'lobby',
  'control_room',
  'manager',
  'hq_cs',
  'gm',
];
/** Who may export request lists to xlsx (decision 0013): the desk, stewards, department leads, quality. */
export const EXPORT_ROLES: readonly Role[] = [
  ...new Set<Role>([...DESK_ROLES, 'steward', 'dept_lead', 'quality']),
];
export const CALLBACK_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'dept_lead',
  'manager',
  'hq_cs',
  'gm',
];
const WORK_ACTIONS = new Set(['accept', 'arrive', 'start', 'quote', 'hold', 'resume', 'complete']);
const REPEAT_WINDOW_DAYS = 30;

// ---- intake -----------------------------------------------------------------------------------------

export interface CreateResult {
  status: number;
  body: RequestDetail;
}

/**
 * Takes a request. With an Idempotency-Key a retry with the same body returns the first answer;
 * the same key with another body is a 409. The first-contact owner is the caller.
 */
export async function createRequest(
  deps: RequestDeps,
  actor: Actor,
  input: CreateRequestBody,
  idempotencyKey?: string,
): Promise<CreateResult> {
  const key = idempotencyKey ? { key: idempotencyKey, hash: requestHash(input) } : null;
  // Most intakes (no complaint, no attachments) write in one statement — the request, its clocks, its
  // event and the key's answer — which is atomic by itself: on PostgreSQL, where the number is taken on
  // its own anyway (deps.numbers), they need no transaction, and save its BEGIN and COMMIT round trips.
  // The checks before it only read. On PGlite the transaction keeps the number gap-free.
  const oneStatement = input.type !== 'complaint' && !input.attachments?.length && deps.numbers;
  const run = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    oneStatement ? fn(deps.db) : deps.db.transaction(fn);
  try {
    const created = await run(async (tx) => {
      const context = await readIntakeContext(tx, actor, input, deps.clock.now(), key?.key ?? null);
      // A retry of a request already taken: the first answer, nothing written.
      if (key && context.replay)
        return {
          ...replayOf(context.replay, key.hash),
          replayed: true,
          live: [] as LiveEvent[],
          notified: false,
        };
      const { id, live, detail, notified } = await insertRequest(deps, tx, actor, input, context, key, {
        notify: !!oneStatement,
      });
      // The composed answer was stored with the request (insertRequest), its live event perhaps too.
      if (detail) return { status: 201, body: detail, replayed: false, live, notified };
      const body = await getRequestDetail(tx, actor, id);
      if (key) {
        const params: unknown[] = [];
        const text = insertValues(idempotencyKeys, [answerRow(actor, key, body, deps.clock.now())], params);
        await preparedText(tx, 'intake_key', text, params);
      }
      return { status: 201, body, replayed: false, live, notified: false };
    });
    if (!created.replayed && !created.notified)
      deps.live?.publish([requestChanged(created.body), ...(created.live ?? [])]);
    return { status: created.status, body: created.body };
  } catch (err) {
    // A double-click racing the first submit: the key's row now exists — answer as the first did.
    if (key && isUniqueViolation(err)) {
      const replay = await findIdempotent(deps.db, actor.userId, key.key);
      if (replay) return replayOf(replay, key.hash);
    }
    throw err;
  }
}

/** The stored first answer to an Idempotency-Key. */
function answerRow(
  actor: Actor,
  key: { key: string; hash: string },
  body: RequestDetail,
  at: Date,
): typeof idempotencyKeys.$inferInsert {
  return { userId: actor.userId, key: key.key, requestHash: key.hash, status: 201, body, createdAt: at };
}

function requestHash(input: CreateRequestBody): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

interface StoredAnswer {
  requestHash: string;
  status: number;
  body: unknown;
}

async function findIdempotent(db: Db, userId: string, key: string): Promise<StoredAnswer | null> {
  const [row] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      status: idempotencyKeys.status,
      body: idempotencyKeys.body,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

/** The first answer to a key again; the same key with another body is a 409. */
function replayOf(stored: StoredAnswer, hash: string): CreateResult {
  if (stored.requestHash !== hash) throw new AppError('CONFLICT', 'conflict.idempotency');
  // Answers stored before the detail carried payments still replay as valid bodies.
  const body = stored.body as Partial<RequestDetail>;
  return { status: stored.status, body: { ...body, payments: body.payments ?? [] } as RequestDetail };
}

/** The live event of a committed change to a request. */
function requestChanged(
  r: Pick<RequestDetail, 'id' | 'estateId' | 'number' | 'state' | 'version'>,
): LiveEvent {
  return {
    type: 'request.changed',
    data: { id: r.id, estateId: r.estateId, number: r.number, state: r.state, version: r.version },
  };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** What an intake needs to know before it writes, read in one statement (see readIntakeContext). */
interface IntakeContext {
  estate: { id: string; companyId: string; timeZone: string };
  slaOverrides: SlaOverrides;
  location?: { name: string };
  /** 楼栋-房号 of the unit, when the request names one. */
  unitLabel?: string;
  resident?: { name: string; phones: string[] };
  category?: { code: string; name: string; emergency: boolean };
  /** The earlier repair this one repeats (same unit and kind, completed within 30 days). */
  repeatOf: string | null;
  /** The answer already given to this Idempotency-Key, if any. */
  replay: StoredAnswer | null;
}

interface IntakeContextRow {
  estate_id: string;
  company_id: string;
  time_zone: string;
  sla_overrides: SlaOverrides | null;
  unit_label: string | null;
  location_name: string | null;
  resident_name: string | null;
  resident_phones: string[] | null;
  category_code: string | null;
  category_name: string | null;
  category_type: string | null;
  category_emergency: boolean | null;
  repeat_of: string | null;
  replay_hash: string | null;
  replay_status: number | null;
  replay_body: unknown;
}

/**
 * Everything an intake reads, in one round trip of the intake's transaction: the estate and its clock
 * settings (时限设置), the unit, public location, resident and category (each within the estate, or the
 * company for categories), the repair it may repeat, and the answer already given to its
 * Idempotency-Key. Eight look-ups by key that were as many statements. Field errors as each check fails.
 */
async function readIntakeContext(
  db: Db,
  actor: Actor,
  input: CreateRequestBody,
  now: Date,
  idempotencyKey: string | null,
): Promise<IntakeContext> {
  if (!actor.estateIds.includes(input.estateId)) throw fieldError('estateId', 'validation.unknownEstate');
  const params: unknown[] = [
    input.estateId,
    actor.companyId,
    input.residentId ?? null,
    input.categoryId ?? null,
    actor.userId,
    idempotencyKey,
  ];
  const arg = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Fixed texts, one per shape (which look-ups the input asks for), with their values as parameters:
  // composing the statement with Drizzle on every intake showed in its CPU profile.
  const unit = input.unitId ? arg(input.unitId) : null;
  const location = input.locationId ? arg(input.locationId) : null;
  let repeat: RepeatShape | null = null;
  if (input.type === 'repair' && unit) {
    const since = arg(new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000));
    repeat = input.categoryId
      ? { since, category: '$4', subtype: null }
      : { since, category: null, subtype: arg(input.subtype ?? 'in_home') };
  }
  const [row] = await preparedText<IntakeContextRow>(
    db,
    'intake_context',
    intakeContextText(unit, location, repeat),
    params,
  );
  if (!row) throw fieldError('estateId', 'validation.unknownEstate');
  const replay =
    row.replay_hash == null
      ? null
      : { requestHash: row.replay_hash, status: row.replay_status ?? 201, body: row.replay_body };
  const context: IntakeContext = {
    estate: { id: row.estate_id, companyId: row.company_id, timeZone: row.time_zone },
    slaOverrides: row.sla_overrides ?? {},
    repeatOf: row.repeat_of,
    replay,
  };
  if (replay) return context;
  if (input.unitId && row.unit_label == null) throw fieldError('unitId', 'validation.unitNotInEstate');
  if (input.locationId && row.location_name == null)
    throw fieldError('locationId', 'validation.locationNotInEstate');
  if (input.residentId && row.resident_name == null)
    throw fieldError('residentId', 'validation.residentNotInEstate');
  if (input.categoryId && row.category_code == null)
    throw fieldError('categoryId', 'validation.unknownCategory');
  if (input.categoryId && row.category_type !== input.type)
    throw fieldError('categoryId', 'validation.categoryType');
  if (input.locationId) context.location = { name: row.location_name! };
  if (input.unitId) context.unitLabel = row.unit_label!;
  if (input.residentId) context.resident = { name: row.resident_name!, phones: row.resident_phones ?? [] };
  if (input.categoryId)
    context.category = {
      code: row.category_code!,
      name: row.category_name ?? '',
      emergency: row.category_emergency === true,
    };
  return context;
}

/** The repeat-repair look-up's parameters, as placeholders of the intake-context statement. */
interface RepeatShape {
  since: string;
  category: string | null;
  subtype: string | null;
}

/** readIntakeContext's statement texts by shape: a handful, built once each. */
const intakeContextTexts = new Map<string, string>();

/**
 * The intake-context statement: $1 estate, $2 company, $3 resident, $4 category, $5 user, $6
 * Idempotency-Key; the unit, location and repeat look-up's values follow when the input has them.
 */
function intakeContextText(unit: string | null, location: string | null, repeat: RepeatShape | null): string {
  const shape = `${unit}|${location}|${repeat ? `${repeat.since}|${repeat.category}|${repeat.subtype}` : ''}`;
  let text = intakeContextTexts.get(shape);
  if (text === undefined) {
    text = `select e.id as estate_id, e.company_id, e.time_zone, s.overrides as sla_overrides,
        ${unit ? `(select b.name || '-' || u.number from units u join buildings b on b.id = u.building_id where u.id = ${unit} and u.estate_id = e.id)` : 'null'} as unit_label,
        ${location ? `(select l.name from locations l where l.id = ${location} and l.estate_id = e.id and l.retired_at is null)` : 'null'} as location_name,
        r.name as resident_name, r.phones as resident_phones,
        c.code as category_code, c.name as category_name, c.type as category_type, c.emergency as category_emergency,
        ${unit && repeat ? `(${repeatOfText(unit, repeat)})` : 'null'} as repeat_of,
        k.request_hash as replay_hash, k.status as replay_status, k.body as replay_body
      from estates e
      left join estate_sla_settings s on s.estate_id = e.id
      left join residents r on r.id = $3 and r.estate_id = e.id
      left join categories c on c.id = $4 and c.company_id = e.company_id
      left join idempotency_keys k on k.user_id = $5 and k.key = $6
      where e.id = $1 and e.company_id = $2`;
    intakeContextTexts.set(shape, text);
  }
  return text;
}

/**
 * A repair on the same unit and category (or subtype) within 30 days of an earlier one's completion:
 * the newest such request's id (a scalar subquery of the intake-context statement).
 */
function repeatOfText(unit: string, repeat: RepeatShape): string {
  const sameKind = repeat.category
    ? `q.category_id = ${repeat.category}`
    : `q.category_id is null and q.subtype is not distinct from ${repeat.subtype}`;
  return `select q.id from requests q
      where q.unit_id = ${unit} and q.type = 'repair' and ${sameKind}
        -- Only a completed repair can be repeated (completion stays once recorded): the cheap test
        -- first, so a unit with a long open history does not look up each request's events.
        and q.completion is not null
        and exists (select 1 from events ev where ev.entity_type = 'request' and ev.entity_id = q.id
                    and ev.action = 'complete' and ev.at >= ${repeat.since})
      order by q.received_at desc limit 1`;
}

async function insertRequest(
  deps: RequestDeps,
  db: Db,
  actor: Actor,
  input: CreateRequestBody,
  context: IntakeContext,
  /** The Idempotency-Key: a composed answer is stored with the request, in its statement. */
  key: { key: string; hash: string } | null,
  /** `notify`: the write is its own transaction, so it may send the request's live event itself. */
  options: { notify: boolean },
): Promise<{ id: string; live: LiveEvent[]; detail?: RequestDetail; notified: boolean }> {
  const now = deps.clock.now();
  const { estate, repeatOf } = context;
  const { rules, maths } = await deps.clockRulesFor(db, estate, context.slaOverrides);
  if (input.attachments?.length)
    await assertFilesUsable(db, actor, input.estateId, input.attachments, { field: 'attachments' });
  let reporterName = input.reporter?.name ?? null;
  let reporterPhone = input.reporter?.phone ?? null;
  if (context.resident) {
    reporterName ??= context.resident.name;
    reporterPhone ??= context.resident.phones[0] ?? null;
  }
  if (!reporterName && input.channel !== 'patrol')
    throw fieldError('reporter', 'validation.reporterRequired');
  if (input.subtype && input.type !== 'repair') throw fieldError('subtype', 'validation.subtypeOnlyRepair');
  if (input.size && !(input.type === 'repair' && input.subtype === 'public'))
    throw fieldError('size', 'validation.sizeOnlyPublic');
  const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : null;
  if (appointmentAt && appointmentAt < now) throw fieldError('appointmentAt', 'validation.appointmentPast');
  const urgency = input.urgency ?? (appointmentAt ? 'scheduled' : 'immediate');

  const locationText = input.locationText ?? context.location?.name ?? null;
  const emergency = input.emergency === true || context.category?.emergency === true;
  // Every check is done: a number taken now is only lost if the database fails before the commit.
  const number = await allocateNumber(deps.numbers ?? db, actor.companyId, input.type, now, estate.timeZone);
  const id = newId(now.getTime());
  const slaRequest: SlaRequest = {
    type: input.type,
    subtype: input.subtype ?? null,
    size: input.size ?? null,
    urgency,
    appointmentAt,
    categoryCode: context.category?.code ?? null,
    reworkOf: null,
  };
  const clocks = clocksAtIntake({ ...slaRequest, needsReply: input.needsReply }, now, rules, maths);
  const complaint =
    input.type === 'complaint'
      ? {
          id,
          companyId: actor.companyId,
          estateId: input.estateId,
          receivedAt: now,
          number,
          description: input.description,
          categoryId: input.categoryId ?? null,
          unitId: input.unitId ?? null,
          locationId: input.locationId ?? null,
        }
      : null;
  if (complaint)
    clocks.push(
      ...complaintClocks(
        { grade: 'general', validity: null, receivedAt: now, classifiedAt: null, agreedReplyAt: null },
        rules,
        maths,
      ),
    );
  // The request, its clocks and its `created` event in one statement (the deadlines' and the event's
  // foreign keys are checked at its end, when the request row exists).
  const requestRow: typeof requests.$inferInsert = {
    id,
    companyId: actor.companyId,
    estateId: input.estateId,
    number,
    type: input.type,
    subtype: input.subtype ?? (input.type === 'repair' ? (input.unitId ? 'in_home' : 'public') : null),
    channel: input.channel,
    state: 'new',
    categoryId: input.categoryId ?? null,
    unitId: input.unitId ?? null,
    locationId: input.locationId ?? null,
    locationText,
    residentId: input.residentId ?? null,
    reporterName,
    reporterPhone,
    description: input.description,
    emergency,
    ...searchDocument({
      estateId: input.estateId,
      description: input.description,
      reporterName,
      locationText,
    }),
    urgency,
    appointmentAt,
    size: input.size ?? (input.type === 'repair' && input.subtype === 'public' ? 'minor' : null),
    ownerId: actor.userId,
    receivedById: actor.userId,
    receivedAt: now,
    night: isNight(now, estate.timeZone, rules.night),
    repeatOf,
    updatedAt: now,
  };
  const clockRows = deadlineRows(actor.companyId, input.estateId, id, clocks, rules.warningFraction);
  const createdEvent = eventRows([
    {
      companyId: actor.companyId,
      estateId: input.estateId,
      entityType: 'request',
      entityId: id,
      action: 'created',
      actorId: actor.userId,
      at: now,
      data: { channel: input.channel, repeatOf, emergency, attachments: input.attachments ?? [] },
    },
  ]);
  let detail: RequestDetail | undefined;
  if (complaint) {
    // A complaint's row and its notifications join the statement (Drizzle builds it: 1 intake in 8).
    const writes: SQL[] = [db.insert(requests).values(requestRow).getSQL()];
    if (clockRows.length > 0) writes.push(db.insert(requestDeadlines).values(clockRows).getSQL());
    writes.push(complaintRowInsert(db, complaint, input.complaint), complaintIntakeNotifications(complaint));
    // Prepared too: unnamed, PostgreSQL parsed and planned this statement on every complaint.
    await preparedRows(
      db,
      'intake_write_complaint',
      sql`with ${sql.join(
        writes.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w})`),
        sql`, `,
      )} ${db.insert(events).values(createdEvent).getSQL()}`,
    );
  } else {
    // Nothing else will be written without attachments: the answer is what is inserted (createdDetail),
    // without reading the request back — that read was the intake's costliest statement
    // (requests.detail.test.ts keeps the two equal) — and it is stored with the key in the same statement.
    detail = input.attachments?.length
      ? undefined
      : createdDetail(requestRow, clockRows, createdEvent[0]!, {
          categoryName: context.category?.name ?? null,
          unitLabel: input.unitId ? (context.unitLabel ?? null) : (context.location?.name ?? locationText),
          actorName: actor.name,
        });
    // The same rows, the statement's text built directly (insertValues, decision 0025): the intake's
    // hottest JavaScript was Drizzle composing this 40-column insert on every call.
    const params: unknown[] = [];
    const ctes = [insertValues(requests, [requestRow], params)];
    if (clockRows.length > 0) ctes.push(insertValues(requestDeadlines, clockRows, params));
    if (detail && key) ctes.push(insertValues(idempotencyKeys, [answerRow(actor, key, detail, now)], params));
    // Autocommitted on its own, the statement can also send the request's live event: NOTIFY is
    // delivered at its commit, the same moment publish's statement would run after it.
    const payloads = detail && options.notify ? deps.live?.notifyPayloads?.([requestChanged(detail)]) : null;
    let last = insertValues(events, createdEvent, params);
    if (payloads?.length) {
      ctes.push(last);
      params.push(LIVE_CHANNEL);
      const channel = params.length;
      const calls = payloads.map((payload) => {
        params.push(payload);
        return `pg_notify($${channel}, $${params.length})`;
      });
      last = `select ${calls.join(', ')}`;
    }
    await preparedText(
      db,
      'intake_write',
      `with ${ctes.map((c, i) => `w${i} as (${c})`).join(', ')} ${last}`,
      params,
    );
    if (payloads?.length) return { id, live: [], detail, notified: true };
  }
  if (complaint || input.attachments?.length) {
    // Attachments and a complaint's record are read back with the rest (getRequestDetail).
    if (input.attachments?.length)
      await linkFilesToRequest(db, input.attachments, id, { field: 'attachments' });
    // Same-issue links, grades and collective events in the intake's transaction (contract: the next
    // read already shows them).
    const live = complaint
      ? await afterComplaintIntake(deps, db, actor, complaint, now, input.complaint)
      : [];
    return { id, live, notified: false };
  }
  return { id, live: [], detail, notified: false };
}

const NUMBER_UPSERT = `insert into request_counters (company_id, prefix, day, last) values ($1, $2, $3, 1)
  on conflict (company_id, prefix, day) do update set last = request_counters.last + 1
  returning last`;

/**
 * BX + local date + a 4-digit sequence per company, type and day; one atomic upsert, safe under
 * concurrency. Unique, and in order of intake; not gap-free when `db` is not the intake's transaction.
 */
export async function allocateNumber(
  db: Db,
  companyId: string,
  type: RequestType,
  at: Date,
  timeZone: string,
): Promise<string> {
  const prefix = REQUEST_NUMBER_PREFIX[type];
  const day = localParts(at, timeZone).compactDate;
  const [row] = await preparedText<{ last: number }>(db, 'request_number', NUMBER_UPSERT, [
    companyId,
    prefix,
    day,
  ]);
  return `${prefix}${day}${String(row!.last).padStart(4, '0')}`;
}

async function insertDeadlines(
  db: Db,
  companyId: string,
  estateId: string,
  requestId: string,
  list: NewDeadline[],
  /** The estate's warning point (SlaSettings.warningFraction). */
  fraction: number,
) {
  if (list.length === 0) return;
  await db.insert(requestDeadlines).values(deadlineRows(companyId, estateId, requestId, list, fraction));
}

function deadlineRows(
  companyId: string,
  estateId: string,
  requestId: string,
  list: NewDeadline[],
  fraction: number,
): (typeof requestDeadlines.$inferInsert)[] {
  return list.map((d) => ({
    id: newId(d.startedAt.getTime()),
    companyId,
    estateId,
    requestId,
    kind: d.kind,
    startedAt: d.startedAt,
    dueAt: d.dueAt,
    warnAt: warningAt(d.startedAt, d.dueAt, fraction),
    status: 'pending',
  }));
}

// ---- transitions ------------------------------------------------------------------------------------

type RequestRow = typeof requests.$inferSelect;

/** Who may take an action on this request (contract, "Who may call what"). */
function assertMayAct(actor: Actor, r: RequestRow, body: TransitionBody): void {
  const a = body.action;
  if (a === 'approve_quote') {
    if (!hasAnyRole(actor, ['manager'])) throw forbidden();
    return;
  }
  if (a === 'confirm') {
    if (!hasAnyRole(actor, ['cs_agent', 'cs_supervisor'])) throw forbidden();
    return;
  }
  if (a === 'dispatch') {
    if (hasAnyRole(actor, DESK_ROLES)) return;
    const lead = hasAnyRole(actor, ['dept_lead']) && actor.departmentId;
    if (
      lead &&
      (r.departmentId ?? body.departmentId) === actor.departmentId &&
      body.departmentId === actor.departmentId
    )
      return;
    throw forbidden();
  }
  if (WORK_ACTIONS.has(a)) {
    const inDept = actor.departmentId !== null && actor.departmentId === r.departmentId;
    if (r.assigneeId === actor.userId) return;
    if (inDept && hasAnyRole(actor, ['dept_lead'])) return;
    if (inDept && !r.assigneeId && hasAnyRole(actor, ['technician'])) return;
    if (
      !r.departmentId &&
      ['hold', 'resume', 'complete'].includes(a) &&
      hasAnyRole(actor, ['cs_agent', 'cs_supervisor'])
    )
      return;
    throw new AppError('FORBIDDEN', 'transition.notAssigned');
  }
  if (!hasAnyRole(actor, DESK_ROLES)) throw forbidden();
}

async function lockRequest(db: Db, actor: Actor, id: string): Promise<RequestRow> {
  const [r] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), eq(requests.companyId, actor.companyId)))
    .for('update');
  if (!r || !actor.estateIds.includes(r.estateId)) throw notFound('notFound.request');
  return r;
}

function invalid(state: RequestState, action: TransitionBody['action']): AppError {
  return new AppError('INVALID_TRANSITION', {
    key: 'transition.invalid',
    params: { state: REQUEST_STATE_LABELS[state], action: REQUEST_ACTION_LABELS[action] },
  });
}

/** Applies one action: guard → one transaction (version check, update, clocks, event) → the fresh request. */
export async function transitionRequest(
  deps: RequestDeps,
  actor: Actor,
  id: string,
  body: TransitionBody,
): Promise<RequestDetail> {
  const result = await deps.db.transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    if (r.version !== body.version) throw new AppError('CONFLICT', 'conflict.stale');
    assertMayAct(actor, r, body);
    const now = deps.clock.now();
    const [estate] = await tx.select().from(estates).where(eq(estates.id, r.estateId));
    const clockRules = await deps.clockRulesFor(tx, estate!);
    const { rules } = clockRules;
    const state = r.state as RequestState;

    const ctx = {
      type: r.type as RequestType,
      stateBeforeHold: r.stateBeforeHold as RequestState | null,
      everDispatched: r.departmentId !== null,
      confirmationMethod: body.action === 'complete' ? body.residentConfirmation.method : undefined,
      unreachableAfterLastTry: body.action === 'close' ? await unreachableAfterLastTry(tx, r, rules) : false,
      // An invalid complaint is explained and completed at the desk, without dispatch (spec 02 §1).
      complaintValidity:
        r.type === 'complaint' && body.action === 'complete' && state === 'new'
          ? await complaintValidityOf(tx, r.id)
          : null,
    };
    const next = nextState(state, body.action, ctx);
    if (!next.ok) {
      if (body.action === 'close' && (state === 'confirmed' || state === 'done'))
        throw new AppError('RULE_VIOLATION', {
          key: 'rule.callbackRequired',
          params: { tries: rules.callbackRetries },
        });
      throw invalid(state, body.action);
    }

    const update: Partial<typeof requests.$inferInsert> = {
      state: next.to,
      version: r.version + 1,
      updatedAt: now,
    };
    const data: Record<string, unknown> = { from: state, to: next.to };
    let appointmentAt = r.appointmentAt;

    switch (body.action) {
      case 'dispatch': {
        const [dept] = await tx
          .select()
          .from(departments)
          .where(and(eq(departments.id, body.departmentId), eq(departments.estateId, r.estateId)));
        if (!dept) throw fieldError('departmentId', 'validation.department');
        if (body.assigneeId) {
          const [who] = await tx
            .select()
            .from(users)
            .where(
              and(eq(users.id, body.assigneeId), eq(users.departmentId, dept.id), eq(users.active, true)),
            );
          if (!who) throw fieldError('assigneeId', 'validation.assignee');
        }
        if (body.appointmentAt) {
          appointmentAt = new Date(body.appointmentAt);
          if (appointmentAt < now) throw fieldError('appointmentAt', 'validation.appointmentPast');
          update.appointmentAt = appointmentAt;
          update.urgency = 'scheduled';
        }
        update.departmentId = dept.id;
        update.assigneeId = body.assigneeId ?? null;
        Object.assign(data, {
          departmentId: dept.id,
          departmentName: dept.name,
          assigneeId: body.assigneeId ?? null,
          note: body.note,
        });
        break;
      }
      case 'quote': {
        // Outside the price list the department lead assesses the job and sets the fee (spec 01 §3).
        if (body.outsidePriceList && !hasAnyRole(actor, ['dept_lead']))
          throw new AppError('RULE_VIOLATION', 'rule.quoteByLead');
        const needsApproval = body.materialsFen > rules.quoteApprovalAboveFen;
        // Above the threshold the resident signs an agreement before the manager approves.
        if (needsApproval && !body.agreementFileId)
          throw fieldError('agreementFileId', {
            key: 'validation.agreementRequired',
            params: { limit: rules.quoteApprovalAboveFen / 100 },
          });
        if (body.agreementFileId) {
          await assertFilesUsable(tx, actor, r.estateId, body.agreementFileId, {
            field: 'agreementFileId',
            requestId: r.id,
          });
          await linkFilesToRequest(tx, [body.agreementFileId], r.id, { field: 'agreementFileId' });
        }
        Object.assign(update, {
          quoteMaterialsFen: body.materialsFen,
          quoteLabourFen: body.labourFen,
          quoteNeedsApproval: needsApproval,
          quoteOutsidePriceList: body.outsidePriceList ?? false,
          quoteAgreementFileId: body.agreementFileId ?? null,
          quotedById: actor.userId,
          quoteApprovedAt: null,
          quoteApprovedById: null,
        });
        Object.assign(data, {
          materialsFen: body.materialsFen,
          labourFen: body.labourFen,
          needsApproval,
          outsidePriceList: body.outsidePriceList ?? false,
          agreementFileId: body.agreementFileId ?? null,
          note: body.note,
        });
        break;
      }
      case 'approve_quote':
        if (!r.quoteNeedsApproval || r.quoteApprovedAt)
          throw new AppError('RULE_VIOLATION', 'rule.noQuoteToApprove');
        Object.assign(update, { quoteApprovedAt: now, quoteApprovedById: actor.userId });
        data.note = body.note;
        break;
      case 'hold':
        Object.assign(update, { stateBeforeHold: state, holdReasonCode: body.reasonCode });
        Object.assign(data, { reasonCode: body.reasonCode, reason: body.reason, resumeAt: body.resumeAt });
        break;
      case 'resume':
        Object.assign(update, { stateBeforeHold: null, holdReasonCode: null });
        break;
      case 'complete': {
        if (r.quoteNeedsApproval && !r.quoteApprovedAt)
          throw new AppError('RULE_VIOLATION', {
            key: 'rule.quoteApproval',
            params: { limit: rules.quoteApprovalAboveFen / 100 },
          });
        const c = body.residentConfirmation;
        if (c.method === 'signature' && !c.signatureFileId)
          throw fieldError('residentConfirmation.signatureFileId', 'validation.signatureRequired');
        const signatureField = 'residentConfirmation.signatureFileId';
        if (c.signatureFileId) {
          await assertFilesUsable(tx, actor, r.estateId, c.signatureFileId, {
            kind: 'signature',
            field: signatureField,
            requestId: r.id,
          });
          await linkFilesToRequest(tx, [c.signatureFileId], r.id, { field: signatureField });
        }
        if (body.photos?.length) {
          await assertFilesUsable(tx, actor, r.estateId, body.photos, {
            kind: 'photo',
            field: 'photos',
            requestId: r.id,
          });
          await linkFilesToRequest(tx, body.photos, r.id, { field: 'photos' });
        }
        if (body.chargeable && body.feeFen === undefined)
          throw fieldError('feeFen', 'validation.feeRequired');
        const completion = {
          workDone: body.workDone,
          materials: body.materials ?? [],
          chargeable: body.chargeable,
          feeFen: body.chargeable ? (body.feeFen ?? 0) : 0,
          leakTestAt: body.leakTestAt ?? null,
          photos: body.photos ?? [],
          residentConfirmation: c,
          completedAt: now.toISOString(),
          completedById: actor.userId,
        };
        update.completion = completion;
        Object.assign(data, completion);
        // Who calls it back (the quotas of seed 004), decided with the completion.
        await assignCallbacksOnCompletion(tx, r, now, rules);
        break;
      }
      case 'confirm':
      case 'cancel':
      case 'reopen':
        if ('reason' in body) data.reason = body.reason;
        if ('note' in body) data.note = body.note;
        if (body.action === 'cancel') update.closedAt = now;
        if (body.action === 'reopen') update.closedAt = null;
        break;
      case 'close':
        if (r.type === 'complaint') await onComplaintClose(tx, r.id, body);
        update.closedAt = now;
        Object.assign(data, {
          resultGiven: body.resultGiven,
          residentOpinion: body.residentOpinion,
          rootCause: body.rootCause,
          correctiveAction: body.correctiveAction,
          unreachable: ctx.unreachableAfterLastTry && state !== 'callback_done',
        });
        break;
      case 'transfer_owner': {
        const [owner] = await rows<{ id: string; name: string }>(
          tx,
          sql`select u.id, u.name from users u where u.id = ${body.ownerId} and u.company_id = ${r.companyId} and u.active
                and not (u.roles @> array['resident']::text[])
                and (u.roles && array['gm','hq_cs','quality']::text[]
                     or exists (select 1 from user_estates ue where ue.user_id = u.id and ue.estate_id = ${r.estateId}))`,
        );
        if (!owner) throw fieldError('ownerId', 'validation.owner');
        update.ownerId = owner.id;
        Object.assign(data, {
          fromOwnerId: r.ownerId,
          toOwnerId: owner.id,
          toOwnerName: owner.name,
          reason: body.reason,
        });
        break;
      }
      case 'accept':
      case 'arrive':
      case 'start':
        break;
    }

    await tx
      .update(requests)
      .set(update)
      .where(and(eq(requests.id, r.id), eq(requests.version, r.version)));
    await applyClocks(tx, r, body, now, appointmentAt, clockRules);
    await recordEvent(tx, {
      companyId: r.companyId,
      estateId: r.estateId,
      entityType: 'request',
      entityId: r.id,
      action: body.action,
      actorId: actor.userId,
      at: now,
      data,
    });
    // 二次投诉: a reopened complaint is graded again (at least important).
    const live =
      r.type === 'complaint' && body.action === 'reopen' ? await onComplaintReopen(deps, tx, r.id, now) : [];
    return { detail: await getRequestDetail(tx, actor, r.id), live };
  });
  deps.live?.publish([
    requestChanged(result.detail),
    ...result.live.filter((e) => e.type !== 'request.changed' || e.data.id !== id),
  ]);
  return result.detail;
}

/** Meets, restarts, pauses and resumes the request's clocks for an action. */
async function applyClocks(
  tx: Db,
  r: RequestRow,
  body: TransitionBody,
  now: Date,
  appointmentAt: Date | null,
  { rules, maths }: EstateClockRules,
) {
  const action = body.action;
  const pending = sql`${requestDeadlines.status} in ('pending','paused')`;
  const met = MET_BY[action];
  if (met) await meetDeadlines(tx, r.id, met, now);
  const restarted = RESTARTED_BY[action];
  if (restarted) {
    await tx
      .update(requestDeadlines)
      .set({ status: 'cancelled' })
      .where(and(eq(requestDeadlines.requestId, r.id), inArray(requestDeadlines.kind, restarted), pending));
  }
  if (action === 'dispatch' && body.appointmentAt) {
    await tx
      .update(requestDeadlines)
      .set({
        status: sql`case when ${requestDeadlines.dueAt} >= ${now} then 'met' else 'missed' end`,
        metAt: now,
      })
      .where(
        and(
          eq(requestDeadlines.requestId, r.id),
          eq(requestDeadlines.kind, 'booking_confirm'),
          eq(requestDeadlines.status, 'pending'),
        ),
      );
  }
  if (action === 'hold') {
    await tx
      .update(requestDeadlines)
      .set({ status: 'paused', pausedAt: now })
      .where(and(eq(requestDeadlines.requestId, r.id), eq(requestDeadlines.status, 'pending')));
  }
  if (action === 'resume') {
    // The clock resumes with the time it had left.
    await tx
      .update(requestDeadlines)
      .set({
        status: 'pending',
        dueAt: sql`${requestDeadlines.dueAt} + (${now}::timestamptz - ${requestDeadlines.pausedAt})`,
        warnAt: sql`${requestDeadlines.warnAt} + (${now}::timestamptz - ${requestDeadlines.pausedAt})`,
        pausedAt: null,
      })
      .where(and(eq(requestDeadlines.requestId, r.id), eq(requestDeadlines.status, 'paused')));
  }
  if (action === 'cancel' || action === 'close') {
    await tx
      .update(requestDeadlines)
      .set({ nextEscalationAt: null })
      .where(and(eq(requestDeadlines.requestId, r.id), eq(requestDeadlines.status, 'missed')));
    await tx
      .update(requestDeadlines)
      .set({ status: 'cancelled' })
      .where(and(eq(requestDeadlines.requestId, r.id), pending));
  }
  const [category] = r.categoryId
    ? await tx.select().from(categories).where(eq(categories.id, r.categoryId))
    : [];
  const started = clocksForAction(
    action,
    {
      type: r.type as RequestType,
      subtype: r.subtype,
      size: r.size,
      urgency: body.action === 'dispatch' && body.appointmentAt ? 'scheduled' : r.urgency,
      appointmentAt,
      categoryCode: category?.code ?? null,
      reworkOf: r.reworkOf,
    },
    now,
    rules,
    maths,
    { leakTestAt: body.action === 'complete' && body.leakTestAt ? new Date(body.leakTestAt) : null },
  );
  await insertDeadlines(tx, r.companyId, r.estateId, r.id, started, rules.warningFraction);
}

/** The tries since the (last) completion all failed: a reopened repair needs tries of its own. */
async function unreachableAfterLastTry(db: Db, r: RequestRow, rules: SlaSettings): Promise<boolean> {
  const completedAt = r.completion?.completedAt;
  const list = await db
    .select({ reached: callbacks.reached })
    .from(callbacks)
    .where(
      and(
        eq(callbacks.requestId, r.id),
        typeof completedAt === 'string' ? gte(callbacks.at, new Date(completedAt)) : undefined,
      ),
    )
    .orderBy(desc(callbacks.at));
  return (
    list.length >= rules.callbackRetries && list.slice(0, rules.callbackRetries).every((c) => !c.reached)
  );
}

// ---- callbacks --------------------------------------------------------------------------------------

/** Records a callback try; reached → callback_done; dissatisfied or a problem → a linked rework request. */
export async function recordCallback(
  deps: RequestDeps,
  actor: Actor,
  id: string,
  body: CallbackBody,
): Promise<RequestDetail> {
  if (body.reached && !body.satisfaction) throw fieldError('satisfaction', 'validation.satisfactionRequired');
  const changed: LiveEvent[] = [];
  const detail = await deps.db.transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    let next = afterCallback(r.state as RequestState, body.reached);
    // A role sampled for this repair may still call back after someone else reached the resident.
    if (!next.ok && r.state === 'callback_done' && (await mayAddQuotaCallback(tx, actor, r.id)))
      next = { ok: true, to: 'callback_done' };
    // The company calls back a handled complaint whatever the estate did since (seed 004 第四十二条).
    const companyLevel = await companyCallbackOwed(tx, actor, r);
    if (!next.ok && companyLevel) next = { ok: true, to: r.state as RequestState };
    if (!next.ok) throw new AppError('INVALID_TRANSITION', 'rule.callbackState');
    const now = deps.clock.now();
    const callbackId = newId(now.getTime());
    const rework = body.reached && (body.satisfaction === 'dissatisfied' || body.problemFound);
    let reworkId: string | null = null;
    const eventsToWrite: EventInput[] = [];
    if (rework) {
      reworkId = newId(now.getTime());
      const [estate] = await tx.select().from(estates).where(eq(estates.id, r.estateId));
      const { rules } = await deps.clockRulesFor(tx, estate!);
      const number = await allocateNumber(tx, r.companyId, r.type as RequestType, now, estate!.timeZone);
      const dispatched = r.departmentId !== null;
      const description = `【返工】${r.description}${body.comment ? `（回访意见：${body.comment}）` : ''}`;
      await tx.insert(requests).values({
        ...pickIntake(r),
        id: reworkId,
        number,
        state: dispatched ? 'dispatched' : 'new',
        channel: 'staff',
        description,
        ...searchDocument({
          estateId: r.estateId,
          description,
          reporterName: r.reporterName,
          locationText: r.locationText,
        }),
        receivedById: actor.userId,
        receivedAt: now,
        night: isNight(now, estate!.timeZone, rules.night),
        departmentId: r.departmentId,
        assigneeId: r.assigneeId,
        reworkOf: r.id,
        updatedAt: now,
      });
      changed.push(
        requestChanged({
          id: reworkId,
          estateId: r.estateId,
          number,
          state: dispatched ? 'dispatched' : 'new',
          version: 1,
        }),
      );
      await insertDeadlines(
        tx,
        r.companyId,
        r.estateId,
        reworkId,
        [{ kind: 'rework', startedAt: now, dueAt: new Date(now.getTime() + rules.reworkHours * 3_600_000) }],
        rules.warningFraction,
      );
      eventsToWrite.push({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: reworkId,
        action: 'created',
        actorId: actor.userId,
        at: now,
        data: {
          reworkOf: r.id,
          fromCallback: callbackId,
          departmentId: r.departmentId,
          assigneeId: r.assigneeId,
        },
      });
    }
    await tx.insert(callbacks).values({
      id: callbackId,
      companyId: r.companyId,
      estateId: r.estateId,
      requestId: r.id,
      byId: actor.userId,
      at: now,
      method: body.method,
      reached: body.reached,
      satisfaction: body.satisfaction ?? null,
      stars: body.stars ?? null,
      comment: body.comment ?? null,
      problemFound: body.problemFound ?? false,
      feeChecked: body.feeChecked ?? null,
      reworkRequestId: reworkId,
    });
    if (body.reached) await markCallbackAssignmentsDone(tx, actor, r.id, callbackId, now);
    if (body.reached && companyLevel) await recordCompanyCallback(tx, actor, r, callbackId, now);
    if (body.reached) {
      await tx
        .update(requestDeadlines)
        .set({ metAt: now, nextEscalationAt: null })
        .where(
          and(
            eq(requestDeadlines.requestId, r.id),
            eq(requestDeadlines.kind, 'callback'),
            eq(requestDeadlines.status, 'missed'),
            isNull(requestDeadlines.metAt),
          ),
        );
      await tx
        .update(requestDeadlines)
        .set({
          status: sql`case when ${requestDeadlines.dueAt} >= ${now} then 'met' else 'missed' end`,
          metAt: now,
        })
        .where(
          and(
            eq(requestDeadlines.requestId, r.id),
            eq(requestDeadlines.kind, 'callback'),
            eq(requestDeadlines.status, 'pending'),
          ),
        );
    }
    await tx
      .update(requests)
      .set({ state: next.to, version: r.version + 1, updatedAt: now })
      .where(eq(requests.id, r.id));
    eventsToWrite.unshift({
      companyId: r.companyId,
      estateId: r.estateId,
      entityType: 'request',
      entityId: r.id,
      action: 'callback',
      actorId: actor.userId,
      at: now,
      data: { ...body, callbackId, reworkRequestId: reworkId, ...(companyLevel ? { level: 'company' } : {}) },
    });
    await recordEvents(tx, eventsToWrite);
    // A complaint's rework is a second complaint of the same issue (二次投诉), on the complaint clocks.
    if (reworkId && r.type === 'complaint')
      changed.push(...(await openReComplaint(deps, tx, r, reworkId, now, actor.userId)));
    return getRequestDetail(tx, actor, r.id);
  });
  deps.live?.publish([requestChanged(detail), ...changed]);
  return detail;
}

function pickIntake(r: RequestRow) {
  return {
    companyId: r.companyId,
    estateId: r.estateId,
    type: r.type,
    subtype: r.subtype,
    categoryId: r.categoryId,
    unitId: r.unitId,
    locationId: r.locationId,
    locationText: r.locationText,
    residentId: r.residentId,
    reporterName: r.reporterName,
    reporterPhone: r.reporterPhone,
    urgency: 'immediate',
    size: r.size,
    emergency: r.emergency,
    ownerId: r.ownerId,
  };
}
