/**
 * Arrears demo data (decision 0024): 阳光花园 loaded the fee system's list as of the end of last month,
 * two days into this one (by the cashier); a month before that, an older list (history). 天物大厦 has
 * loaded none, so its desk shows arrears as unknown.
 */
import { sql } from 'drizzle-orm';
import { arrearsLists, unitArrears } from '../modules/arrears/arrears.table.ts';
import { recordEvents } from '../platform/audit.ts';
import { type Db, rows } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { addCivilDays, timeOfDayMs, zonedInstant } from '../platform/sla-time.ts';
import { localParts } from '../platform/time.ts';

const TZ = 'Asia/Shanghai';
const NOTES = [
  '欠物业费',
  '欠物业费、水费',
  '欠车位费',
  '已发催缴通知',
  '电话催缴，业主承诺月底前缴清',
  null,
];

export async function demoArrears(db: Db, input: { companyId: string; now: Date }): Promise<void> {
  const { companyId, now } = input;
  const [cashier] = await rows<{ id: string }>(
    db,
    sql`select id from users where company_id = ${companyId} and username = 'cashier'`,
  );
  const units = await rows<{ id: string; estate_id: string }>(
    db,
    sql`select u.id, u.estate_id from units u join estates e on e.id = u.estate_id
        where u.company_id = ${companyId} and e.name = '阳光花园' and u.status <> 'vacant'
        order by u.id`,
  );
  if (!cashier || units.length === 0) return;
  const estateId = units[0]!.estate_id;
  const today = localParts(now, TZ).date;
  const monthStart = `${today.slice(0, 7)}-01`;
  // The end of last month, and of the month before.
  const asOf = addCivilDays(monthStart, -1);
  const olderAsOf = addCivilDays(`${asOf.slice(0, 7)}-01`, -1);
  const month = (date: string, back: number) => {
    const [y, m] = date.split('-').map(Number) as [number, number];
    const total = y * 12 + (m - 1) - back;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  };

  const lists = [
    {
      asOf: olderAsOf,
      every: 9,
      shift: 1,
      importedAt: zonedInstant(addCivilDays(olderAsOf, 2), timeOfDayMs('09:40'), TZ),
    },
    { asOf, every: 8, shift: 0, importedAt: zonedInstant(addCivilDays(asOf, 2), timeOfDayMs('10:15'), TZ) },
  ].filter((l) => l.importedAt <= now);
  for (const l of lists) {
    const listId = newId(l.importedAt.getTime());
    const lines = units
      .filter((_, i) => i % l.every === 3)
      .map((u, i) => {
        const months = [1, 1, 2, 3, 5, 8, 13, 2][i % 8]!;
        const monthly = [21_560, 35_890, 18_800, 42_370][i % 4]!;
        return {
          listId,
          companyId,
          estateId,
          unitId: u.id,
          months: months + l.shift,
          amountFen: monthly * (months + l.shift),
          since: month(l.asOf, months + l.shift - 1),
          note: NOTES[i % NOTES.length]!,
        };
      });
    await db.insert(arrearsLists).values({
      id: listId,
      companyId,
      estateId,
      asOf: l.asOf,
      fileName: `欠费明细-${l.asOf}.xlsx`,
      unitCount: lines.length,
      totalFen: lines.reduce((n, x) => n + x.amountFen, 0),
      importedById: cashier.id,
      importedAt: l.importedAt,
    });
    if (lines.length) await db.insert(unitArrears).values(lines);
    await recordEvents(db, [
      {
        companyId,
        estateId,
        entityType: 'arrears_list',
        entityId: listId,
        action: 'imported',
        actorId: cashier.id,
        at: l.importedAt,
        data: { asOf: l.asOf, units: lines.length, totalFen: lines.reduce((n, x) => n + x.amountFen, 0) },
      },
    ]);
  }
}
