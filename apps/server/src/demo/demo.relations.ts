/**
 * The demo's relationship work (spec 03 §6): last month's and this month's visit plan of the steward
 * and the visits (the estate's coverage below 85%, the steward's plan above, so both colours show),
 * a few visits with follow-up requests, a past and an upcoming reception day, weekly mailbox openings
 * with letters, a committee meeting, developer log entries, notices and a few greetings — the
 * interesting records through the real use cases, the bulk of the visits as rows.
 */
import { sql } from 'drizzle-orm';
import { createCalendarStore } from '../modules/calendar/calendar.usecases.ts';
import { visits } from '../modules/relations/relations.table.ts';
import {
  createCommitteeMeeting,
  createDeveloperLog,
  createNotice,
  createVisitPlan,
  earliestReceptionDate,
  monthOf,
  openMailbox,
  previousMonth,
  type RelationsDeps,
  recordGreeting,
  recordReceptionEntry,
  recordVisit,
  replyToLetter,
  scheduleReceptionDay,
} from '../modules/relations/relations.usecases.ts';
import { clockMathsFor, usesWorkingDays } from '../modules/requests/requests.sla.ts';
import { effectiveSlaSettings } from '../modules/settings/settings.usecases.ts';
import type { Actor } from '../platform/access.ts';
import { type Db, rows } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { addCivilDays, wallTime, zonedInstant } from '../platform/sla-time.ts';
import { Random } from './random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TZ = 'Asia/Shanghai';
const TOPICS = ['security', 'cleaning', 'repairs', 'greening', 'fees', 'other_services'] as const;
const OPINIONS = [
  '对小区环境整体满意',
  '希望加强夜间巡逻',
  '楼道保洁比以前好了',
  '建议增加电动车充电桩',
  '物业费缴纳方式希望增加微信支付',
  '绿化修剪及时，很满意',
  '电梯有时异响，请关注',
  '',
];

export async function demoRelations(db: Db, companyId: string, now: Date): Promise<void> {
  const people = await rows<{
    id: string;
    name: string;
    username: string;
    roles: Actor['roles'];
    estate_ids: string[];
  }>(
    db,
    sql`select u.id, u.name, u.username, u.roles,
          array(select ue.estate_id from user_estates ue where ue.user_id = u.id) as estate_ids
        from users u where u.company_id = ${companyId} and u.username in ('steward', 'lobby', 'manager', 'supervisor', 'agent')`,
  );
  const [estate] = await rows<{ id: string }>(
    db,
    sql`select id from estates where company_id = ${companyId} and name = '阳光花园'`,
  );
  if (!estate || people.length < 5) return;
  const estateId = estate.id;
  const actor = (username: string): Actor => {
    const p = people.find((x) => x.username === username)!;
    return {
      userId: p.id,
      username: p.username,
      name: p.name,
      companyId,
      companyName: '',
      roles: p.roles,
      departmentId: null,
      locale: 'zh-CN',
      estateIds: p.estate_ids,
      companyWide: false,
      sessionId: 'demo-seed',
      via: 'bearer',
      csrfToken: '',
    };
  };
  const [steward, lobby, manager, supervisor, agent] = [
    'steward',
    'lobby',
    'manager',
    'supervisor',
    'agent',
  ].map(actor) as [Actor, Actor, Actor, Actor, Actor];

  let at = now;
  const calendars = createCalendarStore(db);
  const deps: RelationsDeps = {
    db,
    clock: { now: () => at },
    calendars,
    clockRulesFor: async (tx, e) => {
      const rules = await effectiveSlaSettings(tx, e.id);
      const calendar = usesWorkingDays(rules) ? await calendars.forCompany(e.companyId, tx) : undefined;
      return { rules, maths: clockMathsFor(e.timeZone, rules, calendar) };
    },
  };
  const rnd = new Random(20261203);

  // ---- visits: last month and this month ----------------------------------------------------------
  const households = await rows<{
    id: string;
    building: string;
    resident_id: string | null;
    resident_name: string | null;
  }>(
    db,
    sql`select u.id, b.name as building,
          (select r.id from resident_units ru join residents r on r.id = ru.resident_id where ru.unit_id = u.id order by ru.relation, r.id limit 1) as resident_id,
          (select r.name from resident_units ru join residents r on r.id = ru.resident_id where ru.unit_id = u.id order by ru.relation, r.id limit 1) as resident_name
        from units u join buildings b on b.id = u.building_id
        where u.estate_id = ${estateId} and u.status in ('occupied','rented') order by b.sort, u.floor, u.number`,
  );
  const patchNames = ['1栋', '2栋'];
  const buildingIds = (
    await rows<{ id: string }>(
      db,
      sql`select id from buildings where estate_id = ${estateId} and name in ('1栋', '2栋') order by sort`,
    )
  ).map((b) => b.id);
  const month = monthOf(now, TZ);
  const lastMonth = previousMonth(month);
  const monthStart = zonedInstant(`${month}-01`, 9 * HOUR, TZ);
  const lastStart = zonedInstant(`${lastMonth}-01`, 9 * HOUR, TZ);
  const visitRows: (typeof visits.$inferInsert)[] = [];
  const addVisits = (from: Date, to: Date, m: string, share: { patch: number; rest: number }) => {
    const span = Math.max(to.getTime() - from.getTime(), HOUR);
    for (const h of households) {
      const inPatch = patchNames.includes(h.building);
      if (!rnd.chance(inPatch ? share.patch : share.rest)) continue;
      const visitedAt = new Date(from.getTime() + Math.floor(rnd.next() * span));
      const way = rnd.chance(0.6) ? 'visit' : 'phone';
      const by = inPatch ? steward : rnd.chance(0.5) ? lobby : steward;
      visitRows.push({
        id: newId(visitedAt.getTime()),
        companyId,
        estateId,
        unitId: h.id,
        residentId: h.resident_id,
        metName: h.resident_name ?? '住户',
        way,
        visitedAt,
        month: m,
        visitedById: by.userId,
        topics: [rnd.pick(TOPICS), ...(rnd.chance(0.4) ? [rnd.pick(TOPICS)] : [])].filter(
          (t, i, a) => a.indexOf(t) === i,
        ),
        opinions: rnd.pick(OPINIONS) || null,
        signatureFileId: null,
        requestIds: [],
        createdAt: visitedAt,
      });
    }
  };
  // The plans come first (at the start of each month) so last month's unvisited households carry over.
  at = new Date(lastStart.getTime() - 2 * HOUR);
  await createVisitPlan(deps, supervisor, {
    estateId,
    stewardId: steward.userId,
    month: lastMonth,
    buildingIds,
  });
  addVisits(lastStart, new Date(monthStart.getTime() - 10 * HOUR), lastMonth, { patch: 0.9, rest: 0.78 });
  await db.insert(visits).values(visitRows.splice(0));
  at = new Date(monthStart.getTime() - 1 * HOUR);
  await createVisitPlan(deps, supervisor, { estateId, stewardId: steward.userId, month, buildingIds });
  addVisits(monthStart, new Date(now.getTime() - 3 * HOUR), month, { patch: 0.86, rest: 0.5 });
  for (let i = 0; i < visitRows.length; i += 200) await db.insert(visits).values(visitRows.slice(i, i + 200));

  // Two of this month's visits raised something: follow-up requests through the intake.
  const unvisited = await rows<{ id: string; resident_id: string }>(
    db,
    sql`select u.id, ru.resident_id from units u join resident_units ru on ru.unit_id = u.id
        where u.estate_id = ${estateId} and u.status in ('occupied','rented')
          and not exists (select 1 from visits v where v.unit_id = u.id and v.month = ${month})
        order by u.id limit 2`,
  );
  const followUps = [
    {
      topics: ['repairs'] as const,
      opinions: '卫生间天花板渗水，怀疑楼上漏水',
      description: '卫生间天花板渗水（管家走访时业主反映）',
    },
    {
      topics: ['greening', 'cleaning'] as const,
      opinions: '楼下绿化带有积水蚊虫多',
      description: '楼下绿化带积水、蚊虫多，请清理（走访反映）',
    },
  ];
  for (const [i, u] of unvisited.entries()) {
    at = new Date(now.getTime() - (2 - i) * HOUR);
    const f = followUps[i]!;
    await recordVisit(deps, steward, {
      estateId,
      unitId: u.id,
      residentId: u.resident_id,
      way: 'visit',
      topics: [...f.topics],
      opinions: f.opinions,
      followUps: [{ type: i === 0 ? 'repair' : 'suggestion', description: f.description }],
    });
  }

  // ---- reception days: one held last month, one announced for the coming weeks --------------------
  const calendar = await calendars.forCompany(companyId);
  const restDay = (from: string) => {
    let d = from;
    while (calendar.day(d).workday) d = addCivilDays(d, 1);
    return d;
  };
  const pastDate = restDay(addCivilDays(wallTime(now, TZ).date, -24));
  at = zonedInstant(addCivilDays(pastDate, -10), 10 * HOUR, TZ);
  const past = await scheduleReceptionDay(deps, manager, {
    estateId,
    date: pastDate,
    startTime: '09:00',
    endTime: '11:30',
    place: '管理处一楼会议室',
  });
  at = zonedInstant(pastDate, 9 * HOUR + 20 * 60_000, TZ);
  const [withHome, other] = households.filter((h) => h.resident_id);
  await recordReceptionEntry(deps, manager, past.id, {
    visitorName: withHome?.resident_name ?? '业主',
    unitId: withHome?.id,
    issue: '地下车库照明不足，晚上取车不安全',
    answer: '本周内增加照明灯具，工程部负责',
    followUp: { type: 'repair' },
  });
  at = new Date(at.getTime() + 40 * 60_000);
  await recordReceptionEntry(deps, manager, past.id, {
    visitorName: other?.resident_name ?? '业主',
    unitId: other?.id,
    issue: '询问明年物业费是否调整',
    answer: '明年物业费标准不变，如有调整将提前公示并征求业主意见',
  });
  at = now;
  const upcoming = restDay(earliestReceptionDate(now, '09:00', TZ));
  await scheduleReceptionDay(deps, manager, {
    estateId,
    date: upcoming,
    startTime: '09:00',
    endTime: '11:30',
    place: '管理处一楼会议室',
  });

  // ---- the mailbox: opened weekly, the last one a few days ago ---------------------------------
  const letters = [
    { type: 'suggestion', content: '建议在儿童游乐区加装遮阳棚' },
    { type: 'complaint', content: '晚上十点后仍有装修噪音，影响休息' },
    { type: 'praise', content: '表扬保洁阿姨工作认真负责' },
  ] as const;
  for (const [w, daysAgo] of [27, 20, 13, 5].entries()) {
    at = new Date(now.getTime() - daysAgo * DAY - 2 * HOUR);
    const h = households[(w * 7 + 3) % households.length]!;
    const opening = await openMailbox(deps, manager, {
      estateId,
      witnessName: supervisor.name,
      letters:
        w !== 1
          ? [{ unitId: h.id, residentId: h.resident_id ?? undefined, ...letters[w % letters.length]! }]
          : [],
      notes: w !== 1 ? undefined : '本周信箱无来信',
    });
    const letter = opening.letters[0];
    if (letter && daysAgo > 10) {
      at = new Date(at.getTime() + 2 * DAY);
      await replyToLetter(deps, manager, letter.id, {
        reply: '您好，来信已收悉，管理处已安排相关部门处理，感谢您的关注与支持。',
        version: letter.version,
      });
    }
  }

  // ---- the owners' committee and the developer -------------------------------------------------
  const dayAgo = (n: number) => wallTime(new Date(now.getTime() - n * DAY), TZ).date;
  at = now;
  await createCommitteeMeeting(deps, manager, {
    estateId,
    date: dayAgo(150),
    status: 'held',
    attendees: '业委会主任李明、副主任王芳及委员 5 人；管理处主任钱主任、客服主管',
    topics: '上半年物业服务工作汇报；公共维修基金使用计划；小区停车管理',
    minutes: '业委会听取了上半年工作汇报，原则同意外墙维修使用维修基金，停车管理方案待征求业主意见后定稿。',
    followUps: '管理处两周内提交停车管理方案征求意见稿',
  });
  await createCommitteeMeeting(deps, manager, {
    estateId,
    date: dayAgo(-28),
    status: 'planned',
    topics: '年度物业服务工作总结；明年服务计划与预算',
  });
  const leak = await rows<{ id: string }>(
    db,
    sql`select id from requests where estate_id = ${estateId} and type = 'repair' order by received_at desc limit 1`,
  );
  await createDeveloperLog(deps, manager, {
    estateId,
    date: dayAgo(250),
    status: 'held',
    contact: '发展商工程部 陈工',
    topic: '3栋外墙渗水保修',
    outcome: '发展商确认属保修范围，4 月底前完成维修',
  });
  await createDeveloperLog(deps, manager, {
    estateId,
    date: dayAgo(9),
    status: 'held',
    contact: '发展商客服部 刘经理',
    topic: '业主报修中属于开发遗留问题的工单移交',
    outcome: '已移交，发展商一周内回复处理时间',
    requestIds: leak.map((r) => r.id),
  });
  await createDeveloperLog(deps, manager, {
    estateId,
    date: dayAgo(-20),
    status: 'planned',
    contact: '发展商工程部 陈工',
    topic: '年度保修问题汇总与移交',
  });

  // ---- notices ---------------------------------------------------------------------------------
  at = new Date(now.getTime() - 3 * DAY);
  await createNotice(deps, agent, {
    estateId,
    buildingIds: buildingIds.slice(0, 1),
    title: '1栋二次供水水箱清洗停水通知',
    body: `尊敬的1栋业主/住户：\n\n为保障饮用水卫生，管理处定于 ${wallTime(new Date(now.getTime() + 4 * DAY), TZ).date} 9:00—15:00 对1栋二次供水水箱进行清洗消毒，届时将暂停供水，请提前做好储水准备。\n\n由此带来的不便，敬请谅解。`,
    publishFrom: at.toISOString(),
    publishUntil: new Date(now.getTime() + 5 * DAY).toISOString(),
    publish: true,
  });
  at = now;
  await createNotice(deps, agent, {
    estateId,
    title: '冬季消防安全温馨提示',
    body: '尊敬的各位业主/住户：\n\n冬季天干物燥，请勿在楼道堆放杂物，电动车请勿入户充电，外出时请关闭燃气阀门。\n\n如发现火情，请立即拨打 119 并通知管理处。',
    publishFrom: new Date(now.getTime() + DAY).toISOString(),
  });

  // ---- greetings: two of the coming birthdays already called --------------------------------------
  const soon = await rows<{ id: string; birthday: string }>(
    db,
    sql`select id, to_char(birthday, 'MM-DD') as birthday from residents
        where estate_id = ${estateId} and birthday is not null
          and to_char(birthday, 'MM-DD') = any(array[${sql.join(
            [0, 1, 2, 3, 4, 5, 6].map(
              (d) => sql`${wallTime(new Date(now.getTime() + d * DAY), TZ).date.slice(5)}`,
            ),
            sql`, `,
          )}])
        order by to_char(birthday, 'MM-DD'), id limit 2`,
  );
  for (const r of soon)
    await recordGreeting(deps, steward, {
      residentId: r.id,
      occasion: 'birthday',
      year: Number(wallTime(now, TZ).date.slice(0, 4)),
      method: 'phone',
      note: '电话送上生日祝福',
    });
}
