/**
 * Demo unit files (一户一档), so the file page is meaningful from the first start: meter numbers for
 * every unit, a move-in record for each household of 1栋, key hand-overs (some returned), a decoration
 * in progress with its keys out for every unit marked 装修中, and the status changes that led there.
 * Uses its own random sequence, so the rest of the demo data stays what it was.
 */
import type { MoveInDocument } from '@wuye/contracts';
import type { unitStatusChanges } from '../modules/organisation/organisation.table.ts';
import type { unitDecorations, unitKeys, unitMeters, unitMoveIns } from '../modules/units/units.table.ts';
import { newId } from '../platform/ids.ts';
import { localParts } from '../platform/time.ts';
import { Random } from './random.ts';

const DAY = 24 * 60 * 60 * 1000;

const CONTRACTORS = ['示范装饰工程有限公司', '家和装饰', '匠心家装', '美居装饰设计', '安居建筑装饰'];
const CONTRACTOR_LEADS = ['王师傅', '李师傅', '陈工', '刘师傅', '周工'];

export interface DemoUnit {
  id: string;
  companyId: string;
  estateId: string;
  estateCode: string;
  buildingName: string;
  buildingNo: number;
  number: string;
  status: 'vacant' | 'occupied' | 'rented' | 'decorating';
}

export interface UnitFileDemo {
  meters: (typeof unitMeters.$inferInsert)[];
  moveIns: (typeof unitMoveIns.$inferInsert)[];
  keys: (typeof unitKeys.$inferInsert)[];
  decorations: (typeof unitDecorations.$inferInsert)[];
  statusChanges: (typeof unitStatusChanges.$inferInsert)[];
}

export function unitFileDemo(o: {
  units: DemoUnit[];
  /** The unit's main resident (owner or tenant), if it has one. */
  residentOf: (unitId: string) => { id: string; name: string } | undefined;
  users: Record<string, string>;
  now: Date;
  timeZone: string;
}): UnitFileDemo {
  const rnd = new Random(20261123);
  const now = o.now.getTime();
  const day = (ms: number) => localParts(new Date(ms), o.timeZone).date;
  const at = (daysAgo: number, hour: number) => {
    // hour:00 local time, daysAgo days before today (Asia/Shanghai is UTC+8 all year).
    const today = Date.parse(`${day(now)}T00:00:00+08:00`);
    return new Date(today - daysAgo * DAY + hour * 3_600_000);
  };
  const out: UnitFileDemo = { meters: [], moveIns: [], keys: [], decorations: [], statusChanges: [] };
  const base = (u: DemoUnit) => ({ companyId: u.companyId, estateId: u.estateId, unitId: u.id });

  for (const u of o.units) {
    const code = `${u.estateCode}-${String(u.buildingNo).padStart(2, '0')}-${u.number}`;
    const installedOn = '2019-06-18';
    out.meters.push(
      { id: newId(now), ...base(u), kind: 'water', number: `SB${code}`, position: '管道井', installedOn },
      {
        id: newId(now),
        ...base(u),
        kind: 'electricity',
        number: `DB${code}`,
        position: '楼层电表箱',
        installedOn,
      },
    );
    if (u.estateCode === 'P001')
      out.meters.push({
        id: newId(now),
        ...base(u),
        kind: 'gas',
        number: `RQ${code}`,
        position: '厨房',
        installedOn,
      });

    const resident = o.residentOf(u.id);
    if (u.buildingName === '1栋' && resident) {
      const daysAgo = rnd.int(200, 900);
      const tenant = u.status === 'rented';
      const documents: MoveInDocument[] = tenant
        ? ['lease', 'id_card', 'authorisation', 'covenant']
        : ['purchase_contract', 'id_card', 'service_agreement', 'covenant'];
      out.moveIns.push({
        id: newId(now),
        ...base(u),
        movedInOn: day(at(daysAgo, 10).getTime()),
        residentId: resident.id,
        residentName: resident.name,
        handledById: o.users[rnd.pick(['agent', 'agent2', 'steward'])]!,
        documentsChecked: documents,
        note: tenant ? '租户入住，已核对业主委托书' : null,
      });
      // The keys handed over at move-in, and returned when a tenant's owner took them back.
      out.keys.push({
        id: newId(now),
        ...base(u),
        keyName: '入户门钥匙',
        copies: 3,
        holderName: resident.name,
        holderResidentId: resident.id,
        handedAt: at(daysAgo, 10),
        handedById: o.users.agent!,
      });
      out.keys.push({
        id: newId(now),
        ...base(u),
        keyName: '信报箱钥匙',
        copies: 1,
        holderName: resident.name,
        holderResidentId: resident.id,
        handedAt: at(daysAgo, 10),
        handedById: o.users.agent!,
      });
      if (tenant) {
        const since = rnd.int(30, daysAgo - 30);
        out.statusChanges.push({
          id: newId(now),
          ...base(u),
          fromStatus: 'occupied',
          toStatus: 'rented',
          at: at(since, 15),
          byId: o.users.manager!,
          note: '业主出租，租户已办理入住',
        });
      }
      if (u.number === '1801') {
        // The VIP's home: a decoration done and inspected two years ago.
        out.decorations.push({
          id: newId(now),
          ...base(u),
          startsOn: day(at(daysAgo - 10, 9).getTime()),
          endsOn: day(at(daysAgo - 70, 9).getTime()),
          contractor: CONTRACTORS[0]!,
          permitNo: 'ZX-2024-007',
          status: 'inspected',
          note: '竣工验收合格，装修押金已退还',
          createdById: o.users.steward!,
        });
      }
    }

    if (u.status === 'decorating') {
      const started = rnd.int(5, 40);
      const lead = rnd.pick(CONTRACTOR_LEADS);
      out.decorations.push({
        id: newId(now),
        ...base(u),
        startsOn: day(at(started, 9).getTime()),
        endsOn: day(at(started - 90, 9).getTime()),
        contractor: rnd.pick(CONTRACTORS),
        permitNo: `ZX-${day(now).slice(0, 4)}-${String(rnd.int(10, 299)).padStart(3, '0')}`,
        status: 'in_progress',
        note: '施工时间 8:00–12:00、14:00–18:00，周末不得进行噪音作业',
        createdById: o.users.steward!,
      });
      out.statusChanges.push({
        id: newId(now),
        ...base(u),
        fromStatus: 'vacant',
        toStatus: 'decorating',
        at: at(started + 2, 11),
        byId: o.users.steward!,
        note: '装修手续已办理',
      });
      out.keys.push({
        id: newId(now),
        ...base(u),
        keyName: '入户门钥匙',
        copies: 1,
        holderName: `${lead}（装修负责人）`,
        handedAt: at(started, 8),
        handedById: o.users.steward!,
        note: '装修期间借用，完工后交回',
      });
      if (rnd.chance(0.5))
        out.keys.push({
          id: newId(now),
          ...base(u),
          keyName: '门禁卡',
          copies: 2,
          holderName: `${lead}（装修负责人）`,
          handedAt: at(started, 8),
          handedById: o.users.steward!,
          returnedAt: at(Math.max(started - 3, 1), 17),
          returnedToId: o.users.lobby!,
          note: '临时门禁卡，已换发装修出入证',
        });
    }
  }
  return out;
}
