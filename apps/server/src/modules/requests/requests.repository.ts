/** Request reads for lists and the home page (the service-desk module adds intake and the lifecycle). */
import type { Channel, RequestState, RequestType } from '@wuye/contracts';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';
import { buildings, estates, units } from '../organisation/organisation.table.ts';
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
  night?: boolean;
  q?: string;
  sort?: 'dueAt' | 'receivedAt';
  page: number;
  pageSize: number;
}

interface ListRow {
  id: string;
  number: string;
  estate_id: string;
  type: RequestType;
  channel: Channel;
  state: RequestState;
  description: string;
  unit_label: string | null;
  reporter_name: string | null;
  owner_id: string;
  owner_name: string | null;
  department_id: string | null;
  assignee_id: string | null;
  night: boolean;
  rework_of: string | null;
  repeat_of: string | null;
  next_kind: string | null;
  next_due_at: Date | null;
  overdue: boolean;
  received_at: Date;
}

/**
 * The request list behind every queue: filters by estate scope, state, type, owner, department,
 * assignee, overdue and text (number, phone, unit, name, description); newest first or nearest clock first.
 */
export async function listRequests(db: Db, estateIds: string[], q: RequestListQuery, now: Date) {
  if (estateIds.length === 0) return { items: [], total: 0 };
  const conds = [sql`q.estate_id in ${estateIds}`];
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
  if (q.q) {
    const text = q.q.trim();
    const like = `%${escapeLike(text)}%`;
    const compact = `%${escapeLike(text.replace(/[\s-]/g, ''))}%`;
    const digits = text.replace(/\D/g, '');
    conds.push(sql`(q.number = ${text.toUpperCase()} or q.description ilike ${like} or q.reporter_name ilike ${like}
      ${digits.length >= 4 ? sql`or q.reporter_phone like ${`%${digits}`}` : sql``}
      or exists (select 1 from units su join buildings sb on sb.id = su.building_id
                 where su.id = q.unit_id and (sb.name || su.number) ilike ${compact}))`);
  }
  const where = sql.join(conds, sql` and `);
  const order =
    q.sort === 'dueAt'
      ? sql`nd.due_at asc nulls last, q.received_at asc, q.id`
      : sql`q.received_at desc, q.id desc`;
  const [items, [total]] = await Promise.all([
    rows<ListRow>(
      db,
      sql`select q.id, q.number, q.estate_id, q.type, q.channel, q.state, q.description,
            case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label,
            q.reporter_name, q.owner_id, o.name as owner_name, q.department_id, q.assignee_id, q.night,
            q.rework_of, q.repeat_of, nd.kind as next_kind, nd.due_at as next_due_at,
            (q.state not in ('closed','cancelled') and exists (select 1 from request_deadlines od where od.request_id = q.id
              and (od.status = 'missed' or (od.status = 'pending' and od.due_at < ${now})))) as overdue,
            q.received_at
          from requests q
          left join units u on u.id = q.unit_id
          left join buildings b on b.id = u.building_id
          left join users o on o.id = q.owner_id
          left join lateral (select d.kind, d.due_at from request_deadlines d
                             where d.request_id = q.id and d.status = 'pending' order by d.due_at limit 1) nd on true
          where ${where}
          order by ${order}
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from requests q where ${where}`),
  ]);
  return {
    items: items.map((r) => ({
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
      reworkOf: r.rework_of,
      repeatOf: r.repeat_of,
      nextDue: r.next_due_at ? { kind: r.next_kind!, dueAt: new Date(r.next_due_at).toISOString() } : null,
      overdue: r.overdue,
      receivedAt: new Date(r.received_at).toISOString(),
    })),
    total: total?.n ?? 0,
  };
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
