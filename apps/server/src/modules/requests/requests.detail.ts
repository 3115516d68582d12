/** Reads one request with its clocks, timeline and callbacks (GET /api/requests/:id). */
import type { RequestDetail } from '@wuye/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { events } from '../../platform/events.table.ts';
import { maskPhone } from '../../platform/mask.ts';
import { users } from '../auth/auth.table.ts';
import { filesOfRequest } from '../files/files.usecases.ts';
import { paymentsOfRequest } from '../payments/payments.repository.ts';
import { callbacks, requestDeadlines } from './requests.table.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

interface Row {
  id: string;
  number: string;
  estate_id: string;
  type: string;
  subtype: string | null;
  channel: string;
  state: string;
  state_before_hold: string | null;
  category_id: string | null;
  category_name: string | null;
  unit_id: string | null;
  unit_label: string | null;
  location_id: string | null;
  location_text: string | null;
  resident_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  description: string;
  urgency: string;
  size: string | null;
  appointment_at: Date | null;
  night: boolean;
  emergency: boolean;
  owner_id: string;
  owner_name: string;
  received_by_id: string;
  received_at: Date;
  department_id: string | null;
  department_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  quote_materials_fen: number | null;
  quote_labour_fen: number | null;
  quote_needs_approval: boolean;
  quote_approved_at: Date | null;
  quote_approved_by_id: string | null;
  quote_outside_price_list: boolean;
  quote_agreement_file_id: string | null;
  quoted_by_id: string | null;
  completion: Record<string, unknown> | null;
  rework_of: string | null;
  repeat_of: string | null;
  version: number;
  closed_at: Date | null;
}

export async function getRequestDetail(db: Db, actor: Actor, id: string): Promise<RequestDetail> {
  const [r] = await rows<Row>(
    db,
    sql`select q.*, c.name as category_name,
          case when u.id is null then coalesce(l.name, q.location_text) else b.name || '-' || u.number end as unit_label,
          o.name as owner_name, d.name as department_name, a.name as assignee_name
        from requests q
        left join categories c on c.id = q.category_id
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join locations l on l.id = q.location_id
        join users o on o.id = q.owner_id
        left join departments d on d.id = q.department_id
        left join users a on a.id = q.assignee_id
        where q.id = ${id} and q.company_id = ${actor.companyId}`,
  );
  if (!r || !actor.estateIds.includes(r.estate_id)) throw notFound('notFound.request');

  // One after the other: this often runs inside a transaction, whose one connection takes one query at a time.
  const deadlines = await db
    .select()
    .from(requestDeadlines)
    .where(eq(requestDeadlines.requestId, id))
    .orderBy(asc(requestDeadlines.startedAt), asc(requestDeadlines.id));
  const timeline = await db
    .select({
      id: events.id,
      action: events.action,
      at: events.at,
      actorId: events.actorId,
      actorName: users.name,
      data: events.data,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(sql`${events.entityType} = 'request' and ${events.entityId} = ${id}`)
    .orderBy(asc(events.at), asc(events.id));
  const calls = await db
    .select({ c: callbacks, byName: users.name })
    .from(callbacks)
    .innerJoin(users, eq(users.id, callbacks.byId))
    .where(eq(callbacks.requestId, id))
    .orderBy(asc(callbacks.at));
  const attachments = await filesOfRequest(db, id);
  const payments = await paymentsOfRequest(db, id);

  return {
    id: r.id,
    number: r.number,
    estateId: r.estate_id,
    type: r.type as RequestDetail['type'],
    subtype: r.subtype,
    channel: r.channel as RequestDetail['channel'],
    state: r.state as RequestDetail['state'],
    stateBeforeHold: r.state_before_hold as RequestDetail['stateBeforeHold'],
    categoryId: r.category_id,
    categoryName: r.category_name,
    unitId: r.unit_id,
    unitLabel: r.unit_label,
    locationId: r.location_id,
    locationText: r.location_text,
    residentId: r.resident_id,
    reporterName: r.reporter_name,
    // Masked like every personal number; revealing it is an audited act (residents module).
    reporterPhone: r.reporter_phone ? maskPhone(r.reporter_phone) : null,
    description: r.description,
    urgency: r.urgency as RequestDetail['urgency'],
    size: r.size as RequestDetail['size'],
    appointmentAt: iso(r.appointment_at),
    night: r.night,
    emergency: r.emergency,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    receivedById: r.received_by_id,
    receivedAt: iso(r.received_at)!,
    departmentId: r.department_id,
    departmentName: r.department_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    quote:
      r.quote_materials_fen === null
        ? null
        : {
            materialsFen: r.quote_materials_fen,
            labourFen: r.quote_labour_fen ?? 0,
            needsApproval: r.quote_needs_approval,
            approvedAt: iso(r.quote_approved_at),
            approvedById: r.quote_approved_by_id,
            outsidePriceList: r.quote_outside_price_list,
            agreementFileId: r.quote_agreement_file_id,
            quotedById: r.quoted_by_id,
          },
    completion: r.completion,
    reworkOf: r.rework_of,
    repeatOf: r.repeat_of,
    version: r.version,
    closedAt: iso(r.closed_at),
    deadlines: deadlines.map((d) => ({
      id: d.id,
      kind: d.kind as RequestDetail['deadlines'][number]['kind'],
      startedAt: d.startedAt.toISOString(),
      dueAt: d.dueAt.toISOString(),
      warnAt: iso(d.warnAt),
      status: d.status as RequestDetail['deadlines'][number]['status'],
      metAt: iso(d.metAt),
    })),
    attachments,
    events: timeline.map((e) => ({
      id: e.id,
      action: e.action,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName: e.actorName,
      data: e.data ?? null,
    })),
    callbacks: calls.map(({ c, byName }) => ({
      id: c.id,
      at: c.at.toISOString(),
      byId: c.byId,
      byName,
      method: c.method as 'phone',
      reached: c.reached,
      satisfaction: c.satisfaction as 'satisfied' | null,
      stars: c.stars,
      comment: c.comment,
      problemFound: c.problemFound,
      reworkRequestId: c.reworkRequestId,
    })),
    payments,
  };
}
