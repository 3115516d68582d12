/**
 * Complaints for the monthly complaint analysis (投诉分析) and the complaint KPIs, taken and handled
 * through the real use cases at their own times: a problem that comes back — residents' spaces in the
 * underground car park taken by outside cars, twice last month and twice this month, the closed ones with
 * their root cause and corrective action — and leaks at 2栋 this month, one handled after its 2-day
 * clock ran out and one still open. Callbacks reach the residents of the handled car-park complaints.
 * Deterministic for a given day; this month's steps are squeezed into the time since the month began.
 */
import type { CreateRequestBody, RequestDetail, TransitionBody } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { createCalendarStore } from '../modules/calendar/calendar.usecases.ts';
import { patchComplaint } from '../modules/complaints/complaints.usecases.ts';
import { clockMathsFor, usesWorkingDays } from '../modules/requests/requests.sla.ts';
import {
  createRequest,
  type RequestDeps,
  recordCallback,
  transitionRequest,
} from '../modules/requests/requests.usecases.ts';
import { effectiveSlaSettings } from '../modules/settings/settings.usecases.ts';
import type { Actor } from '../platform/access.ts';
import { type Db, rows } from '../platform/db.ts';
import { wallTime, zonedInstant } from '../platform/sla-time.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Home {
  unit_id: string;
  resident_id: string;
}

/** The month before a YYYY-MM month. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function complaintAnalysisDemo(db: Db, companyId: string, now: Date): Promise<void> {
  const people = await rows<{
    id: string;
    username: string;
    name: string;
    roles: string[];
    department_id: string | null;
    estate_id: string;
    time_zone: string;
  }>(
    db,
    sql`select u.id, u.username, u.name, u.roles, u.department_id, ue.estate_id, e.time_zone
        from users u join user_estates ue on ue.user_id = u.id join estates e on e.id = ue.estate_id
        where u.company_id = ${companyId} and u.username in ('agent', 'supervisor', 'steward', 'tech')`,
  );
  const actor = (username: string): Actor => {
    const p = people.find((x) => x.username === username)!;
    return {
      userId: p.id,
      username: p.username,
      name: p.name,
      companyId,
      companyName: '',
      roles: p.roles as Actor['roles'],
      departmentId: p.department_id,
      locale: 'zh-CN',
      estateIds: [p.estate_id],
      companyWide: false,
      sessionId: 'demo-seed',
      via: 'bearer',
      csrfToken: '',
    };
  };
  if (people.length < 4) return;
  const agent = actor('agent');
  const supervisor = actor('supervisor');
  const steward = actor('steward');
  const tech = actor('tech');
  const estateId = agent.estateIds[0]!;
  const tz = people[0]!.time_zone;

  const [ref] = await rows<{
    parking: string;
    leak: string;
    car_park: string;
    service: string;
    engineering: string;
  }>(
    db,
    sql`select
          (select id from categories where company_id = ${companyId} and type = 'complaint' and code = 'parking') as parking,
          (select id from categories where company_id = ${companyId} and type = 'complaint' and code = 'leak') as leak,
          (select id from locations where estate_id = ${estateId} and name = '地下停车场') as car_park,
          (select id from departments where estate_id = ${estateId} and kind = 'customer_service') as service,
          (select id from departments where estate_id = ${estateId} and kind = 'engineering') as engineering`,
  );
  const homes = async (building: string) =>
    rows<Home>(
      db,
      sql`select u.id as unit_id,
            (select ru.resident_id from resident_units ru where ru.unit_id = u.id order by ru.relation limit 1) as resident_id
          from units u join buildings b on b.id = u.building_id
          where b.estate_id = ${estateId} and b.name = ${building}
            and exists (select 1 from resident_units ru where ru.unit_id = u.id)
          order by u.floor desc, u.number`,
    );
  const drivers = await homes('4栋');
  const b2 = await homes('2栋');
  if (!ref?.parking || !ref.leak || !ref.car_park || drivers.length < 4 || b2.length < 2) return;

  // One clock the steps move forward; every use case reads it.
  let at = now;
  const calendars = createCalendarStore(db);
  const deps: RequestDeps = {
    db,
    clock: { now: () => at },
    clockRulesFor: async (tx, estate) => {
      const rules = await effectiveSlaSettings(tx, estate.id);
      const calendar = usesWorkingDays(rules) ? await calendars.forCompany(estate.companyId, tx) : undefined;
      return { rules, maths: clockMathsFor(estate.timeZone, rules, calendar) };
    },
  };

  /**
   * A complaint taken at `start` and walked through `plan` — each step at its offset from the intake,
   * the offsets squeezed (never stretched) so the last one falls before `until`.
   */
  async function complaint(
    start: Date,
    until: Date,
    body: Omit<CreateRequestBody, 'estateId' | 'channel' | 'type'>,
    plan: [number, (r: RequestDetail) => Promise<RequestDetail>][],
  ) {
    const last = plan.at(-1)?.[0] ?? 0;
    // Never past now, and never before the intake (a start moved into office hours may pass `until`).
    const end = Math.min(Math.max(until.getTime(), start.getTime() + 3 * HOUR), now.getTime() - MIN);
    const room = Math.max(end - start.getTime(), 1);
    const squeeze = last > 0 && last > room ? room / last : 1;
    at = start;
    let r = (await createRequest(deps, agent, { estateId, channel: 'phone', type: 'complaint', ...body }))
      .body;
    for (const [offset, step] of plan) {
      at = new Date(start.getTime() + Math.round(offset * squeeze));
      r = await step(r);
    }
    return r;
  }

  const move = (who: Actor, body: Record<string, unknown>) => (r: RequestDetail) =>
    transitionRequest(deps, who, r.id, { version: r.version, ...body } as TransitionBody);
  const classEffective = (r: RequestDetail) =>
    patchComplaint(deps, supervisor, r.id, { version: r.version, validity: 'effective' });
  /** The resident contacted, a reply agreed `replyIn` later. */
  const contact = (replyIn: number) => (r: RequestDetail) =>
    patchComplaint(deps, supervisor, r.id, {
      version: r.version,
      agreedReplyAt: new Date(at.getTime() + replyIn).toISOString(),
    });
  const answer = (text: string) => (r: RequestDetail) =>
    patchComplaint(deps, supervisor, r.id, { version: r.version, answer: { method: 'oral', text } });
  const callBack = (comment: string) => async (r: RequestDetail) =>
    recordCallback(deps, supervisor, r.id, {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
      stars: 5,
      comment,
    });
  const complete = (who: Actor, workDone: string) =>
    move(who, { action: 'complete', workDone, chargeable: false, residentConfirmation: { method: 'phone' } });
  const close = (result: string, rootCause: string, correctiveAction: string) =>
    move(agent, {
      action: 'close',
      resultGiven: { method: 'oral', text: result },
      rootCause,
      correctiveAction,
    });

  /** An effective car-park complaint handled by the steward, answered, called back and closed. */
  const carParkHandled = (text: { result: string; cause: string; action: string }) =>
    [
      [15 * MIN, classEffective],
      [40 * MIN, contact(6 * HOUR)],
      [50 * MIN, move(agent, { action: 'dispatch', departmentId: ref.service, assigneeId: steward.userId })],
      [55 * MIN, move(steward, { action: 'accept' })],
      [75 * MIN, move(steward, { action: 'arrive' })],
      [3 * HOUR, answer(text.result)],
      [3 * HOUR + 10 * MIN, complete(steward, text.result)],
      [DAY, callBack('业主表示车位已恢复正常使用，对处理结果满意')],
      [DAY + 20 * MIN, close(text.result, text.cause, text.action)],
    ] as [number, (r: RequestDetail) => Promise<RequestDetail>][];
  const resident = (h: Home) => ({ unitId: undefined, residentId: h.resident_id });

  const month = wallTime(now, tz).date.slice(0, 7);
  const monthStart = zonedInstant(`${month}-01`, 0, tz);
  const lastMonthStart = zonedInstant(`${previousMonth(month)}-01`, 0, tz);
  const day = (from: Date, days: number, hhmm: number) => new Date(from.getTime() + days * DAY + hhmm * MIN);

  // Last month: twice in the car park, both closed with what was done about it.
  await complaint(
    day(lastMonthStart, 4, 9 * 60 + 20),
    monthStart,
    {
      ...resident(drivers[0]!),
      locationId: ref.car_park,
      categoryId: ref.parking,
      description: '我的固定车位又被外来车辆占了，晚上回来没地方停',
    },
    carParkHandled({
      result: '已联系车主将车挪走，并向业主致歉',
      cause: '门岗对外来车辆登记放行不严，车库缺少巡查',
      action: '外来车辆一律登记车牌并限时停放；秩序维护员每 2 小时巡查车库一次，发现占位立即联系车主挪车',
    }),
  );
  await complaint(
    day(lastMonthStart, 13, 19 * 60 + 40),
    monthStart,
    {
      ...resident(drivers[1]!),
      locationId: ref.car_park,
      categoryId: ref.parking,
      description: '车库B区业主车位被陌生车辆堵住，打电话给门岗也没人来处理',
    },
    carParkHandled({
      result: '秩序维护员到场联系车主挪车，已向业主说明加强管理的措施',
      cause: '夜间巡更路线未覆盖车库B区，门岗接报后未及时派人',
      action: '车库B区纳入夜间巡更点并加装监控；门岗接到占位报告须 10 分钟内到场',
    }),
  );

  // This month, between its start and now, taken in the order of their intake (their numbers follow it).
  const span = now.getTime() - monthStart.getTime();
  /** A share of the time since the month began, moved into office hours on its day when that is still past. */
  const within = (f: number) => {
    const t = new Date(monthStart.getTime() + Math.round(span * f));
    const { date, timeMs } = wallTime(t, tz);
    if (timeMs >= 8 * HOUR && timeMs < 20 * HOUR) return t;
    const office = zonedInstant(date, 9 * HOUR + (timeMs % HOUR), tz);
    return timeMs < 8 * HOUR && office < now ? office : t;
  };
  // A leak at 2栋 handled only after its 2-day resolve clock ran out (when the month is old enough).
  const lateStart = within(0.05);
  const lateRoom = within(0.9).getTime() - lateStart.getTime();
  await complaint(
    lateStart,
    within(0.9),
    {
      unitId: b2[0]!.unit_id,
      residentId: b2[0]!.resident_id,
      categoryId: ref.leak,
      description: '卫生间天花板渗水，楼上说不是他家的问题',
    },
    [
      [10 * MIN, classEffective],
      [30 * MIN, contact(Math.min(2 * DAY, Math.max(lateRoom - 31 * MIN, MIN)))],
      [40 * MIN, move(agent, { action: 'dispatch', departmentId: ref.engineering, assigneeId: tech.userId })],
      [50 * MIN, move(tech, { action: 'accept' })],
      [2 * HOUR, move(tech, { action: 'arrive' })],
      [
        lateRoom > 3 * DAY ? 2 * DAY + 6 * HOUR : 3 * HOUR,
        complete(tech, '楼上卫生间防水层破损，重做防水并闭水试验 48 小时'),
      ],
    ],
  );
  await complaint(
    within(0.1),
    within(0.45),
    {
      ...resident(drivers[2]!),
      locationId: ref.car_park,
      categoryId: ref.parking,
      description: '地下停车场业主车位被外来车辆占用，已经不是第一次了',
    },
    carParkHandled({
      result: '已联系车主挪车；外来车辆登记与限时停放规定已在门岗重新公示',
      cause: '新到岗门岗人员不熟悉外来车辆登记规定',
      action: '门岗新人上岗前培训车辆管理规定，主管每周抽查外来车辆登记表',
    }),
  );
  // Another household of 2栋, still being handled; and the car park once more, contacted, waiting.
  await complaint(
    within(0.6),
    within(0.7),
    {
      unitId: b2[1]!.unit_id,
      residentId: b2[1]!.resident_id,
      categoryId: ref.leak,
      description: '厨房外墙一下雨就往里渗水',
    },
    [
      [15 * MIN, move(agent, { action: 'dispatch', departmentId: ref.engineering, assigneeId: tech.userId })],
      [25 * MIN, move(tech, { action: 'accept' })],
    ],
  );
  await complaint(
    within(0.8),
    within(0.95),
    {
      ...resident(drivers[3]!),
      locationId: ref.car_park,
      categoryId: ref.parking,
      description: '停车场出入口总有车辆乱停，挡住业主车位进出',
    },
    [
      [15 * MIN, classEffective],
      [30 * MIN, contact(DAY)],
    ],
  );
}
