/**
 * The demo's service-desk day, on top of the random history: orders waiting on the engineering
 * department's board, repairs whose fees were collected (some confirmed by the cashier, one still to
 * collect), last night's requests for the morning hand-over and the record of the previous morning's.
 * Fixed content at times relative to the moment of seeding, so the pages show the same story each time.
 */
import type { RequestType } from '@wuye/contracts';
import type { nightHandovers } from '../modules/handover/handover.table.ts';
import type { requestPayments } from '../modules/payments/payments.table.ts';
import type { requests } from '../modules/requests/requests.table.ts';
import type { EventInput } from '../platform/audit.ts';
import { newId } from '../platform/ids.ts';
import { addCivilDays, timeOfDayMs, wallTime, zonedInstant } from '../platform/sla-time.ts';
import { isNight } from '../platform/time.ts';

type RequestRow = typeof requests.$inferInsert;
type PaymentRow = typeof requestPayments.$inferInsert;
type HandoverRow = typeof nightHandovers.$inferInsert;

export interface DeskDemoContext {
  companyId: string;
  estateId: string;
  now: Date;
  timeZone: string;
  /** username → user id */
  users: Record<string, string>;
  /** department kind → department id (of the estate) */
  department(kind: string): string;
  /** An occupied unit of the estate with its main resident (the given one, or the building's first). */
  unit(
    building: string,
    number: string,
  ): { id: string; resident: { id: string; name: string; phone: string } };
  category(type: RequestType, code: string): string | null;
  /** The next request number of that type on the local day of `at`. */
  number(type: RequestType, at: Date): string;
  /** The requests seeded so far (the random history), to find the previous night's. */
  history: readonly RequestRow[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Step {
  action: string;
  at: Date;
  by: string;
  data?: Record<string, unknown>;
}

export function deskDemo(c: DeskDemoContext) {
  const requestRows: RequestRow[] = [];
  const eventRows: EventInput[] = [];
  const paymentRows: PaymentRow[] = [];
  const handoverRows: HandoverRow[] = [];
  const T = c.now.getTime();
  const ago = (ms: number) => new Date(T - ms);
  const u = c.users;
  const eng = c.department('engineering');

  // The morning of the last night that has ended (today's once past 08:30, else yesterday's).
  const wall = wallTime(c.now, c.timeZone);
  const morning = wall.timeMs >= timeOfDayMs('08:30') ? wall.date : addCivilDays(wall.date, -1);
  const at = (date: string, hhmm: string) => zonedInstant(date, timeOfDayMs(hhmm), c.timeZone);
  // `ms` ago (under 91 minutes), or — when that was yesterday, a demo started just after midnight —
  // the same share of today so far, in the same order: the cashier's 今日已确认 always shows the demo's
  // confirmation.
  const todayAgo = (ms: number) => {
    const start = zonedInstant(wall.date, 0, c.timeZone).getTime();
    return T - ms > start ? ago(ms) : new Date(start + (T - start) * (1 - ms / (91 * MIN)));
  };

  function request(o: {
    type: RequestType;
    category: string;
    place: { building: string; number: string } | { location: string };
    description: string;
    channel: string;
    receivedBy: string;
    receivedAt: Date;
    state: string;
    steps?: Step[];
    departmentId?: string | null;
    assignee?: string | null;
    completion?: Record<string, unknown>;
    repeatOf?: string | null;
  }): string {
    const id = newId(o.receivedAt.getTime());
    const unit = 'building' in o.place ? c.unit(o.place.building, o.place.number) : null;
    requestRows.push({
      id,
      companyId: c.companyId,
      estateId: c.estateId,
      number: c.number(o.type, o.receivedAt),
      type: o.type,
      subtype: o.type === 'repair' ? (unit ? 'in_home' : 'public') : null,
      channel: o.channel,
      state: o.state,
      categoryId: c.category(o.type, o.category),
      unitId: unit?.id ?? null,
      locationText: 'location' in o.place ? o.place.location : null,
      size: o.type === 'repair' && !unit ? 'minor' : null,
      residentId: unit?.resident.id ?? null,
      reporterName: unit?.resident.name ?? '巡逻岗',
      reporterPhone: unit?.resident.phone ?? null,
      description: o.description,
      urgency: 'immediate',
      ownerId: u[o.receivedBy]!,
      receivedById: u[o.receivedBy]!,
      receivedAt: o.receivedAt,
      departmentId: o.departmentId ?? null,
      assigneeId: o.assignee ? u[o.assignee]! : null,
      night: isNight(o.receivedAt, c.timeZone),
      completion: o.completion ?? null,
      repeatOf: o.repeatOf ?? null,
      version: 1 + (o.steps?.length ?? 0),
      updatedAt: o.steps?.at(-1)?.at ?? o.receivedAt,
    });
    const base = { companyId: c.companyId, estateId: c.estateId, entityType: 'request', entityId: id };
    eventRows.push({
      ...base,
      action: 'created',
      actorId: u[o.receivedBy]!,
      at: o.receivedAt,
      data: { channel: o.channel },
    });
    for (const s of o.steps ?? [])
      eventRows.push({ ...base, action: s.action, actorId: u[s.by]!, at: s.at, data: s.data });
    return id;
  }

  const dispatchTo = (assignee: string | null) => ({
    departmentId: eng,
    departmentName: '工程部',
    assigneeId: assignee ? u[assignee]! : null,
  });

  /** A repair worked from call to a phone-confirmed completion, `done` minutes ago. */
  function completedRepair(o: {
    category: string;
    building: string;
    number: string;
    description: string;
    workDone: string;
    materials: { name: string; quantity: number; unit: string }[];
    feeFen: number;
    doneAgo: number;
    tech: string;
  }) {
    const done = ago(o.doneAgo);
    const t0 = done.getTime() - 2 * HOUR;
    const completion = {
      workDone: o.workDone,
      materials: o.materials,
      chargeable: true,
      feeFen: o.feeFen,
      leakTestAt: null,
      photos: [],
      residentConfirmation: { method: 'phone', note: '业主电话确认已修好' },
      completedAt: done.toISOString(),
      completedById: u[o.tech]!,
    };
    const steps: Step[] = [
      { action: 'dispatch', at: new Date(t0 + 5 * MIN), by: 'agent', data: dispatchTo(o.tech) },
      { action: 'accept', at: new Date(t0 + 8 * MIN), by: o.tech },
      { action: 'arrive', at: new Date(t0 + 18 * MIN), by: o.tech },
      { action: 'start', at: new Date(t0 + 20 * MIN), by: o.tech },
      { action: 'complete', at: done, by: o.tech, data: completion },
    ];
    const id = request({
      type: 'repair',
      category: o.category,
      place: { building: o.building, number: o.number },
      description: o.description,
      channel: 'phone',
      receivedBy: 'agent',
      receivedAt: new Date(t0),
      state: 'confirmed',
      steps,
      departmentId: eng,
      assignee: o.tech,
      completion,
    });
    return { id, done };
  }

  function payment(
    requestId: string,
    o: {
      amountFen: number;
      expectedFen: number;
      method: string;
      by: string;
      at: Date;
      note?: string;
      receiptNo?: string;
      confirmed?: { by: string; at: Date; receiptNo: string };
    },
  ) {
    const id = newId(o.at.getTime());
    paymentRows.push({
      id,
      companyId: c.companyId,
      estateId: c.estateId,
      requestId,
      amountFen: o.amountFen,
      expectedFen: o.expectedFen,
      method: o.method,
      status: o.confirmed ? 'confirmed' : 'collected',
      collectedById: u[o.by]!,
      collectedAt: o.at,
      receiptNo: o.confirmed?.receiptNo ?? o.receiptNo ?? null,
      note: o.note ?? null,
      confirmedById: o.confirmed ? u[o.confirmed.by]! : null,
      confirmedAt: o.confirmed?.at ?? null,
    });
    const base = { companyId: c.companyId, estateId: c.estateId, entityType: 'request', entityId: requestId };
    eventRows.push({
      ...base,
      action: 'payment_collected',
      actorId: u[o.by]!,
      at: o.at,
      data: {
        paymentId: id,
        amountFen: o.amountFen,
        expectedFen: o.expectedFen,
        method: o.method,
        receiptNo: o.receiptNo,
        note: o.note,
      },
    });
    if (o.confirmed)
      eventRows.push({
        ...base,
        action: 'payment_confirmed',
        actorId: u[o.confirmed.by]!,
        at: o.confirmed.at,
        data: { paymentId: id, amountFen: o.amountFen, method: o.method, receiptNo: o.confirmed.receiptNo },
      });
  }

  // ---- repair fees: collected on site, some confirmed by the cashier, one still to collect ----------
  const tap = completedRepair({
    category: 'water_supply',
    building: '2栋',
    number: '1101',
    description: '厨房水龙头关不紧，一直滴水',
    workDone: '更换厨房水龙头一个，试水正常',
    materials: [{ name: '单冷水龙头', quantity: 1, unit: '个' }],
    feeFen: 4500,
    doneAgo: 5 * HOUR,
    tech: 'tech',
  });
  payment(tap.id, {
    amountFen: 4500,
    expectedFen: 4500,
    method: 'technician_cash',
    by: 'tech',
    at: new Date(tap.done.getTime() + 5 * MIN),
  });
  const valve = completedRepair({
    category: 'leak_pipe',
    building: '3栋',
    number: '702',
    description: '卫生间角阀漏水，地面有积水',
    workDone: '更换卫生间角阀两个，试压无渗漏',
    materials: [{ name: '角阀', quantity: 2, unit: '个' }],
    feeFen: 3500,
    doneAgo: 3 * HOUR,
    tech: 'tech2',
  });
  payment(valve.id, {
    amountFen: 3500,
    expectedFen: 3500,
    method: 'technician_scan',
    by: 'tech2',
    at: new Date(valve.done.getTime() + 3 * MIN),
  });
  const drain = completedRepair({
    category: 'pipe_blocked',
    building: '2栋',
    number: '502',
    description: '厨房下水道堵塞，水池排水很慢',
    workDone: '疏通厨房下水管道，清理油污',
    materials: [{ name: '疏通剂', quantity: 1, unit: '瓶' }],
    feeFen: 8000,
    doneAgo: 26 * HOUR,
    tech: 'tech',
  });
  payment(drain.id, {
    amountFen: 6000,
    expectedFen: 8000,
    method: 'technician_cash',
    by: 'tech',
    at: new Date(drain.done.getTime() + 10 * MIN),
    note: '业主自备疏通剂，减收20元',
    receiptNo: 'XC-0457',
  });
  const rack = completedRepair({
    category: 'public_facility',
    building: '4栋',
    number: '903',
    description: '阳台升降晾衣架钢丝断了，降不下来',
    workDone: '更换晾衣架钢丝绳及滑轮',
    materials: [{ name: '钢丝绳', quantity: 2, unit: '根' }],
    feeFen: 12000,
    doneAgo: 28 * HOUR,
    tech: 'tech2',
  });
  payment(rack.id, {
    amountFen: 12000,
    expectedFen: 12000,
    method: 'office',
    by: 'cashier',
    at: todayAgo(90 * MIN),
    confirmed: { by: 'cashier', at: todayAgo(88 * MIN), receiptNo: 'SJ-000812' },
  });
  const panel = completedRepair({
    category: 'socket_switch',
    building: '5栋',
    number: '401',
    description: '客厅开关面板烧坏，灯打不开',
    workDone: '更换双联开关面板一个',
    materials: [{ name: '双联开关面板', quantity: 1, unit: '个' }],
    feeFen: 2000,
    doneAgo: 50 * HOUR,
    tech: 'tech',
  });
  payment(panel.id, {
    amountFen: 2000,
    expectedFen: 2000,
    method: 'technician_cash',
    by: 'tech',
    at: new Date(panel.done.getTime() + 5 * MIN),
    confirmed: { by: 'cashier', at: new Date(panel.done.getTime() + 20 * HOUR), receiptNo: 'SJ-000798' },
  });
  completedRepair({
    category: 'pipe_toilet',
    building: '1栋',
    number: '602',
    description: '马桶水箱一直进水，停不下来',
    workDone: '更换马桶进水阀',
    materials: [{ name: '马桶进水阀', quantity: 1, unit: '套' }],
    feeFen: 5000,
    doneAgo: 80 * MIN,
    tech: 'tech',
  });

  // ---- the engineering department's board: two orders to assign, one late ---------------------------
  request({
    type: 'repair',
    category: 'pipe_blocked',
    place: { building: '2栋', number: '502' },
    description: '卫生间地漏反水，昨天疏通过厨房下水，今天卫生间又堵了',
    channel: 'phone',
    receivedBy: 'agent',
    receivedAt: ago(10 * MIN),
    state: 'dispatched',
    steps: [{ action: 'dispatch', at: ago(6 * MIN), by: 'agent', data: dispatchTo(null) }],
    departmentId: eng,
    repeatOf: drain.id,
  });
  request({
    type: 'repair',
    category: 'door_lock',
    place: { building: '1栋', number: '801' },
    description: '入户门锁芯卡住，钥匙转不动，业主在门外等候',
    channel: 'visit',
    receivedBy: 'agent2',
    receivedAt: ago(5 * MIN),
    state: 'dispatched',
    steps: [{ action: 'dispatch', at: ago(3 * MIN), by: 'agent2', data: dispatchTo(null) }],
    departmentId: eng,
  });
  request({
    type: 'repair',
    category: 'lighting',
    place: { location: '3栋大堂' },
    description: '3栋大堂吸顶灯不亮，晚上很暗',
    channel: 'patrol',
    receivedBy: 'steward',
    receivedAt: ago(55 * MIN),
    state: 'accepted',
    steps: [
      { action: 'dispatch', at: ago(50 * MIN), by: 'supervisor', data: dispatchTo('tech2') },
      { action: 'accept', at: ago(45 * MIN), by: 'tech2' },
    ],
    departmentId: eng,
    assignee: 'tech2',
  });

  // ---- last night's requests, for the morning hand-over --------------------------------------------
  const evening = addCivilDays(morning, -1);
  const nightCalls: {
    hhmm: string;
    date: string;
    type: RequestType;
    category: string;
    place: { building: string; number: string } | { location: string };
    description: string;
  }[] = [
    {
      date: evening,
      hhmm: '21:40',
      type: 'repair',
      category: 'leak_ceiling',
      place: { building: '3栋', number: '1102' },
      description: '楼上漏水，客厅天花板在滴水',
    },
    {
      date: evening,
      hhmm: '23:15',
      type: 'complaint',
      category: 'noise_neighbour',
      place: { building: '4栋', number: '301' },
      description: '楼上住户深夜大声播放音乐，影响休息',
    },
    {
      date: morning,
      hhmm: '02:05',
      type: 'repair',
      category: 'public_facility',
      place: { location: '地下车库入口' },
      description: '地库入口道闸无法抬杆，车辆进出不了',
    },
    {
      date: morning,
      hhmm: '06:50',
      type: 'repair',
      category: 'water_supply',
      place: { building: '1栋', number: '1801' },
      description: '热水器不出热水，早上无法洗漱',
    },
  ];
  const lastNight: string[] = [];
  for (const n of nightCalls) {
    lastNight.push(
      request({
        type: n.type,
        category: n.category,
        place: n.place,
        description: n.description,
        channel: 'night_duty',
        receivedBy: 'night',
        receivedAt: at(n.date, n.hhmm),
        state: 'new',
      }),
    );
  }
  // The emergency of the night: dispatched at once, not left for the morning.
  const liftAt = at(morning, '00:30');
  const liftDone = new Date(liftAt.getTime() + 50 * MIN);
  const liftCompletion = {
    workDone: '救出被困业主一人，复位电梯门机，运行正常',
    materials: [],
    chargeable: false,
    feeFen: 0,
    leakTestAt: null,
    photos: [],
    residentConfirmation: { method: 'phone', note: '业主电话确认' },
    completedAt: liftDone.toISOString(),
    completedById: u.tech2!,
  };
  lastNight.push(
    request({
      type: 'repair',
      category: 'lift',
      place: { location: '2栋1号电梯' },
      description: '2栋1号电梯困人，一人被困轿厢内',
      channel: 'night_duty',
      receivedBy: 'night',
      receivedAt: liftAt,
      state: 'confirmed',
      steps: [
        {
          action: 'dispatch',
          at: new Date(liftAt.getTime() + 2 * MIN),
          by: 'night',
          data: dispatchTo('tech2'),
        },
        { action: 'accept', at: new Date(liftAt.getTime() + 3 * MIN), by: 'tech2' },
        { action: 'arrive', at: new Date(liftAt.getTime() + 12 * MIN), by: 'tech2' },
        { action: 'complete', at: liftDone, by: 'tech2', data: liftCompletion },
      ],
      departmentId: eng,
      assignee: 'tech2',
      completion: liftCompletion,
    }),
  );
  // Taken the night before and handed over, but nobody has dispatched it yet.
  const before = addCivilDays(evening, -1);
  const carried = request({
    type: 'repair',
    category: 'window',
    place: { building: '6栋', number: '904' },
    description: '阳台推拉门轨道损坏，门关不严',
    channel: 'night_duty',
    receivedBy: 'night',
    receivedAt: at(before, '22:10'),
    state: 'new',
  });

  // The previous morning's hand-over: the night shift handed its requests to the day shift.
  const prevFrom = at(before, '18:30');
  const handedAt = at(evening, '08:25');
  const previous = [
    ...c.history
      .filter(
        (r) => r.estateId === c.estateId && r.night && r.receivedAt >= prevFrom && r.receivedAt < handedAt,
      )
      .map((r) => r.id!),
    carried,
  ];
  const handoverId = newId(handedAt.getTime());
  handoverRows.push({
    id: handoverId,
    companyId: c.companyId,
    estateId: c.estateId,
    shiftDate: evening,
    handedOverById: u.night!,
    receivedById: u.agent!,
    recordedById: u.agent!,
    at: handedAt,
    requestIds: previous,
    notes: '夜间无紧急情况；6栋-904 推拉门需约业主白天上门。',
  });
  const who = {
    handoverId,
    shiftDate: evening,
    handedOverById: u.night,
    handedOverByName: '褚值班',
    receivedById: u.agent,
    receivedByName: '李晓燕',
  };
  eventRows.push(
    {
      companyId: c.companyId,
      estateId: c.estateId,
      entityType: 'night_handover',
      entityId: handoverId,
      action: 'created',
      actorId: u.agent!,
      at: handedAt,
      data: { ...who, requestIds: previous },
    },
    ...previous.map((id) => ({
      companyId: c.companyId,
      estateId: c.estateId,
      entityType: 'request',
      entityId: id,
      action: 'night_handover',
      actorId: u.agent!,
      at: handedAt,
      data: who,
    })),
  );

  return { requestRows, eventRows, paymentRows, handoverRows, lastNight };
}
