/** All reads of relationship work: plans, visits, coverage, reception days, mailbox, logs, notices, greetings. */
import type {
  CommitteeMeeting,
  DeveloperLog,
  GreetingDue,
  LinkedRequest,
  MailboxLetter,
  MailboxOpening,
  Notice,
  ReceptionDay,
  ReceptionEntry,
  Visit,
  VisitPlanSummary,
  VisitPlanUnit,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows, textArray } from '../../platform/db.ts';

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const OCCUPIED = sql`('occupied','rented')`;

// ---- people and places ----------------------------------------------------------------------------

export interface StaffRow {
  id: string;
  name: string;
  roles: string[];
}

/** Active staff of the estate with one of the roles (by id when given). */
export async function estateStaffWithRole(db: Db, estateId: string, role: string, id?: string) {
  return rows<StaffRow>(
    db,
    sql`select u.id, u.name, u.roles from users u join user_estates ue on ue.user_id = u.id
        where ue.estate_id = ${estateId} and u.active and ${role} = any(u.roles)
          ${id ? sql`and u.id = ${id}` : sql``}
        order by u.created_at, u.id`,
  );
}

export async function unitsInEstate(db: Db, estateId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`select id from units where estate_id = ${estateId} and id = any(${textArray(ids)})`,
  );
  return new Set(found.map((r) => r.id));
}

export async function buildingsInEstate(db: Db, estateId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const found = await rows<{ id: string }>(
    db,
    sql`select id from buildings where estate_id = ${estateId} and id = any(${textArray(ids)})`,
  );
  return new Set(found.map((r) => r.id));
}

export async function residentInEstate(db: Db, estateId: string, id: string) {
  const [r] = await rows<{ id: string; name: string; phones: string[] }>(
    db,
    sql`select id, name, phones from residents where id = ${id} and estate_id = ${estateId}`,
  );
  return r ?? null;
}

/** The unit's resident to take a follow-up for: the owner first, then a tenant, then a member. */
export async function mainResidentOfUnit(db: Db, unitId: string) {
  const [r] = await rows<{ id: string; name: string }>(
    db,
    sql`select r.id, r.name from resident_units ru join residents r on r.id = ru.resident_id
        where ru.unit_id = ${unitId}
        order by case ru.relation when 'owner' then 0 when 'tenant' then 1 else 2 end, r.id limit 1`,
  );
  return r ?? null;
}

export async function occupiedUnitsOfBuildings(db: Db, estateId: string, buildingIds: readonly string[]) {
  if (buildingIds.length === 0) return [];
  const list = await rows<{ id: string }>(
    db,
    sql`select id from units where estate_id = ${estateId} and building_id = any(${textArray(buildingIds)})
          and status in ${OCCUPIED}`,
  );
  return list.map((r) => r.id);
}

export async function estateNames(db: Db, ids: readonly string[]) {
  return rows<{ id: string; name: string; time_zone: string; company_id: string }>(
    db,
    sql`select id, name, time_zone, company_id from estates where id = any(${textArray(ids)}) order by name`,
  );
}

export async function linkedRequests(db: Db, ids: readonly string[]): Promise<Map<string, LinkedRequest>> {
  if (ids.length === 0) return new Map();
  const list = await rows<LinkedRequest>(
    db,
    sql`select id, number, type, state from requests where id = any(${textArray(ids)})`,
  );
  return new Map(list.map((r) => [r.id, r]));
}

export async function requestsInEstate(db: Db, estateId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const list = await rows<{ id: string }>(
    db,
    sql`select id from requests where estate_id = ${estateId} and id = any(${textArray(ids)})`,
  );
  return new Set(list.map((r) => r.id));
}

// ---- visit plans and visits -----------------------------------------------------------------------

interface PlanRow {
  id: string;
  estate_id: string;
  steward_id: string;
  steward_name: string;
  month: string;
  building_ids: string[];
  planned: number;
  visited: number;
  carried: number;
  created_at: Date;
}

const visitedInMonth = (unit: SQL, month: SQL) =>
  sql`exists (select 1 from visits v where v.unit_id = ${unit} and v.month = ${month})`;

export async function listPlans(
  db: Db,
  scope: readonly string[],
  q: { month?: string; stewardId?: string; id?: string },
): Promise<VisitPlanSummary[]> {
  const list = await rows<PlanRow>(
    db,
    sql`select p.id, p.estate_id, p.steward_id, s.name as steward_name, p.month, p.building_ids, p.created_at,
          (select count(*)::int from visit_plan_units pu where pu.plan_id = p.id) as planned,
          (select count(*)::int from visit_plan_units pu where pu.plan_id = p.id and pu.carried) as carried,
          (select count(*)::int from visit_plan_units pu where pu.plan_id = p.id
             and ${visitedInMonth(sql`pu.unit_id`, sql`p.month`)}) as visited
        from visit_plans p join users s on s.id = p.steward_id
        where p.estate_id = any(${textArray(scope)})
          ${q.month ? sql`and p.month = ${q.month}` : sql``}
          ${q.stewardId ? sql`and p.steward_id = ${q.stewardId}` : sql``}
          ${q.id ? sql`and p.id = ${q.id}` : sql``}
        order by p.month desc, s.name limit 500`,
  );
  return list.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    stewardId: r.steward_id,
    stewardName: r.steward_name,
    month: r.month,
    buildingIds: r.building_ids,
    planned: r.planned,
    visited: r.visited,
    carried: r.carried,
    rate: r.planned ? r.visited / r.planned : null,
    createdAt: iso(r.created_at)!,
  }));
}

export async function planUnits(db: Db, planId: string, month: string): Promise<VisitPlanUnit[]> {
  const list = await rows<{
    unit_id: string;
    building_name: string;
    number: string;
    carried: boolean;
    resident_name: string | null;
    last_at: Date | null;
    last_way: 'visit' | 'phone' | null;
  }>(
    db,
    sql`select pu.unit_id, b.name as building_name, u.number, pu.carried,
          (select r.name from resident_units ru join residents r on r.id = ru.resident_id where ru.unit_id = u.id
             order by case ru.relation when 'owner' then 0 when 'tenant' then 1 else 2 end, r.id limit 1) as resident_name,
          lv.visited_at as last_at, lv.way as last_way
        from visit_plan_units pu join units u on u.id = pu.unit_id join buildings b on b.id = u.building_id
        left join lateral (select v.visited_at, v.way from visits v where v.unit_id = u.id and v.month = ${month}
                           order by v.visited_at desc limit 1) lv on true
        where pu.plan_id = ${planId}
        order by b.sort, b.name, u.floor, u.number`,
  );
  return list.map((r) => ({
    unitId: r.unit_id,
    unitLabel: `${r.building_name}-${r.number}`,
    buildingName: r.building_name,
    carried: r.carried,
    residentName: r.resident_name,
    lastVisitAt: iso(r.last_at),
    lastVisitWay: r.last_way,
  }));
}

/** The units of the steward's plan of `month` that nobody visited or called that month. */
export async function unvisitedOfPlan(db: Db, estateId: string, stewardId: string, month: string) {
  const list = await rows<{ unit_id: string }>(
    db,
    sql`select pu.unit_id from visit_plans p join visit_plan_units pu on pu.plan_id = p.id
        where p.estate_id = ${estateId} and p.steward_id = ${stewardId} and p.month = ${month}
          and not ${visitedInMonth(sql`pu.unit_id`, sql`p.month`)}`,
  );
  return list.map((r) => r.unit_id);
}

interface VisitRow {
  id: string;
  estate_id: string;
  unit_id: string;
  unit_label: string;
  resident_id: string | null;
  met_name: string | null;
  way: 'visit' | 'phone';
  visited_at: Date;
  month: string;
  visited_by_id: string;
  visited_by_name: string;
  topics: Visit['topics'];
  opinions: string | null;
  signature_file_id: string | null;
  request_ids: string[];
  created_at: Date;
  total: number;
}

export async function listVisits(
  db: Db,
  scope: readonly string[],
  q: { month?: string; unitId?: string; visitedById?: string; id?: string; page?: number; pageSize?: number },
): Promise<{ items: Visit[]; total: number }> {
  const pageSize = q.pageSize ?? 50;
  const offset = ((q.page ?? 1) - 1) * pageSize;
  const list = await rows<VisitRow>(
    db,
    sql`select v.id, v.estate_id, v.unit_id, b.name || '-' || u.number as unit_label, v.resident_id, v.met_name,
          v.way, v.visited_at, v.month, v.visited_by_id, s.name as visited_by_name, v.topics, v.opinions,
          v.signature_file_id, v.request_ids, v.created_at, count(*) over ()::int as total
        from visits v join units u on u.id = v.unit_id join buildings b on b.id = u.building_id
        join users s on s.id = v.visited_by_id
        where v.estate_id = any(${textArray(scope)})
          ${q.month ? sql`and v.month = ${q.month}` : sql``}
          ${q.unitId ? sql`and v.unit_id = ${q.unitId}` : sql``}
          ${q.visitedById ? sql`and v.visited_by_id = ${q.visitedById}` : sql``}
          ${q.id ? sql`and v.id = ${q.id}` : sql``}
        order by v.visited_at desc, v.id desc limit ${pageSize} offset ${offset}`,
  );
  const reqs = await linkedRequests(
    db,
    list.flatMap((r) => r.request_ids),
  );
  return {
    total: list[0]?.total ?? 0,
    items: list.map((r) => ({
      id: r.id,
      estateId: r.estate_id,
      unitId: r.unit_id,
      unitLabel: r.unit_label,
      residentId: r.resident_id,
      metName: r.met_name,
      way: r.way,
      visitedAt: iso(r.visited_at)!,
      month: r.month,
      visitedById: r.visited_by_id,
      visitedByName: r.visited_by_name,
      topics: r.topics,
      opinions: r.opinions,
      signatureFileId: r.signature_file_id,
      signatureUrl: r.signature_file_id ? `/api/files/${r.signature_file_id}` : null,
      requests: r.request_ids.map((id) => reqs.get(id)).filter((x): x is LinkedRequest => !!x),
      createdAt: iso(r.created_at)!,
    })),
  };
}

/** Households visited or called in the month ÷ occupied (or rented) households, per estate. */
export async function estateCoverage(db: Db, scope: readonly string[], month: string) {
  return rows<{ estate_id: string; estate_name: string; households: number; visited: number }>(
    db,
    sql`select e.id as estate_id, e.name as estate_name,
          (select count(*)::int from units u where u.estate_id = e.id and u.status in ${OCCUPIED}) as households,
          (select count(*)::int from units u where u.estate_id = e.id and u.status in ${OCCUPIED}
             and ${visitedInMonth(sql`u.id`, sql`${month}`)}) as visited
        from estates e where e.id = any(${textArray(scope)}) order by e.name`,
  );
}

// ---- reception days -------------------------------------------------------------------------------

interface ReceptionRow {
  id: string;
  estate_id: string;
  estate_name: string;
  host_id: string;
  host_name: string;
  date: string | Date;
  start_time: string;
  end_time: string;
  place: string;
  starts_at: Date;
  notice_id: string;
  notice_published_at: Date | null;
  created_at: Date;
}

export async function listReceptionDays(
  db: Db,
  scope: readonly string[],
  q: { year?: number; id?: string },
): Promise<ReceptionDay[]> {
  const list = await rows<ReceptionRow>(
    db,
    sql`select d.id, d.estate_id, e.name as estate_name, d.host_id, h.name as host_name, d.date, d.start_time,
          d.end_time, d.place, d.starts_at, d.notice_id, n.published_at as notice_published_at, d.created_at
        from reception_days d join estates e on e.id = d.estate_id join users h on h.id = d.host_id
        left join notices n on n.id = d.notice_id
        where d.estate_id = any(${textArray(scope)})
          ${q.year ? sql`and extract(year from d.date) = ${q.year}` : sql``}
          ${q.id ? sql`and d.id = ${q.id}` : sql``}
        order by d.date desc limit 200`,
  );
  const entries = await rows<{
    id: string;
    reception_day_id: string;
    visitor_name: string;
    unit_id: string | null;
    unit_label: string | null;
    resident_id: string | null;
    issue: string;
    answer: string | null;
    request_id: string | null;
    created_at: Date;
  }>(
    db,
    sql`select x.id, x.reception_day_id, x.visitor_name, x.unit_id, b.name || '-' || u.number as unit_label,
          x.resident_id, x.issue, x.answer, x.request_id, x.created_at
        from reception_entries x left join units u on u.id = x.unit_id left join buildings b on b.id = u.building_id
        where x.reception_day_id = any(${textArray(list.map((r) => r.id))}) order by x.created_at, x.id`,
  );
  const reqs = await linkedRequests(
    db,
    entries.flatMap((e) => (e.request_id ? [e.request_id] : [])),
  );
  const byDay = new Map<string, ReceptionEntry[]>();
  for (const e of entries) {
    const item: ReceptionEntry = {
      id: e.id,
      visitorName: e.visitor_name,
      unitId: e.unit_id,
      unitLabel: e.unit_label,
      residentId: e.resident_id,
      issue: e.issue,
      answer: e.answer,
      request: (e.request_id && reqs.get(e.request_id)) || null,
      createdAt: iso(e.created_at)!,
    };
    byDay.set(e.reception_day_id, [...(byDay.get(e.reception_day_id) ?? []), item]);
  }
  return list.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    estateName: r.estate_name,
    hostId: r.host_id,
    hostName: r.host_name,
    date: day(r.date),
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    startsAt: iso(r.starts_at)!,
    noticeId: r.notice_id,
    noticePublishedAt: iso(r.notice_published_at),
    entries: byDay.get(r.id) ?? [],
    createdAt: iso(r.created_at)!,
  }));
}

// ---- mailbox --------------------------------------------------------------------------------------

export async function lastOpenings(db: Db, scope: readonly string[]) {
  return rows<{ estate_id: string; estate_name: string; last: Date | null }>(
    db,
    sql`select e.id as estate_id, e.name as estate_name,
          (select max(o.opened_at) from mailbox_openings o where o.estate_id = e.id) as last
        from estates e where e.id = any(${textArray(scope)}) order by e.name`,
  );
}

export async function listOpenings(
  db: Db,
  scope: readonly string[],
  q: { id?: string; letterId?: string } = {},
): Promise<MailboxOpening[]> {
  const list = await rows<{
    id: string;
    estate_id: string;
    opened_by_id: string;
    opened_by_name: string;
    opened_at: Date;
    witness_name: string;
    letter_count: number;
    notes: string | null;
  }>(
    db,
    sql`select o.id, o.estate_id, o.opened_by_id, s.name as opened_by_name, o.opened_at, o.witness_name,
          o.letter_count, o.notes
        from mailbox_openings o join users s on s.id = o.opened_by_id
        where o.estate_id = any(${textArray(scope)}) ${q.id ? sql`and o.id = ${q.id}` : sql``}
        order by o.opened_at desc limit 100`,
  );
  const letters = await rows<{
    id: string;
    opening_id: string;
    writer_name: string | null;
    unit_label: string | null;
    content: string;
    request_id: string;
    reply: string | null;
    replied_at: Date | null;
    replied_by_name: string | null;
    version: number;
  }>(
    db,
    sql`select l.id, l.opening_id, l.writer_name, b.name || '-' || u.number as unit_label, l.content, l.request_id,
          l.reply, l.replied_at, rb.name as replied_by_name, l.version
        from mailbox_letters l left join units u on u.id = l.unit_id left join buildings b on b.id = u.building_id
        left join users rb on rb.id = l.replied_by_id
        where l.opening_id = any(${textArray(list.map((o) => o.id))}) order by l.id`,
  );
  const reqs = await linkedRequests(
    db,
    letters.map((l) => l.request_id),
  );
  const byOpening = new Map<string, MailboxLetter[]>();
  for (const l of letters) {
    const item: MailboxLetter = {
      id: l.id,
      openingId: l.opening_id,
      writerName: l.writer_name,
      unitLabel: l.unit_label,
      content: l.content,
      request: reqs.get(l.request_id)!,
      reply: l.reply,
      repliedAt: iso(l.replied_at),
      repliedByName: l.replied_by_name,
      version: l.version,
    };
    byOpening.set(l.opening_id, [...(byOpening.get(l.opening_id) ?? []), item]);
  }
  return list.map((o) => ({
    id: o.id,
    estateId: o.estate_id,
    openedById: o.opened_by_id,
    openedByName: o.opened_by_name,
    openedAt: iso(o.opened_at)!,
    witnessName: o.witness_name,
    letterCount: o.letter_count,
    notes: o.notes,
    letters: byOpening.get(o.id) ?? [],
  }));
}

export async function findLetter(db: Db, scope: readonly string[], id: string) {
  const [l] = await rows<{
    id: string;
    estate_id: string;
    opening_id: string;
    version: number;
    request_id: string;
  }>(
    db,
    sql`select id, estate_id, opening_id, version, request_id from mailbox_letters
        where id = ${id} and estate_id = any(${textArray(scope)})`,
  );
  return l ?? null;
}

// ---- committee and developer ----------------------------------------------------------------------

export async function listMeetings(
  db: Db,
  scope: readonly string[],
  q: { year?: number; id?: string },
): Promise<CommitteeMeeting[]> {
  const list = await rows<{
    id: string;
    estate_id: string;
    date: string | Date;
    status: 'planned' | 'held';
    attendees: string | null;
    topics: string;
    minutes: string | null;
    follow_ups: string | null;
    recorded_by_name: string;
    version: number;
  }>(
    db,
    sql`select m.id, m.estate_id, m.date, m.status, m.attendees, m.topics, m.minutes, m.follow_ups,
          s.name as recorded_by_name, m.version
        from committee_meetings m join users s on s.id = m.recorded_by_id
        where m.estate_id = any(${textArray(scope)})
          ${q.year ? sql`and extract(year from m.date) = ${q.year}` : sql``}
          ${q.id ? sql`and m.id = ${q.id}` : sql``}
        order by m.date desc limit 200`,
  );
  return list.map((m) => ({
    id: m.id,
    estateId: m.estate_id,
    date: day(m.date),
    status: m.status,
    attendees: m.attendees,
    topics: m.topics,
    minutes: m.minutes,
    followUps: m.follow_ups,
    recordedByName: m.recorded_by_name,
    version: m.version,
  }));
}

export async function listDeveloperLogs(
  db: Db,
  scope: readonly string[],
  q: { year?: number; id?: string },
): Promise<DeveloperLog[]> {
  const list = await rows<{
    id: string;
    estate_id: string;
    date: string | Date;
    status: 'planned' | 'held';
    contact: string;
    topic: string;
    outcome: string | null;
    request_ids: string[];
    recorded_by_name: string;
  }>(
    db,
    sql`select d.id, d.estate_id, d.date, d.status, d.contact, d.topic, d.outcome, d.request_ids,
          s.name as recorded_by_name
        from developer_logs d join users s on s.id = d.recorded_by_id
        where d.estate_id = any(${textArray(scope)})
          ${q.year ? sql`and extract(year from d.date) = ${q.year}` : sql``}
          ${q.id ? sql`and d.id = ${q.id}` : sql``}
        order by d.date desc limit 200`,
  );
  const reqs = await linkedRequests(
    db,
    list.flatMap((d) => d.request_ids),
  );
  return list.map((d) => ({
    id: d.id,
    estateId: d.estate_id,
    date: day(d.date),
    status: d.status,
    contact: d.contact,
    topic: d.topic,
    outcome: d.outcome,
    requests: d.request_ids.map((id) => reqs.get(id)).filter((x): x is LinkedRequest => !!x),
    recordedByName: d.recorded_by_name,
  }));
}

// ---- notices --------------------------------------------------------------------------------------

export async function listNotices(
  db: Db,
  scope: readonly string[],
  q: { status?: string; id?: string; page?: number; pageSize?: number },
): Promise<{ items: Notice[]; total: number }> {
  const pageSize = q.pageSize ?? 50;
  const offset = ((q.page ?? 1) - 1) * pageSize;
  const list = await rows<{
    id: string;
    estate_id: string;
    estate_name: string;
    building_ids: string[];
    building_names: string[];
    title: string;
    body: string;
    publish_from: Date;
    publish_until: Date | null;
    status: Notice['status'];
    published_at: Date | null;
    reception_day_id: string | null;
    created_by_name: string;
    created_at: Date;
    version: number;
    total: number;
  }>(
    db,
    sql`select n.id, n.estate_id, e.name as estate_name, n.building_ids,
          array(select b.name from buildings b where b.id = any(n.building_ids) order by b.sort, b.name) as building_names,
          n.title, n.body, n.publish_from, n.publish_until, n.status, n.published_at, n.reception_day_id,
          c.name as created_by_name, n.created_at, n.version, count(*) over ()::int as total
        from notices n join estates e on e.id = n.estate_id join users c on c.id = n.created_by_id
        where n.estate_id = any(${textArray(scope)})
          ${q.status ? sql`and n.status = ${q.status}` : sql``}
          ${q.id ? sql`and n.id = ${q.id}` : sql``}
        order by n.publish_from desc, n.id desc limit ${pageSize} offset ${offset}`,
  );
  return {
    total: list[0]?.total ?? 0,
    items: list.map((n) => ({
      id: n.id,
      estateId: n.estate_id,
      estateName: n.estate_name,
      buildingIds: n.building_ids,
      buildingNames: n.building_names,
      title: n.title,
      body: n.body,
      publishFrom: iso(n.publish_from)!,
      publishUntil: iso(n.publish_until),
      status: n.status,
      publishedAt: iso(n.published_at),
      receptionDayId: n.reception_day_id,
      createdByName: n.created_by_name,
      createdAt: iso(n.created_at)!,
      version: n.version,
    })),
  };
}

// ---- greetings ------------------------------------------------------------------------------------

interface GreetRow {
  resident_id: string;
  resident_name: string;
  estate_id: string;
  unit_label: string | null;
  grade: string;
  mmdd: string | null;
}

const residentUnitLabel = sql`(select b.name || '-' || u.number from resident_units ru join units u on u.id = ru.unit_id
  join buildings b on b.id = u.building_id where ru.resident_id = r.id
  order by case ru.relation when 'owner' then 0 when 'tenant' then 1 else 2 end, u.id limit 1)`;

/** Residents whose birthday (month and day) is one of `mmdds`. */
export async function birthdaysOn(db: Db, scope: readonly string[], mmdds: readonly string[]) {
  return rows<GreetRow>(
    db,
    sql`select r.id as resident_id, r.name as resident_name, r.estate_id, ${residentUnitLabel} as unit_label,
          r.grade, to_char(r.birthday, 'MM-DD') as mmdd
        from residents r where r.estate_id = any(${textArray(scope)}) and r.birthday is not null
          and to_char(r.birthday, 'MM-DD') = any(${textArray(mmdds)})
        order by to_char(r.birthday, 'MM-DD'), r.name limit 500`,
  );
}

/** The residents greeted at festivals: grade A (the VIP families' 亲情服务, seed 004 第三十三条). */
export async function festivalResidents(db: Db, scope: readonly string[]) {
  return rows<GreetRow>(
    db,
    sql`select r.id as resident_id, r.name as resident_name, r.estate_id, ${residentUnitLabel} as unit_label,
          r.grade, null as mmdd
        from residents r where r.estate_id = any(${textArray(scope)}) and r.grade = 'A'
        order by r.name limit 300`,
  );
}

export async function greetingsDone(db: Db, residentIds: readonly string[], years: readonly number[]) {
  if (residentIds.length === 0) return new Map<string, NonNullable<GreetingDue['greeting']>>();
  const list = await rows<{
    resident_id: string;
    occasion: string;
    year: number;
    greeted_at: Date;
    by_name: string;
    method: GreetingDue['greeting'] extends infer G ? (G extends { method: infer M } ? M : never) : never;
    note: string | null;
  }>(
    db,
    sql`select g.resident_id, g.occasion, g.year, g.greeted_at, s.name as by_name, g.method, g.note
        from greetings g join users s on s.id = g.greeted_by_id
        where g.resident_id = any(${textArray(residentIds)}) and g.year = any(${sql`array[${sql.join(
          years.map((y) => sql`${y}::int`),
          sql`, `,
        )}]`})`,
  );
  return new Map(
    list.map((g) => [
      `${g.resident_id}:${g.occasion}:${g.year}`,
      { at: iso(g.greeted_at)!, byName: g.by_name, method: g.method, note: g.note },
    ]),
  );
}
