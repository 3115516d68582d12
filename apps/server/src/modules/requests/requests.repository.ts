/** Request reads for lists and the home page (the service-desk module adds intake and the lifecycle). */
import type { Channel, RequestState, RequestType } from '@wuye/contracts';
import { desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';
import { buildings, estates, units } from '../organisation/organisation.table.ts';
import { normalizeForSearch, searchDocument, textQuery } from './requests.search.ts';
import { requests } from './requests.table.ts';

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
const PHONE_DIGITS = /^[\d\s+-]+$/;

/**
 * The text condition of a search, one OR of arms that each have an index, so PostgreSQL may answer
 * from a BitmapOr or walk the estate's newest rows and stop at a page (whichever it estimates cheaper):
 * - words: every term's n-grams in `search_tokens` (GIN) and the term a substring of `search_text`;
 * - a request number, exactly (`BX202611220001`, any case);
 * - the reporter's phone by its last digits (4 or more digits typed);
 * - a unit as staff write it (`1栋1201`, `1栋-1201`, `1201`) when the text has a digit.
 */
export function searchCondition(scope: ListScope, text: string): SQL {
  const { terms, tokens } = textQuery(text);
  const words: SQL[] = [];
  if (tokens.length)
    words.push(
      sql`q.search_tokens @> array[${sql.join(
        tokens.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  for (const term of terms) words.push(sql`strpos(q.search_text, ${term}) > 0`);
  const arms: SQL[] = [sql`(${sql.join(words, sql` and `)})`];

  const compact = normalizeForSearch(text).replace(/[\s-]/g, '');
  const upper = compact.toUpperCase();
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

function listConditions(scope: ListScope, q: Omit<RequestListQuery, 'page' | 'pageSize'>, now: Date): SQL {
  const conds = [sql`q.estate_id in ${scope.estateIds}`];
  if (q.state) conds.push(sql`q.state = ${q.state}`);
  if (q.type) conds.push(sql`q.type = ${q.type}`);
  if (q.ownerId) conds.push(sql`q.owner_id = ${q.ownerId}`);
  if (q.departmentId) conds.push(sql`q.department_id = ${q.departmentId}`);
  if (q.assigneeId) conds.push(sql`q.assignee_id = ${q.assigneeId}`);
  if (q.open) conds.push(sql`q.state not in ('closed','cancelled')`);
  if (q.overdue !== undefined) {
    const late = sql`exists (select 1 from request_deadlines od where od.request_id = q.id
      and (od.status = 'missed' or (od.status = 'pending' and od.due_at < ${now})))`;
    conds.push(q.overdue ? sql`(q.state not in ('closed','cancelled') and ${late})` : sql`not ${late}`);
  }
  if (q.q?.trim()) conds.push(searchCondition(scope, q.q.trim()));
  return sql.join(conds, sql` and `);
}

function listOrder(sort: RequestListQuery['sort']): SQL {
  if (sort === 'dueAt') return sql`nd.due_at asc nulls last, q.received_at asc, q.id`;
  if (sort === 'priority')
    return sql`q.state in ('closed','cancelled'), q.emergency desc, overdue desc, vip desc,
      nd.due_at asc nulls last, q.received_at asc, q.id`;
  return sql`q.received_at desc, q.id desc`;
}

/** The list's rows: one statement, the same for the API page and the xlsx export. */
export function listRows(
  db: Db,
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
  page: { limit: number; offset: number },
): Promise<ListRow[]> {
  return rows<ListRow>(
    db,
    sql`select q.id, q.number, q.estate_id, q.type, q.channel, q.state, q.description,
          case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label,
          q.reporter_name, q.reporter_phone, q.owner_id, o.name as owner_name, q.department_id, q.assignee_id,
          q.night, q.emergency, coalesce(rs.grade = 'A', false) as vip,
          q.rework_of, q.repeat_of, nd.kind as next_kind, nd.due_at as next_due_at,
          (q.state not in ('closed','cancelled') and exists (select 1 from request_deadlines od where od.request_id = q.id
            and (od.status = 'missed' or (od.status = 'pending' and od.due_at < ${now})))) as overdue,
          q.received_at
        from requests q
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join users o on o.id = q.owner_id
        left join residents rs on rs.id = q.resident_id
        left join lateral (select d.kind, d.due_at from request_deadlines d
                           where d.request_id = q.id and d.status = 'pending' order by d.due_at limit 1) nd on true
        where ${listConditions(scope, q, now)}
        order by ${listOrder(q.sort)}
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countRequests(
  db: Db,
  scope: ListScope,
  q: Omit<RequestListQuery, 'page' | 'pageSize'>,
  now: Date,
): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from requests q where ${listConditions(scope, q, now)}`,
  );
  return row?.n ?? 0;
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
      description: string;
      reporter_name: string | null;
      location_text: string | null;
    }>(
      tx,
      sql`select id, description, reporter_name, location_text from requests
          where search_tokens is null order by id limit ${batchSize} for update skip locked`,
    );
    if (pending.length === 0) return 0;
    const docs = pending.map((r) => ({
      id: r.id,
      ...searchDocument({
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

export async function recentRequests(db: Db, estateIds: string[], limit: number) {
  if (estateIds.length === 0) return [];
  const list = await db
    .select({ ...listColumns, estateName: estates.name })
    .from(requests)
    .innerJoin(estates, eq(estates.id, requests.estateId))
    .leftJoin(units, eq(units.id, requests.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(users, eq(users.id, requests.ownerId))
    .where(inArray(requests.estateId, estateIds))
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
