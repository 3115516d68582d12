/**
 * The demo's complaints beyond their requests: for the random history, the complaint record (class set
 * by the supervisor within the hour, the result given and — for effective ones — the root cause and
 * corrective action on closing) and the complaint clocks it implies; then, through the real intake,
 * yesterday's collective complaint: five households of 3栋 calling about the same renovation noise, which
 * the system links, raises to hot and forms into a collective event.
 */
import { SLA_DEFAULTS } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { createCalendarStore } from '../modules/calendar/calendar.usecases.ts';
import type { complaints } from '../modules/complaints/complaints.table.ts';
import { clockMathsFor, usesWorkingDays } from '../modules/requests/requests.sla.ts';
import type { callbacks, requestDeadlines, requests } from '../modules/requests/requests.table.ts';
import { createRequest } from '../modules/requests/requests.usecases.ts';
import { effectiveSlaSettings } from '../modules/settings/settings.usecases.ts';
import type { Actor } from '../platform/access.ts';
import type { EventInput } from '../platform/audit.ts';
import { type Db, rows } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { addCivilDays, timeOfDayMs, wallTime, zonedInstant } from '../platform/sla-time.ts';
import { Random } from './random.ts';

type RequestRow = typeof requests.$inferInsert;
type ComplaintRow = typeof complaints.$inferInsert;
type DeadlineRow = typeof requestDeadlines.$inferInsert;
type CallbackRow = typeof callbacks.$inferInsert;

const MIN = 60_000;
const DAY = 86_400_000;

const RESULTS = [
  '已向业主说明情况并致歉，相关人员已整改',
  '已安排主管上门沟通，业主表示理解',
  '已协调相关部门处理完毕，业主确认满意',
  '已书面回复业主处理结果',
];
const CAUSES = [
  '岗位人员服务意识不足，未按规范答复业主',
  '巡查不到位，问题未及时发现',
  '部门之间交接不清，处理延误',
];
const ACTIONS = [
  '对岗位人员进行服务规范培训，纳入月度考核',
  '增加巡查频次并建立问题跟踪台账',
  '明确工单交接流程，主管每日核查未完成工单',
];
const PARTIES = ['发展商', '市政部门', '供电局', '燃气公司'];
const INVALID_NOTES = ['已向业主耐心解释相关规定，业主表示理解', '经核实不属于管理处职责范围，已向业主说明'];
const COMPANY_CALLBACK_WORDS = [
  '处理结果满意，管理处态度很好',
  '问题已经解决，感谢公司回访',
  '处理还算及时，希望以后不再发生',
  '基本解决了，但等的时间有点长',
];

/**
 * Complaint records and clocks for the seeded history (a deterministic draw of its own), and the company
 * complaint centre's callbacks (公司回访) of most complaints closed over a week ago — the recent ones are
 * still on its list.
 */
export function historicalComplaints(
  list: readonly RequestRow[],
  timeline: readonly EventInput[],
  users: Record<string, string>,
  now: Date,
): { complaints: ComplaintRow[]; deadlines: DeadlineRow[]; events: EventInput[]; callbacks: CallbackRow[] } {
  const rnd = new Random(11_2026_1122);
  const completedAt = new Map<string, Date>();
  for (const e of timeline)
    if (e.entityType === 'request' && e.action === 'complete') completedAt.set(e.entityId, e.at);
  const out = {
    complaints: [] as ComplaintRow[],
    deadlines: [] as DeadlineRow[],
    events: [] as EventInput[],
    callbacks: [] as CallbackRow[],
  };
  for (const r of list) {
    if (r.type !== 'complaint') continue;
    const received = new Date(r.receivedAt);
    const classifiedAt = new Date(received.getTime() + rnd.int(15, 55) * MIN);
    const classified = r.state !== 'new' && classifiedAt < now;
    const validity = classified
      ? (rnd.pick(['effective', 'effective', 'assisted', 'invalid'] as const) ?? null)
      : null;
    const closed = r.state === 'closed';
    const row: ComplaintRow = {
      requestId: r.id!,
      companyId: r.companyId,
      estateId: r.estateId,
      grade: 'general',
      gradeSource: 'rule',
      responsibleUserId: users.supervisor ?? null,
      supervisorUserId: users.eng_lead ?? null,
      validity,
      classifiedAt: classified ? classifiedAt : null,
      classifiedById: classified ? (users.supervisor ?? null) : null,
      solvingParty: validity === 'assisted' ? rnd.pick(PARTIES) : null,
      validityNote: validity === 'invalid' ? rnd.pick(INVALID_NOTES) : null,
      resultMethod: closed ? rnd.pick(['oral', 'written'] as const) : null,
      resultText: closed ? rnd.pick(RESULTS) : null,
      rootCause: closed && validity === 'effective' ? rnd.pick(CAUSES) : null,
      correctiveAction: closed && validity === 'effective' ? rnd.pick(ACTIONS) : null,
    };
    // An effective one: the resident contacted within the 2 hours and a reply time agreed.
    const contactedAt =
      validity === 'effective' ? new Date(classifiedAt.getTime() + rnd.int(20, 100) * MIN) : null;
    if (contactedAt && contactedAt < now) row.agreedReplyAt = new Date(classifiedAt.getTime() + DAY);
    out.complaints.push(row);
    const handledAt = completedAt.get(r.id!) ?? (closed && r.closedAt ? new Date(r.closedAt) : null);
    const centre = users.admin;
    if (
      closed &&
      handledAt &&
      centre &&
      now.getTime() - handledAt.getTime() > 7 * DAY &&
      rnd.int(0, 99) < 70
    ) {
      const at = new Date(handledAt.getTime() + rnd.int(1, 4) * DAY + rnd.int(0, 300) * MIN);
      const satisfaction = rnd.int(0, 99) < 85 ? 'satisfied' : 'fair';
      const callbackId = newId(at.getTime());
      out.callbacks.push({
        id: callbackId,
        companyId: r.companyId,
        estateId: r.estateId,
        requestId: r.id!,
        byId: centre,
        at,
        method: 'phone',
        reached: true,
        satisfaction,
        stars: satisfaction === 'satisfied' ? 5 : 3,
        comment: rnd.pick(COMPANY_CALLBACK_WORDS),
      });
      row.companyCallbackId = callbackId;
      row.companyCallbackAt = at;
      row.companyCallbackById = centre;
      out.events.push({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: r.id!,
        action: 'callback',
        actorId: centre,
        at,
        data: { method: 'phone', reached: true, satisfaction, callbackId, level: 'company' },
      });
    }
    if (classified)
      out.events.push({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: r.id!,
        action: 'complaint_classify',
        actorId: users.supervisor ?? null,
        at: classifiedAt,
        data: { from: null, to: validity, note: row.validityNote, solvingParty: row.solvingParty },
      });
    const clock = (kind: string, windowMs: number, metAt: Date | null): DeadlineRow => {
      const due = new Date(received.getTime() + windowMs);
      const over = r.state === 'cancelled' || (closed && !metAt);
      return {
        id: newId(received.getTime()),
        companyId: r.companyId,
        estateId: r.estateId,
        requestId: r.id!,
        kind,
        startedAt: received,
        dueAt: due,
        warnAt: new Date(received.getTime() + windowMs * SLA_DEFAULTS.warningFraction),
        status: metAt ? (metAt <= due ? 'met' : 'missed') : over ? 'cancelled' : 'pending',
        metAt,
      };
    };
    if (contactedAt && row.agreedReplyAt) {
      const contact = clock('complaint_contact', SLA_DEFAULTS.complaintContactMinutes * MIN, contactedAt);
      // The contact clock runs from the classing, not the intake.
      contact.startedAt = classifiedAt;
      contact.dueAt = new Date(classifiedAt.getTime() + SLA_DEFAULTS.complaintContactMinutes * MIN);
      contact.warnAt = new Date(
        classifiedAt.getTime() + SLA_DEFAULTS.complaintContactMinutes * MIN * SLA_DEFAULTS.warningFraction,
      );
      contact.status = 'met';
      out.deadlines.push(contact);
      const done = completedAt.get(r.id!) ?? null;
      const reply = clock('complaint_reply', row.agreedReplyAt.getTime() - received.getTime(), done);
      out.deadlines.push(reply);
      out.events.push({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: r.id!,
        action: 'complaint_contact',
        actorId: users.supervisor ?? null,
        at: contactedAt,
        data: { agreedReplyAt: row.agreedReplyAt.toISOString() },
      });
    }
    out.deadlines.push(
      clock('complaint_report', SLA_DEFAULTS.complaintReportMinutes * MIN, classified ? classifiedAt : null),
      clock(
        'complaint_resolve',
        SLA_DEFAULTS.complaintResolveDays.general * DAY,
        completedAt.get(r.id!) ?? (closed && r.closedAt ? new Date(r.closedAt) : null),
      ),
    );
  }
  return out;
}

const NOISE_CALLS = [
  { number: '901', text: '楼上装修电钻噪音太大，中午也在施工，家里老人没法休息' },
  { number: '902', text: '楼上装修噪音很大，中午施工电钻声影响休息' },
  { number: '903', text: '邻居家装修，中午电钻噪音不停，孩子午睡被吵醒' },
  { number: '1001', text: '装修噪音严重，中午一直在用电钻，影响休息' },
  { number: '1002', text: '楼上装修电钻声音很吵，中午不让人休息，希望管理处处理' },
];

/**
 * Yesterday afternoon's collective complaint, taken through the real intake at the times of the calls:
 * the same-issue links, the grade (hot at the third complainant), the collective event and its
 * notifications are the system's own.
 */
export async function collectiveNoiseComplaint(db: Db, companyId: string, now: Date): Promise<void> {
  const [agent] = await rows<{ id: string; name: string; estate_id: string; time_zone: string }>(
    db,
    sql`select u.id, u.name, ue.estate_id, e.time_zone from users u
        join user_estates ue on ue.user_id = u.id join estates e on e.id = ue.estate_id
        where u.company_id = ${companyId} and u.username = 'agent' limit 1`,
  );
  if (!agent) return;
  const homes = await rows<{
    unit_id: string;
    number: string;
    resident_id: string | null;
    name: string | null;
  }>(
    db,
    sql`select u.id as unit_id, u.number,
          (select ru.resident_id from resident_units ru where ru.unit_id = u.id order by ru.relation limit 1) as resident_id,
          (select r.name from resident_units ru join residents r on r.id = ru.resident_id
            where ru.unit_id = u.id order by ru.relation limit 1) as name
        from units u join buildings b on b.id = u.building_id
        where b.estate_id = ${agent.estate_id} and b.name = '3栋'`,
  );
  const [category] = await rows<{ id: string }>(
    db,
    sql`select id from categories where company_id = ${companyId} and type = 'complaint' and code = 'noise_decoration'`,
  );
  const actor: Actor = {
    userId: agent.id,
    username: 'agent',
    name: agent.name,
    companyId,
    companyName: '',
    roles: ['cs_agent'],
    departmentId: null,
    locale: 'zh-CN',
    estateIds: [agent.estate_id],
    companyWide: false,
    sessionId: 'demo-seed',
    via: 'bearer',
    csrfToken: '',
  };
  const calendars = createCalendarStore(db);
  // Yesterday from 13:10 local time, a call every 20 minutes.
  const yesterday = addCivilDays(wallTime(now, agent.time_zone).date, -1);
  const start = zonedInstant(yesterday, timeOfDayMs('13:10'), agent.time_zone);
  for (const [i, call] of NOISE_CALLS.entries()) {
    const home = homes.find((h) => h.number === call.number);
    if (!home) continue;
    const at = new Date(start.getTime() + i * 20 * MIN);
    await createRequest(
      {
        db,
        clock: { now: () => at },
        clockRulesFor: async (tx, estate) => {
          const rules = await effectiveSlaSettings(tx, estate.id);
          const calendar = usesWorkingDays(rules)
            ? await calendars.forCompany(estate.companyId, tx)
            : undefined;
          return { rules, maths: clockMathsFor(estate.timeZone, rules, calendar) };
        },
      },
      actor,
      {
        estateId: agent.estate_id,
        unitId: home.unit_id,
        residentId: home.resident_id ?? undefined,
        reporter: home.resident_id
          ? undefined
          : { name: `3栋${call.number}住户`, phone: `1391234${String(5600 + i)}` },
        channel: 'phone',
        type: 'complaint',
        categoryId: category?.id,
        description: call.text,
        complaint:
          i === 0
            ? {
                eventPlace: '3栋10楼',
                subjectPerson: '1003 装修施工队',
                residentWants: '要求中午 12:00–14:00 停止施工，并出具装修管理规定',
                mood: 'upset',
              }
            : undefined,
      },
    );
  }
}
