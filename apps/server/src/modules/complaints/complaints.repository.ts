/**
 * The complaint block of a request's detail, read as JSON subqueries of the detail's one statement
 * (requests.detail.ts), and turned into the contract's shape here.
 */
import {
  COMPLAINT_GRADES,
  type ComplaintEventItem,
  type ComplaintFlag,
  type ComplaintGrade,
  type ComplaintLink,
  type ComplaintMood,
  type ComplaintValidity,
  type ComplaintView,
  type GradeChange,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';

export interface ComplaintJson {
  event_at: string | null;
  event_place: string | null;
  subject_person: string | null;
  subject_department_id: string | null;
  subject_department_name: string | null;
  resident_wants: string | null;
  mood: string | null;
  validity: string | null;
  validity_note: string | null;
  solving_party: string | null;
  classified_at: string | null;
  classified_by_id: string | null;
  grade: string;
  grade_source: string;
  flags: string[];
  agreed_reply_at: string | null;
  answer_method: string | null;
  answer_text: string | null;
  answered_at: string | null;
  responsible_user_id: string | null;
  responsible_name: string | null;
  supervisor_user_id: string | null;
  supervisor_name: string | null;
  collective_event_id: string | null;
  result_method: string | null;
  result_text: string | null;
  resident_opinion: string | null;
  root_cause: string | null;
  corrective_action: string | null;
  company_callback_id: string | null;
  company_callback_at: string | null;
  company_callback_by_id: string | null;
  company_callback_by_name: string | null;
}

export interface ComplaintLinkJson {
  request_id: string;
  number: string;
  status: string;
  score: number | null;
  how: string;
  unit_label: string | null;
  description: string;
  received_at: string;
  state: string;
}

/** The complaint row of request `id` (null for other types, or a complaint from before the module). */
export function complaintOfRequestJson(id: SQL): SQL {
  return sql`(select row_to_json(x) from (
      select c.*, sd.name as subject_department_name, ru.name as responsible_name, su.name as supervisor_name,
        cu.name as company_callback_by_name
      from complaints c
      left join departments sd on sd.id = c.subject_department_id
      left join users cu on cu.id = c.company_callback_by_id
      left join users ru on ru.id = c.responsible_user_id
      left join users su on su.id = c.supervisor_user_id
      where c.request_id = ${id}) x)`;
}

/** The complaint's same-issue links, confirmed and proposed, newest first. */
export function complaintLinksJson(id: SQL): SQL {
  return sql`(select coalesce(json_agg(row_to_json(x) order by x.received_at desc), '[]') from (
      select o.id as request_id, o.number, l.status, l.score, l.how, o.description, o.received_at, o.state,
        coalesce((select b.name || '-' || u.number from units u join buildings b on b.id = u.building_id
                  where u.id = o.unit_id), o.location_text) as unit_label
      from complaint_links l
      join requests o on o.id = case when l.a = ${id} then l.b else l.a end
      where (l.a = ${id} or l.b = ${id}) and l.status in ('linked', 'proposed')) x)`;
}

/** The complaint's escalation memos in order, with who wrote and who decided each. */
export function complaintMemosJson(id: SQL): SQL {
  return sql`(select coalesce(json_agg(row_to_json(x) order by x.created_at, x.id), '[]') from (
      select m.id, m.level, m.to_role, m.question, m.proposals, m.created_by_id, cu.name as created_by_name,
        m.created_at, m.status, m.decision, du.name as decided_by_name, m.decided_at
      from complaint_memos m
      join users cu on cu.id = m.created_by_id
      left join users du on du.id = m.decided_by_id
      where m.request_id = ${id}) x)`;
}

export interface MemoJson {
  id: string;
  level: number;
  to_role: string;
  question: string;
  proposals: { remedy: string; costFen?: number | null }[];
  created_by_id: string;
  created_by_name: string;
  created_at: string;
  status: string;
  decision: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
}

const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());

interface TimelineEvent {
  action: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown> | null;
}

/** The detail's `complaint` block; the grade history is the timeline's `complaint_grade` events. */
export function complaintFromJson(
  c: ComplaintJson | null,
  links: ComplaintLinkJson[],
  events: TimelineEvent[],
  memos: MemoJson[] = [],
): ComplaintView {
  const gradeHistory: GradeChange[] = events
    .filter((e) => e.action === 'complaint_grade')
    .map((e) => ({
      at: e.at,
      from: (e.data?.from as ComplaintGrade | undefined) ?? null,
      to: e.data?.to as ComplaintGrade,
      rule: (e.data?.rule as string | null | undefined) ?? null,
      byId: e.data?.rule ? null : e.actorId,
      byName: e.data?.rule ? null : e.actorName,
      reason: (e.data?.reason as string | null | undefined) ?? null,
    }));
  const linkViews: ComplaintLink[] = links.map((l) => ({
    requestId: l.request_id,
    number: l.number,
    status: l.status as ComplaintLink['status'],
    score: l.score,
    how: l.how as ComplaintLink['how'],
    unitLabel: l.unit_label,
    description: l.description,
    receivedAt: iso(l.received_at)!,
    state: l.state,
  }));
  return {
    eventAt: iso(c?.event_at ?? null),
    eventPlace: c?.event_place ?? null,
    subjectPerson: c?.subject_person ?? null,
    subjectDepartmentId: c?.subject_department_id ?? null,
    subjectDepartmentName: c?.subject_department_name ?? null,
    residentWants: c?.resident_wants ?? null,
    mood: (c?.mood as ComplaintMood | null) ?? null,
    validity: (c?.validity as ComplaintValidity | null) ?? null,
    validityNote: c?.validity_note ?? null,
    solvingParty: c?.solving_party ?? null,
    classifiedAt: iso(c?.classified_at ?? null),
    classifiedById: c?.classified_by_id ?? null,
    grade: (c?.grade as ComplaintGrade | undefined) ?? 'general',
    gradeSource: c?.grade_source === 'manual' ? 'manual' : 'rule',
    flags: (c?.flags ?? []) as ComplaintFlag[],
    gradeHistory,
    agreedReplyAt: iso(c?.agreed_reply_at ?? null),
    answer:
      c?.answer_method && c.answer_text
        ? { method: c.answer_method as 'oral', text: c.answer_text, at: iso(c.answered_at)! }
        : null,
    responsibleUserId: c?.responsible_user_id ?? null,
    responsibleName: c?.responsible_name ?? null,
    supervisorUserId: c?.supervisor_user_id ?? null,
    supervisorName: c?.supervisor_name ?? null,
    collectiveEventId: c?.collective_event_id ?? null,
    linkedRequestIds: linkViews.filter((l) => l.status === 'linked').map((l) => l.requestId),
    links: linkViews,
    memos: memos.map((m) => ({
      id: m.id,
      level: m.level,
      toRole: m.to_role,
      question: m.question,
      proposals: m.proposals.map((p) => ({ remedy: p.remedy, costFen: p.costFen ?? null })),
      createdById: m.created_by_id,
      createdByName: m.created_by_name,
      createdAt: iso(m.created_at)!,
      status: m.status as 'open',
      decision: m.decision,
      decidedByName: m.decided_by_name,
      decidedAt: iso(m.decided_at),
    })),
    result:
      c?.result_method && c.result_text
        ? {
            method: c.result_method as 'oral',
            text: c.result_text,
            residentOpinion: c.resident_opinion,
            rootCause: c.root_cause,
            correctiveAction: c.corrective_action,
          }
        : null,
    companyCallback:
      c?.company_callback_id && c.company_callback_at && c.company_callback_by_id
        ? {
            callbackId: c.company_callback_id,
            at: iso(c.company_callback_at)!,
            byId: c.company_callback_by_id,
            byName: c.company_callback_by_name,
          }
        : null,
  };
}

interface EventRow {
  id: string;
  estate_id: string;
  created_at: Date;
  people: number;
  members: { id: string; number: string; received_at: string; description: string; grade: string }[];
  households: { unit_id: string; unit_label: string; building_name: string; floor: number | null }[];
}

/** GET /api/complaint-events: collective events of these estates, newest first, with their households. */
export async function listComplaintEvents(
  db: Db,
  scope: { companyId: string; estateIds: string[] },
): Promise<ComplaintEventItem[]> {
  if (scope.estateIds.length === 0) return [];
  const list = await rows<EventRow>(
    db,
    sql`select ev.id, ev.estate_id, ev.created_at, ev.people,
          (select coalesce(json_agg(json_build_object('id', q.id, 'number', q.number, 'received_at', q.received_at,
                    'description', q.description, 'grade', c.grade) order by q.received_at, q.id), '[]')
             from complaints c join requests q on q.id = c.request_id
             where c.collective_event_id = ev.id) as members,
          (select coalesce(json_agg(h order by h.building_name, h.floor nulls last, h.unit_label), '[]') from (
             select distinct u.id as unit_id, b.name || '-' || u.number as unit_label, b.name as building_name,
               u.floor
             from complaints c join requests q on q.id = c.request_id
             join units u on u.id = q.unit_id join buildings b on b.id = u.building_id
             where c.collective_event_id = ev.id) h) as households
        from complaint_events ev
        where ev.company_id = ${scope.companyId} and ev.estate_id in ${scope.estateIds}
        order by ev.created_at desc
        limit 200`,
  );
  return list.map((e) => {
    const grades = e.members.map((m) => m.grade as ComplaintGrade);
    const top = grades.reduce<ComplaintGrade>(
      (a, g) => (COMPLAINT_GRADES.indexOf(g) > COMPLAINT_GRADES.indexOf(a) ? g : a),
      'general',
    );
    return {
      id: e.id,
      estateId: e.estate_id,
      requestIds: e.members.map((m) => m.id),
      requests: e.members.map((m) => ({ id: m.id, number: m.number })),
      households: e.households.map((h) => ({
        unitId: h.unit_id,
        unitLabel: h.unit_label,
        buildingName: h.building_name,
        floor: h.floor,
      })),
      peopleCount: e.people,
      createdAt: new Date(e.created_at).toISOString(),
      summary: e.members[0]?.description ?? '',
      grade: top,
    };
  });
}
