/**
 * After a complaint is handled (seed 004 第四十二条: 投诉处理完毕后由公司进行回访，了解客户对投诉处理的意见，收集满意度信息):
 *
 * - the company-level callback: once a complaint is handled (done, confirmed, called back or closed),
 *   the company complaint centre (hq_cs, or the gm) owes the resident a callback of its own, even after
 *   the estate closed it. The first company callback that reaches the resident is kept on the complaint
 *   row; `GET /api/complaints/company-callbacks` lists what is owed and what was made.
 * - the re-complaint: a callback that finds the resident dissatisfied (or a problem) makes a rework
 *   request; for a complaint that rework is itself a complaint (二次投诉), linked to the first as the same
 *   issue, so the grade rules make it important (spec 02 §2) and it runs on the complaint clocks.
 *
 * The service desk's callback use case calls these inside its transaction.
 */
import type { CompanyCallbackItem, CompanyCallbackQuery, LiveEvent, Role } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import { applyGradeRules, type ComplaintDeps, syncComplaintClocks } from './complaints.usecases.ts';

/** Who makes the company-level callback (the company complaint centre, or the general manager). */
export const COMPANY_CALLBACK_ROLES: readonly Role[] = ['hq_cs', 'gm'];

/** Request states in which a complaint counts as handled (its result is there to ask about). */
const HANDLED_STATES = ['done', 'confirmed', 'callback_done', 'closed'];

/**
 * Whether this caller's callback on this complaint is the company callback still owed: a company role,
 * a handled complaint, no company callback yet.
 */
export async function companyCallbackOwed(
  tx: Db,
  actor: Actor,
  r: { id: string; type: string; state: string },
): Promise<boolean> {
  if (r.type !== 'complaint' || !HANDLED_STATES.includes(r.state)) return false;
  if (!hasAnyRole(actor, COMPANY_CALLBACK_ROLES)) return false;
  const [row] = await rows<{ owed: boolean }>(
    tx,
    sql`select company_callback_id is null as owed from complaints where request_id = ${r.id}`,
  );
  // A complaint taken before the complaint module has no row yet: owed all the same.
  return row?.owed ?? true;
}

/** A complaint's validity class (null: not classed, or no complaint row). */
export async function complaintValidityOf(
  tx: Db,
  requestId: string,
): Promise<'effective' | 'assisted' | 'invalid' | null> {
  const [row] = await rows<{ validity: 'effective' | 'assisted' | 'invalid' | null }>(
    tx,
    sql`select validity from complaints where request_id = ${requestId}`,
  );
  return row?.validity ?? null;
}

/** Keeps a reached company callback on the complaint (the first one counts). */
export async function recordCompanyCallback(
  tx: Db,
  actor: Actor,
  r: { id: string; companyId: string; estateId: string },
  callbackId: string,
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`insert into complaints (request_id, company_id, estate_id, company_callback_id, company_callback_at, company_callback_by_id)
        values (${r.id}, ${r.companyId}, ${r.estateId}, ${callbackId}, ${at}, ${actor.userId})
        on conflict (request_id) do update
          set company_callback_id = excluded.company_callback_id,
              company_callback_at = excluded.company_callback_at,
              company_callback_by_id = excluded.company_callback_by_id
          where complaints.company_callback_id is null`,
  );
}

interface OriginalComplaint {
  id: string;
  companyId: string;
  estateId: string;
}

/**
 * The rework a callback makes of a complaint is a second complaint of the same issue: its record copies
 * the first one's (what happened, who and what it was about, what the resident wants), it is linked to
 * the first, and the grade rules run over the issue (a re-complaint after handling is important). Its
 * complaint clocks start now. Returns the live events of the grading.
 */
export async function openReComplaint(
  deps: Pick<ComplaintDeps, 'clockRulesFor'>,
  tx: Db,
  original: OriginalComplaint,
  reworkId: string,
  now: Date,
  actorId: string,
): Promise<LiveEvent[]> {
  await tx.execute(
    sql`insert into complaints (request_id, company_id, estate_id, event_at, event_place, subject_person,
          subject_department_id, resident_wants, mood, grade, grade_source, responsible_user_id, supervisor_user_id)
        select ${reworkId}, ${original.companyId}, ${original.estateId}, o.event_at, o.event_place, o.subject_person,
          o.subject_department_id, o.resident_wants, o.mood, 'general', 'rule', o.responsible_user_id, o.supervisor_user_id
        from (select 1) one left join complaints o on o.request_id = ${original.id}`,
  );
  const [a, b] = original.id < reworkId ? [original.id, reworkId] : [reworkId, original.id];
  await tx.execute(
    sql`insert into complaint_links (company_id, estate_id, a, b, status, how, score, created_by_id, created_at, updated_at)
        values (${original.companyId}, ${original.estateId}, ${a}, ${b}, 'linked', 'auto', null, ${actorId}, ${now}, ${now})
        on conflict do nothing`,
  );
  const live = await applyGradeRules(deps, tx, [reworkId], now, actorId);
  // The rules re-time the clocks when they change the grade; a grade they leave as it was still needs its clocks.
  const [c] = await rows<{ grade: 'general'; time_zone: string }>(
    tx,
    sql`select c.grade, e.time_zone from complaints c join estates e on e.id = c.estate_id where c.request_id = ${reworkId}`,
  );
  await syncComplaintClocks(deps, tx, {
    id: reworkId,
    companyId: original.companyId,
    estateId: original.estateId,
    timeZone: c?.time_zone ?? 'Asia/Shanghai',
    grade: c?.grade ?? 'general',
    validity: null,
    receivedAt: now,
    classifiedAt: null,
    agreedReplyAt: null,
  });
  return live;
}

interface CompanyCallbackRow {
  id: string;
  number: string;
  estate_id: string;
  estate_name: string;
  state: string;
  unit_label: string | null;
  reporter_name: string | null;
  description: string;
  validity: string | null;
  grade: string | null;
  owner_name: string;
  handled_at: string;
  result_text: string | null;
  tries: number;
  last_try_at: string | null;
  cb_at: string | null;
  cb_by_name: string | null;
  cb_satisfaction: string | null;
  cb_comment: string | null;
}

const iso = (d: string | Date | null) => (d ? new Date(d).toISOString() : null);

/** GET /api/complaints/company-callbacks: owed (oldest handled first) or made (newest first), with both counts. */
export async function listCompanyCallbacks(
  db: Db,
  scope: { companyId: string; estateIds: string[] },
  query: CompanyCallbackQuery,
): Promise<{ items: CompanyCallbackItem[]; total: number; counts: { due: number; done: number } }> {
  if (scope.estateIds.length === 0) return { items: [], total: 0, counts: { due: 0, done: 0 } };
  const base = sql`from requests q
      join estates e on e.id = q.estate_id
      left join complaints c on c.request_id = q.id
      where q.company_id = ${scope.companyId} and q.estate_id in ${scope.estateIds}
        and q.type = 'complaint' and q.state in ${HANDLED_STATES}`;
  const dueSql = sql`c.company_callback_id is null`;
  const [counts] = await rows<{ due: number; done: number }>(
    db,
    sql`select count(*) filter (where ${dueSql})::int as due,
               count(*) filter (where c.company_callback_id is not null)::int as done ${base}`,
  );
  const due = query.status === 'due';
  const list = await rows<CompanyCallbackRow>(
    db,
    sql`select q.id, q.number, q.estate_id, e.name as estate_name, q.state, q.description, q.reporter_name,
          case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label,
          c.validity, c.grade, o.name as owner_name, c.result_text,
          coalesce((q.completion->>'completedAt')::timestamptz, q.closed_at, q.updated_at) as handled_at,
          t.tries, t.last_try_at,
          cb.at as cb_at, cbu.name as cb_by_name, cb.satisfaction as cb_satisfaction, cb.comment as cb_comment
        from requests q
        join estates e on e.id = q.estate_id
        left join complaints c on c.request_id = q.id
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join users o on o.id = q.owner_id
        left join callbacks cb on cb.id = c.company_callback_id
        left join users cbu on cbu.id = cb.by_id
        left join lateral (
          select count(*)::int as tries, max(k.at) as last_try_at from callbacks k
          join users ku on ku.id = k.by_id and ku.roles && array['hq_cs','gm']::text[]
          where k.request_id = q.id and not k.reached
            and k.at >= coalesce((q.completion->>'completedAt')::timestamptz, '-infinity'::timestamptz)) t on true
        where q.company_id = ${scope.companyId} and q.estate_id in ${scope.estateIds}
          and q.type = 'complaint' and q.state in ${HANDLED_STATES}
          and ${due ? dueSql : sql`c.company_callback_id is not null`}
        order by ${due ? sql`handled_at asc` : sql`c.company_callback_at desc`}, q.id
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  const items = list.map(
    (r): CompanyCallbackItem => ({
      id: r.id,
      number: r.number,
      estateId: r.estate_id,
      estateName: r.estate_name,
      state: r.state,
      unitLabel: r.unit_label,
      reporterName: r.reporter_name,
      description: r.description,
      validity: r.validity as CompanyCallbackItem['validity'],
      grade: (r.grade ?? 'general') as CompanyCallbackItem['grade'],
      ownerName: r.owner_name,
      handledAt: iso(r.handled_at)!,
      resultText: r.result_text,
      tries: r.tries,
      lastTryAt: iso(r.last_try_at),
      companyCallback: r.cb_at
        ? {
            at: iso(r.cb_at)!,
            byName: r.cb_by_name,
            satisfaction: r.cb_satisfaction as 'satisfied' | null,
            comment: r.cb_comment,
          }
        : null,
    }),
  );
  const c = counts ?? { due: 0, done: 0 };
  return { items, total: due ? c.due : c.done, counts: c };
}
