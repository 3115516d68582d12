/** Request reads for lists and the home page (the service-desk module adds intake and the lifecycle). */
import type { Channel, RequestState, RequestType } from '@wuye/contracts';
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';
import { buildings, estates, units } from '../organisation/organisation.table.ts';
import { normalizeForSearch, scopeToken, searchDocument, textQuery } from './requests.search.ts';
import { requestDeadlines, requests } from './requests.table.ts';

const listColumns = {
  id: requests.id,
  number: requests.number,
  estateId: requests.estateId,
  type: sql<RequestType>`${requests.type}`,
  channel: sql<Channel>`${requests.channel}`,
  state: sql<RequestState>`${requests.state}`,
  description: requests.description,
  unitLabel: sql<
    string | null
  >`case when ${units.id} is null then ${requests.locationText} else ${buildings.name} || '-' || ${units.number} end`,
  reporterName: requests.reporterName,
  ownerName: users.name,
  receivedAt: requests.receivedAt,
};

export interface RequestListQuery {
  state?: RequestState;
  type?: RequestType;
  ownerId?: string;
  departmentId?: string;
  assigneeId?: string;
  overdue?: boolean;
  open?: boolean;
  night?: boolean;
  q?: string;
  /**
   * `receivedAt` (default): newest first. `dueAt`: the nearest pending clock alone.
   * `priority` (the front desk's queue, spec 01 §6): open before closed, then emergencies, then
   * overdue, then VIP (A-grade resident), then the nearest clock, then the oldest.
   */
  sort?: 'dueAt' | 'receivedAt' | 'priority';
  page: number;
  pageSize: number;
}

/** Who is asking: their company and the estates in scope (already checked against the caller). */
export interface ListScope {
  companyId: string;
  estateIds: string[];
}

export interface ListRow {
  id: string;
  number: string;
  estate_id: string;
  type: RequestType;
  channel: Channel;
  state: RequestState;
  description: string;
  unit_label: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  owner_id: string;
  owner_name: string | null;
  department_id: string | null;
  assignee_id: string | null;
  night: boolean;
  emergency: boolean;
  vip: boolean;
  rework_of: string | null;
  repeat_of: string | null;
  next_kind: string | null;
  next_due_at: Date | null;
  overdue: boolean;
  received_at: Date;
}

const REQUEST_NUMBER = /^[A-Z]{2}\d{8,12}$/;
/** Prefix, yyyymmdd and a sequence of 4 or more digits (contract: BX202611220001). */
const FULL_REQUEST_NUMBER = /^[A-Z]{2}\d{12,}$/;
const PHONE_DIGITS = /^[\d\s+-]+$/;
/**
 * Up to this many estates in scope, the words are looked up per estate (with its scope token, an arm
 * each); a wider (company-wide) search asks for the words alone and filters by estate afterwards.
 */
export const SCOPED_SEARCH_MAX_ESTATES = 8;

function containsAll(tokens: string[]): SQL {
  return sql`q.search_tokens @> array[${sql.join(
    tokens.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * The text condition of a search: one OR of arms that each have an index.
 * - words: the terms' n-grams in `search_tokens` (GIN; with the estate's scope token when the search
 *   is scoped to a few estates, so the index scan keeps to them) and each term a substring of
 *   `search_text` (exact);
 * - a request number, exactly (`BX202611220001`, any case; a whole number is looked up alone);
 * - the reporter's phone by its last digits (4 or more digits typed; `requests_phone_suffix_idx`);
 * - a unit as staff write it (`1栋1201`, `1栋-1201`, `1201`) when the text has a digit.
 */
export function searchCondition(scope: ListScope, text: string): SQL {
  const compact = normalizeForSearch(text).replace(/[\s-]/g, '');
  const upper = compact.toUpperCase();
  // A whole request number is what the desk reads off a work order or an SMS: that request alone, by
  // requests_company_number_uq, without the n-gram, phone and unit arms (their common digit pairs made
  // a number search scan much of the estate).
  if (FULL_REQUEST_NUMBER.test(upper))
    return sql`(q.company_id = ${scope.companyId} and q.number = ${upper})`;
  const { terms, tokens } = textQuery(text);
  const probes =
    scope.estateIds.length <= SCOPED_SEARCH_MAX_ESTATES
      ? scope.estateIds.map((e) => containsAll([scopeToken(e), ...tokens]))
      : tokens.length
        ? [containsAll(tokens)]
        : [];
  const words: SQL[] = probes.length ? [sql`(${sql.join(probes, sql` or `)})`] : [];
  for (const term of terms) words.push(sql`strpos(q.search_text, ${term}) > 0`);
  const arms: SQL[] = [sql`(${sql.join(words, sql` and `)})`];

  if (REQUEST_NUMBER.test(upper)) arms.push(sql`(q.company_id = ${scope.companyId} and q.number = ${upper})`);
  const digits = text.replace(/\D/g, '');
  if (PHONE_DIGITS.test(text) && digits.length >= 4)
    arms.push(sql`reverse(q.reporter_phone) like ${`${[...digits].reverse().join('')}%`}`);
  if (/\d/.test(compact))
    arms.push(sql`q.unit_id = any(array(
      select su.id from units su join buildings sb on sb.id = su.building_id
      where su.estate_id in ${scope.estateIds} and (sb.name || su.number) ilike ${`%${escapeLike(compact)}%`}))`);
  return sql`(${sql.join(arms, sql` or `)})`;
}

function listConditions(
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
  forCount = false,
): SQL {
  const conds = [sql`q.estate_id in ${scope.estateIds}`];
  // The company is implied by the estates. The page says it anyway, so a company-wide list can walk
  // requests_company_received_idx newest first; the count leaves it out, so it stays an index-only
  // scan of the estates.
  if (!forCount) conds.unshift(sql`q.company_id = ${scope.companyId}`);
  if (q.state) conds.push(sql`q.state = ${q.state}`);
  if (q.type) conds.push(sql`q.type = ${q.type}`);
  if (q.ownerId) conds.push(sql`q.owner_id = ${q.ownerId}`);
  if (q.departmentId) conds.push(sql`q.department_id = ${q.departmentId}`);
  if (q.assigneeId) conds.push(sql`q.assignee_id = ${q.assigneeId}`);
  if (q.open) conds.push(sql`q.state not in ('closed','cancelled')`);
  if (q.night !== undefined) conds.push(sql`q.night = ${q.night}`);
  if (q.overdue !== undefined) {
    const late = sql`exists (select 1 from request_deadlines od where od.request_id = q.id
      and (od.status = 'missed' or (od.status = 'pending' and od.due_at < ${now})))`;
    conds.push(q.overdue ? sql`(q.state not in ('closed','cancelled') and ${late})` : sql`not ${late}`);
  }
  if (q.q?.trim()) conds.push(searchCondition(scope, q.q.trim()));
  return sql.join(conds, sql` and `);
}

/** The sort keys, named for where they are read (the page's inner select or the outer one). */
interface SortKeys {
  receivedAt: SQL;
  id: SQL;
  state: SQL;
  emergency: SQL;
  overdue: SQL;
  vip: SQL;
  dueAt: SQL;
}

function listOrder(sort: RequestListQuery['sort'], k: SortKeys): SQL {
  if (sort === 'dueAt') return sql`${k.dueAt} asc nulls last, ${k.receivedAt} asc, ${k.id}`;
  if (sort === 'priority')
    return sql`${k.state} in ('closed','cancelled'), ${k.emergency} desc, ${k.overdue} desc, ${k.vip} desc,
      ${k.dueAt} asc nulls last, ${k.receivedAt} asc, ${k.id}`;
  return sql`${k.receivedAt} desc, ${k.id} desc`;
}

/**
 * The list's rows, the same for the API page and the xlsx export. Two steps in one statement: `page`
 * picks the rows (the filters and the order; a request's clocks are read there only when the order
 * needs them), and only those rows are joined to their clocks, unit, building and owner — joining
 * first made PostgreSQL hash whole tables, and reading every match's clocks cost more than the rest.
 * One pass over a request's clocks gives the nearest pending one and whether any is late.
 */
export function listRows(
  db: Db,
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
  page: { limit: number; offset: number },
): Promise<ListRow[]> {
  return rows<ListRow>(db, listRowsQuery(scope, q, now, page));
}

/** The statement of `listRows` (the benchmark sends it through the bare driver as the raw ceiling). */
export function listRowsQuery(
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
  page: { limit: number; offset: number },
): SQL {
  const clocks = (request: SQL) => sql`left join lateral (
      select (array_agg(d.kind order by d.due_at) filter (where d.status = 'pending'))[1] as kind,
             min(d.due_at) filter (where d.status = 'pending') as due_at,
             bool_or(d.status = 'missed' or (d.status = 'pending' and d.due_at < ${now})) as late
      from request_deadlines d where d.request_id = ${request}) nd on true`;
  const overdue = sql`(q.state not in ('closed','cancelled') and coalesce(nd.late, false))`;
  const byClock = q.sort === 'dueAt' || q.sort === 'priority';
  const inner: SortKeys = {
    receivedAt: sql`q.received_at`,
    id: sql`q.id`,
    state: sql`q.state`,
    emergency: sql`q.emergency`,
    overdue: sql`overdue`,
    vip: sql`vip`,
    dueAt: sql`nd.due_at`,
  };
  const outer: SortKeys = {
    receivedAt: sql`q.received_at`,
    id: sql`q.id`,
    state: sql`q.state`,
    emergency: sql`q.emergency`,
    overdue: sql`overdue`,
    vip: sql`p.vip`,
    dueAt: sql`nd.due_at`,
  };
  return sql`with page as (
          select q.id,
            coalesce((select rs.grade = 'A' from residents rs where rs.id = q.resident_id), false) as vip
            ${byClock ? sql`, ${overdue} as overdue` : sql``}
          from requests q
          ${byClock ? clocks(sql`q.id`) : sql``}
          where ${listConditions(scope, q, now)}
          order by ${listOrder(q.sort, inner)}
          limit ${page.limit} offset ${page.offset}
        )
        select q.id, q.number, q.estate_id, q.type, q.channel, q.state, q.description,
          case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label,
          q.reporter_name, q.reporter_phone, q.owner_id, o.name as owner_name, q.department_id, q.assignee_id,
          q.night, q.emergency, p.vip, q.rework_of, q.repeat_of, nd.kind as next_kind, nd.due_at as next_due_at,
          ${overdue} as overdue, q.received_at
        from page p
        join requests q on q.id = p.id
        ${clocks(sql`p.id`)}
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join users o on o.id = q.owner_id
        order by ${listOrder(q.sort, outer)}`;
}

export async function countRequests(
  db: Db,
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
): Promise<number> {
  const [row] = await rows<{ n: number }>(db, countRequestsQuery(scope, q, now));
  return row?.n ?? 0;
}

/** The statement of `countRequests`. */
export function countRequestsQuery(
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
): SQL {
  return sql`select count(*)::int as n from requests q where ${listConditions(scope, q, now, true)}`;
}

export function toListItem(r: ListRow) {
  return {
    id: r.id,
    number: r.number,
    estateId: r.estate_id,
    type: r.type,
    channel: r.channel,
    state: r.state,
    description: r.description,
    unitLabel: r.unit_label,
    reporterName: r.reporter_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    departmentId: r.department_id,
    assigneeId: r.assignee_id,
    night: r.night,
    emergency: r.emergency,
    vip: r.vip,
    reworkOf: r.rework_of,
    repeatOf: r.repeat_of,
    nextDue: r.next_due_at ? { kind: r.next_kind!, dueAt: new Date(r.next_due_at).toISOString() } : null,
    overdue: r.overdue,
    receivedAt: new Date(r.received_at).toISOString(),
  };
}

/**
 * The request list behind every queue: filters by estate scope, state, type, owner, department,
 * assignee, overdue and text (number, phone, unit, name, description, location); newest first,
 * nearest clock first, or by priority.
 */
export async function listRequests(db: Db, scope: ListScope, q: RequestListQuery, now: Date) {
  if (scope.estateIds.length === 0) return { items: [], total: 0 };
  const [items, total] = await Promise.all([
    listRows(db, scope, q, now, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countRequests(db, scope, q, now),
  ]);
  return { items: items.map(toListItem), total };
}

// ---- the search document ------------------------------------------------------------------------

/**
 * Computes the search document of rows that have none yet (older rows, rows written by code that
 * does not fill it), a batch at a time; claimed with SKIP LOCKED so several processes share the work.
 * Returns how many rows it filled.
 */
export async function fillSearchDocuments(db: Db, batchSize = 2000): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await rows<{
      id: string;
      estate_id: string;
      description: string;
      reporter_name: string | null;
      location_text: string | null;
    }>(
      tx,
      sql`select id, estate_id, description, reporter_name, location_text from requests
          where search_tokens is null order by id limit ${batchSize} for update skip locked`,
    );
    if (pending.length === 0) return 0;
    const docs = pending.map((r) => ({
      id: r.id,
      ...searchDocument({
        estateId: r.estate_id,
        description: r.description,
        reporterName: r.reporter_name,
        locationText: r.location_text,
      }),
    }));
    await tx.execute(
      sql`update requests q set search_text = v.search_text, search_tokens = v.search_tokens
          from jsonb_to_recordset(${JSON.stringify(
            docs.map((d) => ({ id: d.id, search_text: d.searchText, search_tokens: d.searchTokens })),
          )}::jsonb) as v(id text, search_text text, search_tokens text[])
          where q.id = v.id`,
    );
    return pending.length;
  });
}

/** How many rows have no search document yet (counting stops at `upTo`). */
export async function countMissingSearchDocuments(db: Db, upTo: number): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from requests where search_tokens is null limit ${upTo}) t`,
  );
  return row?.n ?? 0;
}

/** Fills every missing search document; `onProgress` hears the running total after each batch. */
export async function fillAllSearchDocuments(
  db: Db,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await fillSearchDocuments(db, options.batchSize);
    if (n === 0) return done;
    done += n;
    options.onProgress?.(done);
  }
}

/**
 * The newest requests of the caller's estates (home page). The company is implied by the estates but
 * said anyway: for a company-wide caller PostgreSQL then walks requests_company_received_idx newest
 * first and stops at `limit`, instead of sorting every request of every estate (minutes at 2 M rows).
 */
export async function recentRequests(db: Db, companyId: string, estateIds: string[], limit: number) {
  if (estateIds.length === 0) return [];
  const list = await db
    .select({ ...listColumns, estateName: estates.name })
    .from(requests)
    .innerJoin(estates, eq(estates.id, requests.estateId))
    .leftJoin(units, eq(units.id, requests.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(users, eq(users.id, requests.ownerId))
    .where(and(eq(requests.companyId, companyId), inArray(requests.estateId, estateIds)))
    .orderBy(desc(requests.receivedAt), desc(requests.id))
    .limit(limit);
  return list.map((r) => ({
    id: r.id,
    number: r.number,
    estateId: r.estateId,
    estateName: r.estateName,
    type: r.type,
    state: r.state,
    description: r.description,
    unitLabel: r.unitLabel,
    receivedAt: r.receivedAt.toISOString(),
  }));
}

/**
 * Meets the running clocks of these kinds (met if on time, else missed), and stops the escalation of
 * those already missed: a clock met late keeps its miss but stops climbing the ladder.
 */
export async function meetDeadlines(
  tx: Db,
  requestId: string,
  kinds: readonly string[],
  now: Date,
  running: readonly string[] = ['pending'],
): Promise<void> {
  await tx
    .update(requestDeadlines)
    .set({
      status: sql`case when ${requestDeadlines.dueAt} >= ${now} then 'met' else 'missed' end`,
      metAt: now,
    })
    .where(
      and(
        eq(requestDeadlines.requestId, requestId),
        inArray(requestDeadlines.kind, [...kinds]),
        inArray(requestDeadlines.status, [...running]),
      ),
    );
  await tx
    .update(requestDeadlines)
    .set({ metAt: now, nextEscalationAt: null })
    .where(
      and(
        eq(requestDeadlines.requestId, requestId),
        inArray(requestDeadlines.kind, [...kinds]),
        eq(requestDeadlines.status, 'missed'),
        isNull(requestDeadlines.metAt),
      ),
    );
}
