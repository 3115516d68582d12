/**
 * VIP demo data (spec 03 §4): two A-grade residents of 阳光花园 hold cards (one ends within 90 days),
 * a third has an application waiting for hq_cs, the steward is the estate's VIP assistant, and a
 * few services were given. The A-grade owner of 1栋-1801 stays WITHOUT a card (contract 09's demo
 * rule: at least one A-grade resident without one).
 */
import { sql } from 'drizzle-orm';
import {
  vipApplications,
  vipAssistants,
  vipCardCounters,
  vipCards,
  vipServices,
} from '../modules/vip/vip.table.ts';
import { addYears } from '../modules/vip/vip.usecases.ts';
import { type EventInput, recordEvents } from '../platform/audit.ts';
import { type Db, rows } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { addCivilDays } from '../platform/sla-time.ts';
import { localParts } from '../platform/time.ts';

const DAY = 24 * 60 * 60 * 1000;
const TZ = 'Asia/Shanghai';

export async function demoVip(db: Db, input: { companyId: string; now: Date }): Promise<void> {
  const { companyId, now } = input;
  const today = localParts(now, TZ).date;
  const staff = await rows<{ id: string; username: string }>(
    db,
    sql`select id, username from users where company_id = ${companyId} and username in ('admin', 'manager', 'steward')`,
  );
  const user = (name: string) => staff.find((u) => u.username === name)?.id ?? null;
  const admin = user('admin');
  const manager = user('manager');
  const steward = user('steward');
  const people = await rows<{ id: string; estate_id: string; name: string }>(
    db,
    sql`select r.id, r.estate_id, r.name from residents r join estates e on e.id = r.estate_id
        where r.company_id = ${companyId} and e.name = '阳光花园' and r.grade = 'A'
          and not exists (select 1 from resident_units ru join units u on u.id = ru.unit_id
                          join buildings b on b.id = u.building_id
                          where ru.resident_id = r.id and b.name = '1栋' and u.number = '1801')
          and exists (select 1 from resident_units ru where ru.resident_id = r.id and ru.relation <> 'member')
        order by r.id limit 3`,
  );
  if (people.length === 0 || !admin) return;
  const estateId = people[0]!.estate_id;
  const events: EventInput[] = [];
  const FORM = {
    workplace: '深圳市南山区人民政府',
    position: '处长',
    qualification: '政府官员，对项目配套建设有重要贡献（第七条 A 类）',
    hobbies: '书法、围棋',
    preferredContact: '工作日晚上电话',
  };

  // Cards: a government official's (issued 2 years 10 months ago: ends within 90 days) and another VIP's.
  const cards = [
    { p: people[0]!, level: 1, number: 'JK1001', daysAgo: 1065 },
    { p: people[1], level: 2, number: 'JK2001', daysAgo: 120 },
  ].filter((c) => c.p);
  // The second holder's birthday falls in two days, so the assistant's reminder list has one to act on.
  if (people[1]) {
    const birthday = `1972-${addCivilDays(today, 2).slice(5)}`;
    await db.execute(sql`update residents set birthday = ${birthday} where id = ${people[1].id}`);
  }
  const counters = new Map<number, number>();
  const cardIds: { residentId: string; cardId: string }[] = [];
  for (const c of cards) {
    const p = c.p!;
    const at = new Date(now.getTime() - c.daysAgo * DAY);
    const validFrom = addCivilDays(today, -c.daysAgo);
    const validUntil = addYears(validFrom, 3);
    const applicationId = newId(at.getTime() - 3 * DAY);
    await db.insert(vipApplications).values({
      id: applicationId,
      companyId,
      estateId,
      residentId: p.id,
      level: c.level,
      form: FORM,
      status: 'approved',
      requestedById: manager,
      requestedAt: new Date(at.getTime() - 3 * DAY),
      decidedById: admin,
      decidedAt: at,
    });
    const cardId = newId(at.getTime());
    await db.insert(vipCards).values({
      id: cardId,
      companyId,
      estateId,
      residentId: p.id,
      number: c.number,
      level: c.level,
      status: 'active',
      validFrom,
      validUntil,
      applicationId,
      issuedById: admin,
      issuedAt: at,
    });
    counters.set(c.level, (counters.get(c.level) ?? 0) + 1);
    cardIds.push({ residentId: p.id, cardId });
    const data = { number: c.number, level: c.level, validFrom, validUntil, applicationId };
    events.push(
      {
        companyId,
        estateId,
        entityType: 'vip_card',
        entityId: cardId,
        action: 'issued',
        actorId: admin,
        at,
        data,
      },
      {
        companyId,
        estateId,
        entityType: 'resident',
        entityId: p.id,
        action: 'vip_card_issued',
        actorId: admin,
        at,
        data: { cardId, ...data },
      },
    );
  }
  for (const [level, last] of counters) await db.insert(vipCardCounters).values({ companyId, level, last });

  // An application waiting for hq_cs.
  const waiting = people[2];
  if (waiting) {
    const at = new Date(now.getTime() - 2 * DAY);
    const id = newId(at.getTime());
    await db.insert(vipApplications).values({
      id,
      companyId,
      estateId,
      residentId: waiting.id,
      level: 2,
      form: { ...FORM, workplace: '某某集团', position: '董事', qualification: '与集团有特殊关系的客户' },
      status: 'pending',
      requestedById: manager,
      requestedAt: at,
    });
    events.push({
      companyId,
      estateId,
      entityType: 'vip_application',
      entityId: id,
      action: 'applied',
      actorId: manager,
      at,
      data: { residentId: waiting.id, level: 2 },
    });
  }

  // The estate's VIP assistant and the services given.
  if (steward) {
    await db.insert(vipAssistants).values({
      estateId,
      companyId,
      userId: steward,
      setById: manager,
      setAt: new Date(now.getTime() - 400 * DAY),
    });
    const services = [
      { daysAgo: 40, type: 'priority_decoration', note: '装修审批当天办结' },
      { daysAgo: 21, type: 'ticket_booking', note: '代订北京往返机票' },
      { daysAgo: 9, type: 'utility_collection', note: '代缴11月水电燃气费' },
      { daysAgo: 2, type: 'priority_request', note: '卫生间漏水优先派单，1小时内到场' },
    ];
    for (const [i, s] of services.entries()) {
      const card = cardIds[i % cardIds.length]!;
      const at = new Date(now.getTime() - s.daysAgo * DAY);
      const id = newId(at.getTime());
      await db.insert(vipServices).values({
        id,
        companyId,
        estateId,
        residentId: card.residentId,
        cardId: card.cardId,
        date: addCivilDays(today, -s.daysAgo),
        serviceType: s.type,
        note: s.note,
        byId: steward,
        createdAt: at,
      });
      events.push({
        companyId,
        estateId,
        entityType: 'resident',
        entityId: card.residentId,
        action: 'vip_service',
        actorId: steward,
        at,
        data: { serviceId: id, serviceType: s.type, date: addCivilDays(today, -s.daysAgo) },
      });
    }
  }
  await recordEvents(db, events);
}
