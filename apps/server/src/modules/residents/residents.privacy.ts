/**
 * 客户信息保密 (spec 03 §5, seed 004 第二十一条): a personal number is shown in full only on an
 * explicit reveal by a role that needs it, and each reveal is an audit event written in the same
 * transaction that reads the number — no event, no number. A technician sees the phone of a resident
 * (or the reporter) on an open work order assigned to them, audited the same way. Managers and the
 * company read the audit: who saw whose number, and every change of a person record.
 */
import {
  type AuditAction,
  type AuditItem,
  RESIDENT_AUDIT_ROLES,
  RESIDENT_REVEAL_ROLES,
  type RevealField,
  type Role,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows, textArray } from '../../platform/db.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { dayWindows } from '../payments/payments.usecases.ts';
import { findResident } from './residents.repository.ts';

const REVEAL_ROLES = RESIDENT_REVEAL_ROLES;
/** The route admits technicians too; the use case lets them see only what their orders need. */
export const REVEAL_ROUTE_ROLES: readonly Role[] = [...REVEAL_ROLES, 'technician'];
export const AUDIT_ROLES = RESIDENT_AUDIT_ROLES;

export interface PrivacyDeps {
  db: Db;
  clock: Clock;
}

const notAssigned = () => new AppError('FORBIDDEN', 'reveal.notAssigned');

/** An open order of the resident's assigned to this technician (the latest), if any. */
async function assignedOrderOf(db: Db, actor: Actor, residentId: string): Promise<string | null> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`select q.id from requests q
        where q.resident_id = ${residentId} and q.assignee_id = ${actor.userId}
          and q.company_id = ${actor.companyId} and q.state not in ('closed', 'cancelled')
        order by q.received_at desc limit 1`,
  );
  return row?.id ?? null;
}

/** POST /api/residents/:id/reveal: one number of a resident in full, audited. */
export async function revealResidentField(
  deps: PrivacyDeps,
  actor: Actor,
  id: string,
  body: { field: RevealField; index?: number },
): Promise<{ value: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await findResident(tx, actor.companyId, id);
    if (!row || !actor.estateIds.includes(row.estate_id)) throw notFound('notFound.resident');
    let viaRequestId: string | null = null;
    if (!hasAnyRole(actor, REVEAL_ROLES)) {
      if (!actor.roles.includes('technician')) throw forbidden();
      if (body.field !== 'phone') throw notAssigned();
      viaRequestId = await assignedOrderOf(tx, actor, row.id);
      if (!viaRequestId) throw notAssigned();
    }
    const index = body.index ?? 0;
    let value: string | null;
    if (body.field === 'phone') {
      if (row.phones.length === 0) throw fieldError('field', 'validation.revealNothing');
      value = row.phones[index] ?? null;
      if (value === null)
        throw fieldError('index', { key: 'validation.revealIndex', params: { n: index + 1 } });
    } else {
      value = body.field === 'idNumber' ? row.id_number : row.emergency_phone;
      if (!value) throw fieldError('field', 'validation.revealNothing');
    }
    await recordEvent(tx, {
      companyId: row.company_id,
      estateId: row.estate_id,
      entityType: 'resident',
      entityId: row.id,
      action: 'reveal',
      actorId: actor.userId,
      at: now,
      data: {
        field: body.field,
        ...(body.field === 'phone' ? { index } : {}),
        ...(viaRequestId ? { requestId: viaRequestId } : {}),
      },
    });
    return { value };
  });
}

/**
 * POST /api/requests/:id/reveal: the reporter's phone on a request, for the desk's roles and the
 * technician the open order is assigned to. The event is the request's (its timeline shows who looked)
 * and names the resident, so the resident's audit lists it too.
 */
export async function revealReporterPhone(
  deps: PrivacyDeps,
  actor: Actor,
  requestId: string,
): Promise<{ value: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [q] = await rows<{
      id: string;
      company_id: string;
      estate_id: string;
      number: string;
      state: string;
      reporter_phone: string | null;
      resident_id: string | null;
      assignee_id: string | null;
    }>(
      tx,
      sql`select id, company_id, estate_id, number, state, reporter_phone, resident_id, assignee_id
          from requests where id = ${requestId} and company_id = ${actor.companyId}`,
    );
    if (!q || !actor.estateIds.includes(q.estate_id)) throw notFound('notFound.request');
    if (!hasAnyRole(actor, REVEAL_ROLES)) {
      if (!actor.roles.includes('technician')) throw forbidden();
      if (q.assignee_id !== actor.userId || ['closed', 'cancelled'].includes(q.state)) throw notAssigned();
    }
    if (!q.reporter_phone) throw fieldError('field', 'validation.revealNothing');
    await recordEvent(tx, {
      companyId: q.company_id,
      estateId: q.estate_id,
      entityType: 'request',
      entityId: q.id,
      action: 'reveal',
      actorId: actor.userId,
      at: now,
      data: { field: 'phone', source: 'reporter', requestNumber: q.number, residentId: q.resident_id },
    });
    return { value: q.reporter_phone };
  });
}

// ---- the audit -----------------------------------------------------------------------------------

export interface AuditQuery {
  residentId?: string;
  estateId?: string;
  actorId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

interface AuditRow {
  id: string;
  at: Date | string;
  estate_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: AuditAction;
  entity_type: string;
  entity_id: string;
  data: Record<string, unknown> | null;
  resident_id: string | null;
  resident_name: string | null;
  request_number: string | null;
}

/**
 * The audit of residents' records within `estateIds`: changes of person records, every reveal and
 * every export of residents (masked or in full), newest first. A resident outside them is not found (404), like every record out of scope.
 */
export async function listAudit(
  deps: PrivacyDeps,
  actor: Actor,
  estateIds: string[],
  q: AuditQuery,
): Promise<{ items: AuditItem[]; total: number }> {
  if (q.residentId) {
    const resident = await findResident(deps.db, actor.companyId, q.residentId);
    if (!resident || !estateIds.includes(resident.estate_id)) throw notFound('notFound.resident');
  }
  if (estateIds.length === 0) return { items: [], total: 0 };
  const windows = await dayWindows(deps.db, estateIds, q.from, q.to);
  // The partial index's predicate, repeated so the planner can use events_resident_audit_idx.
  const within = (w: (typeof windows)[number]) =>
    sql`${w.from ? sql` and e.at >= ${w.from}` : sql``}${w.to ? sql` and e.at < ${w.to}` : sql``}`;
  const conds: SQL[] = [
    sql`(e.entity_type in ('resident', 'export') or e.action = 'reveal')`,
    sql`e.company_id = ${actor.companyId}`,
    sql`(${sql.join(
      [
        ...windows.map((w) => sql`(e.estate_id = ${w.estateId}${within(w)})`),
        // An export across estates is shown to whoever audits one of them.
        ...(windows[0]
          ? [
              sql`(e.estate_id is null and e.entity_type = 'export'
                   and e.data->'scope' ?| ${textArray(estateIds)}${within(windows[0])})`,
            ]
          : []),
      ],
      sql` or `,
    )})`,
    // Reveals on a request are of the request's reporter; other request events are not personal data;
    // of the exports, those of residents.
    sql`(e.entity_type = 'resident' or (e.entity_type = 'request' and e.action = 'reveal')
         or (e.entity_type = 'export' and e.data->>'resource' = 'residents'))`,
  ];
  if (q.residentId)
    conds.push(
      sql`((e.entity_type = 'resident' and e.entity_id = ${q.residentId})
           or (e.entity_type = 'request' and e.data->>'residentId' = ${q.residentId}))`,
    );
  if (q.actorId) conds.push(sql`e.actor_id = ${q.actorId}`);
  if (q.action) conds.push(sql`e.action = ${q.action}`);
  const where = sql.join(conds, sql` and `);
  const list = await rows<AuditRow>(
    deps.db,
    sql`select e.id, e.at, e.estate_id, e.actor_id, u.name as actor_name, e.action, e.entity_type,
            e.entity_id, e.data, r.id as resident_id, r.name as resident_name, rq.number as request_number
          from events e
          left join users u on u.id = e.actor_id
          left join requests rq on rq.id = case when e.entity_type = 'request' then e.entity_id
                                                else e.data->>'requestId' end
          left join residents r on r.id = case when e.entity_type = 'resident' then e.entity_id
                                               else e.data->>'residentId' end
          where ${where}
          order by e.at desc, e.id desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from events e where ${where}`,
  );
  return {
    items: list.map((r) => toAuditItem(r)),
    total: total?.n ?? 0,
  };
}

function toAuditItem(r: AuditRow): AuditItem {
  const d = r.data ?? {};
  const item: AuditItem = {
    id: r.id,
    at: new Date(r.at).toISOString(),
    estateId: r.estate_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    residentId: r.resident_id,
    residentName: r.resident_name,
  };
  if (r.action === 'reveal' && typeof d.field === 'string') item.field = d.field as RevealField;
  if (r.action === 'reveal') item.source = r.entity_type === 'request' ? 'reporter' : 'record';
  if (r.action === 'reveal' && typeof d.index === 'number') item.index = d.index;
  if (r.action === 'updated' && Array.isArray(d.fields)) item.fields = d.fields.map(String);
  const requestId =
    r.entity_type === 'request' ? r.entity_id : typeof d.requestId === 'string' ? d.requestId : null;
  if (requestId) item.requestId = requestId;
  if (r.action === 'export') {
    const filters = (d.filters ?? {}) as { full?: unknown };
    item.export = { full: filters.full === true, rows: typeof d.rows === 'number' ? d.rows : 0 };
  }
  if (r.request_number) item.requestNumber = r.request_number;
  return item;
}
