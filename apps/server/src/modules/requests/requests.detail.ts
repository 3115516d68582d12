/**
 * Reads one request with its clocks, timeline, callbacks, files and payments (GET /api/requests/:id,
 * and the answer of every change) in one statement: it often runs inside a transaction, whose one
 * connection takes one query at a time, so each round trip saved is saved on every intake and action.
 */
import type { RequestDetail } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, preparedRows } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { events } from '../../platform/events.table.ts';
import { maskPhone } from '../../platform/mask.ts';
import {
  type ComplaintJson,
  type ComplaintLinkJson,
  complaintFromJson,
  complaintLinksJson,
  complaintMemosJson,
  complaintOfRequestJson,
  type MemoJson,
} from '../complaints/complaints.repository.ts';
import { type FileJson, filesOfRequestJson } from '../files/files.repository.ts';
import { filesFromJson } from '../files/files.usecases.ts';
import {
  type PaymentJson,
  paymentsFromJson,
  paymentsOfRequestJson,
} from '../payments/payments.repository.ts';
import type { requestDeadlines, requests } from './requests.table.ts';

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
  deadlines_json: DeadlineJson[];
  events_json: EventJson[];
  callbacks_json: CallbackJson[];
  files_json: FileJson[];
  payments_json: PaymentJson[];
  complaint_json: ComplaintJson | null;
  complaint_links_json: ComplaintLinkJson[] | null;
  complaint_memos_json: MemoJson[] | null;
}

/** Instants inside JSON arrive as text (`2026-12-01T09:30:00.123+00:00`). */
interface DeadlineJson {
  id: string;
  kind: string;
  started_at: string;
  due_at: string;
  warn_at: string | null;
  status: string;
  met_at: string | null;
}

interface EventJson {
  id: string;
  action: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown> | null;
}

interface CallbackJson {
  id: string;
  at: string;
  by_id: string;
  by_name: string;
  method: string;
  reached: boolean;
  satisfaction: string | null;
  stars: number | null;
  comment: string | null;
  problem_found: boolean;
  rework_request_id: string | null;
}

export async function getRequestDetail(db: Db, actor: Actor, id: string): Promise<RequestDetail> {
  const [r] = await preparedRows<Row>(
    db,
    'request_detail',
    // The names are scalar subqueries, not joins: with seven joins PostgreSQL spent longer choosing a
    // join order (~2 ms, every time: the statement is not prepared) than running the statement.
    sql`select q.*, (select c.name from categories c where c.id = q.category_id) as category_name,
          case when q.unit_id is null
            then coalesce((select l.name from locations l where l.id = q.location_id), q.location_text)
            else (select b.name || '-' || u.number from units u join buildings b on b.id = u.building_id
                  where u.id = q.unit_id) end as unit_label,
          (select o.name from users o where o.id = q.owner_id) as owner_name,
          (select d.name from departments d where d.id = q.department_id) as department_name,
          (select a.name from users a where a.id = q.assignee_id) as assignee_name,
          (select coalesce(json_agg(row_to_json(x) order by x.started_at, x.id), '[]') from (
             select rd.id, rd.kind, rd.started_at, rd.due_at, rd.warn_at, rd.status, rd.met_at
             from request_deadlines rd where rd.request_id = q.id) x) as deadlines_json,
          (select coalesce(json_agg(row_to_json(x) order by x.at, x.id), '[]') from (
             select e.id, e.action, e.at, e.actor_id, eu.name as actor_name, e.data
             from events e left join users eu on eu.id = e.actor_id
             where e.entity_type = 'request' and e.entity_id = q.id) x) as events_json,
          (select coalesce(json_agg(row_to_json(x) order by x.at, x.id), '[]') from (
             select cb.id, cb.at, cb.by_id, cu.name as by_name, cb.method, cb.reached, cb.satisfaction,
               cb.stars, cb.comment, cb.problem_found, cb.rework_request_id
             from callbacks cb join users cu on cu.id = cb.by_id where cb.request_id = q.id) x) as callbacks_json,
          ${filesOfRequestJson(sql`q.id`)} as files_json,
          ${paymentsOfRequestJson(sql`q.id`)} as payments_json,
          case when q.type = 'complaint' then ${complaintOfRequestJson(sql`q.id`)} end as complaint_json,
          case when q.type = 'complaint' then ${complaintLinksJson(sql`q.id`)} end as complaint_links_json,
          case when q.type = 'complaint' then ${complaintMemosJson(sql`q.id`)} end as complaint_memos_json
        from requests q
        where q.id = ${id} and q.company_id = ${actor.companyId}`,
  );
  if (!r || !actor.estateIds.includes(r.estate_id)) throw notFound('notFound.request');

  const events = r.events_json.map((e) => ({
    id: e.id,
    action: e.action,
    at: iso(e.at)!,
    actorId: e.actor_id,
    actorName: e.actor_name,
    data: e.data ?? null,
  }));
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
    deadlines: r.deadlines_json.map((d) => ({
      id: d.id,
      kind: d.kind as RequestDetail['deadlines'][number]['kind'],
      startedAt: iso(d.started_at)!,
      dueAt: iso(d.due_at)!,
      warnAt: iso(d.warn_at),
      status: d.status as RequestDetail['deadlines'][number]['status'],
      metAt: iso(d.met_at),
    })),
    attachments: filesFromJson(r.files_json),
    events,
    callbacks: r.callbacks_json.map((c) => ({
      id: c.id,
      at: iso(c.at)!,
      byId: c.by_id,
      byName: c.by_name,
      method: c.method as 'phone',
      reached: c.reached,
      satisfaction: c.satisfaction as 'satisfied' | null,
      stars: c.stars,
      comment: c.comment,
      problemFound: c.problem_found,
      reworkRequestId: c.rework_request_id,
    })),
    payments: paymentsFromJson(r.payments_json),
    complaint:
      r.type === 'complaint'
        ? complaintFromJson(
            r.complaint_json,
            r.complaint_links_json ?? [],
            events,
            r.complaint_memos_json ?? [],
          )
        : null,
  };
}

/**
 * The detail of a request just taken in, from the rows its intake wrote — what getRequestDetail would
 * read back, without the read (the intake's costliest statement: PostgreSQL planned its dozen
 * subqueries on every call). Only for an intake that wrote nothing else: no attachments (files), no
 * complaint record; a new request has no department, assignee, quote, callbacks or payments yet.
 * requests.detail.test.ts holds the two equal.
 */
export function createdDetail(
  q: typeof requests.$inferInsert,
  deadlines: (typeof requestDeadlines.$inferInsert)[],
  created: typeof events.$inferInsert,
  names: { categoryName: string | null; unitLabel: string | null; actorName: string },
): RequestDetail {
  const at = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    id: q.id,
    number: q.number,
    estateId: q.estateId,
    type: q.type as RequestDetail['type'],
    subtype: q.subtype ?? null,
    channel: q.channel as RequestDetail['channel'],
    state: 'new',
    stateBeforeHold: null,
    categoryId: q.categoryId ?? null,
    categoryName: names.categoryName,
    unitId: q.unitId ?? null,
    unitLabel: names.unitLabel,
    locationId: q.locationId ?? null,
    locationText: q.locationText ?? null,
    residentId: q.residentId ?? null,
    reporterName: q.reporterName ?? null,
    reporterPhone: q.reporterPhone ? maskPhone(q.reporterPhone) : null,
    description: q.description,
    urgency: q.urgency as RequestDetail['urgency'],
    size: (q.size ?? null) as RequestDetail['size'],
    appointmentAt: at(q.appointmentAt),
    night: q.night ?? false,
    emergency: q.emergency ?? false,
    ownerId: q.ownerId,
    ownerName: names.actorName,
    receivedById: q.receivedById,
    receivedAt: at(q.receivedAt)!,
    departmentId: null,
    departmentName: null,
    assigneeId: null,
    assigneeName: null,
    quote: null,
    completion: null,
    reworkOf: q.reworkOf ?? null,
    repeatOf: q.repeatOf ?? null,
    version: 1,
    closedAt: null,
    deadlines: [...deadlines]
      .sort(
        (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .map((d) => ({
        id: d.id,
        kind: d.kind as RequestDetail['deadlines'][number]['kind'],
        startedAt: d.startedAt.toISOString(),
        dueAt: d.dueAt.toISOString(),
        warnAt: at(d.warnAt),
        status: 'pending',
        metAt: null,
      })),
    attachments: [],
    events: [
      {
        id: created.id,
        action: created.action,
        at: created.at.toISOString(),
        actorId: created.actorId ?? null,
        actorName: names.actorName,
        // As stored and read back: JSON (an undefined value is dropped, as jsonb drops it).
        data:
          created.data == null ? null : (JSON.parse(JSON.stringify(created.data)) as Record<string, unknown>),
      },
    ],
    callbacks: [],
    payments: [],
    complaint: null,
  };
}
