/**
 * Arrears SQL: the estate's lists (newest = current), a list's lines filtered and paged with the unit's
 * owners, the summary by age, the lines written by an import, and the flags the desk and the unit file
 * show. Indexes: arrears_lists_estate_idx (estate, imported_at desc), unit_arrears_pk (list, unit).
 */
import {
  ARREARS_AGES,
  type ArrearsAge,
  type ArrearsFlag,
  type ArrearsItem,
  type ArrearsList,
  type ArrearsQuery,
  type ArrearsSummary,
  arrearsAge,
  type UnitArrears,
  unitLabel,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { insertChunks } from '../imports/import.repository.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';
import { arrearsLists, unitArrears } from './arrears.table.ts';

interface ListRow {
  id: string;
  estate_id: string;
  as_of: string;
  imported_at: Date | string;
  imported_by_id: string;
  imported_by_name: string;
  file_name: string | null;
  unit_count: number;
  total_fen: number | string;
}

function toList(r: ListRow): ArrearsList {
  return {
    id: r.id,
    estateId: r.estate_id,
    asOf: String(r.as_of).slice(0, 10),
    importedAt: new Date(r.imported_at).toISOString(),
    importedById: r.imported_by_id,
    importedByName: r.imported_by_name,
    fileName: r.file_name,
    units: r.unit_count,
    totalFen: Number(r.total_fen),
  };
}

/** The estate's lists, newest (the current one) first. */
export async function listsOfEstate(db: Db, estateId: string, limit: number): Promise<ArrearsList[]> {
  const list = await rows<ListRow>(
    db,
    sql`select l.id, l.estate_id, l.as_of::text as as_of, l.imported_at, l.imported_by_id, u.name as imported_by_name,
               l.file_name, l.unit_count, l.total_fen
        from arrears_lists l join users u on u.id = l.imported_by_id
        where l.estate_id = ${estateId}
        order by l.imported_at desc, l.id desc
        limit ${limit}`,
  );
  return list.map(toList);
}

/** The id of the estate's current list, as a scalar subquery. */
export function currentListOf(estateId: SQL): SQL {
  return sql`(select l.id from arrears_lists l where l.estate_id = ${estateId}
              order by l.imported_at desc, l.id desc limit 1)`;
}

/** The age band of `months` in SQL, as `arrearsAge` has it. */
const AGE_SQL = sql`case when ua.months <= 1 then 'm1' when ua.months <= 3 then 'm3'
                         when ua.months <= 6 then 'm6' else 'over6' end`;

interface ItemRow {
  unit_id: string;
  building_name: string;
  unit_number: string;
  amount_fen: number;
  months: number;
  since: string | null;
  note: string | null;
  residents: string[];
}

const ORDER: Record<ArrearsQuery['sort'], SQL> = {
  amount: sql`ua.amount_fen desc, b.sort, b.name, u.number`,
  months: sql`ua.months desc, ua.amount_fen desc, b.sort, b.name, u.number`,
  unit: sql`b.sort, b.name, u.floor, u.number`,
};

export async function listItems(
  db: Db,
  listId: string,
  query: ArrearsQuery,
): Promise<{ items: ArrearsItem[]; total: number }> {
  const where: SQL[] = [sql`ua.list_id = ${listId}`];
  if (query.buildingId) where.push(sql`u.building_id = ${query.buildingId}`);
  if (query.age) where.push(sql`${AGE_SQL} = ${query.age}`);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    where.push(sql`(u.number like ${like} or (b.name || '-' || u.number) like ${like}
      or exists (select 1 from resident_units ru join residents r on r.id = ru.resident_id
                 where ru.unit_id = u.id and r.name like ${like}))`);
  }
  const cond = sql.join(where, sql` and `);
  const [found, [count]] = await Promise.all([
    rows<ItemRow>(
      db,
      sql`select ua.unit_id, b.name as building_name, u.number as unit_number, ua.amount_fen, ua.months, ua.since, ua.note,
            coalesce((select array_agg(r.name order by (ru.relation <> 'owner'), r.name)
                      from resident_units ru join residents r on r.id = ru.resident_id
                      where ru.unit_id = u.id
                        and (ru.relation = 'owner' or not exists (
                              select 1 from resident_units o where o.unit_id = u.id and o.relation = 'owner'))),
                     '{}') as residents
          from unit_arrears ua join units u on u.id = ua.unit_id join buildings b on b.id = u.building_id
          where ${cond}
          order by ${ORDER[query.sort]}
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n
          from unit_arrears ua join units u on u.id = ua.unit_id join buildings b on b.id = u.building_id
          where ${cond}`,
    ),
  ]);
  return {
    items: found.map((r) => ({
      unitId: r.unit_id,
      buildingName: r.building_name,
      unitNumber: r.unit_number,
      unitLabel: unitLabel(r.building_name, r.unit_number),
      amountFen: r.amount_fen,
      months: r.months,
      since: r.since,
      note: r.note,
      age: arrearsAge(r.months),
      residents: r.residents,
    })),
    total: count?.n ?? 0,
  };
}

export async function summaryOf(db: Db, listId: string): Promise<ArrearsSummary> {
  const found = await rows<{ age: ArrearsAge; units: number; total_fen: number | string }>(
    db,
    sql`select ${AGE_SQL} as age, count(*)::int as units, sum(ua.amount_fen)::bigint as total_fen
        from unit_arrears ua where ua.list_id = ${listId} group by 1`,
  );
  const byAge = ARREARS_AGES.map((age) => {
    const r = found.find((f) => f.age === age);
    return { age, units: r?.units ?? 0, totalFen: Number(r?.total_fen ?? 0) };
  });
  return {
    units: byAge.reduce((n, a) => n + a.units, 0),
    totalFen: byAge.reduce((n, a) => n + a.totalFen, 0),
    byAge,
  };
}

export async function insertList(db: Db, list: typeof arrearsLists.$inferInsert): Promise<void> {
  await db.insert(arrearsLists).values(list);
}

export async function insertLines(db: Db, lines: (typeof unitArrears.$inferInsert)[]): Promise<void> {
  await insertChunks(lines, 2000, (c) => db.insert(unitArrears).values(c));
}

/** Every line of a list in the layout's order (the export). */
export async function allLines(db: Db, listId: string): Promise<ItemRow[]> {
  return rows<ItemRow>(
    db,
    sql`select ua.unit_id, b.name as building_name, u.number as unit_number, ua.amount_fen, ua.months, ua.since, ua.note,
               '{}'::text[] as residents
        from unit_arrears ua join units u on u.id = ua.unit_id join buildings b on b.id = u.building_id
        where ua.list_id = ${listId}
        order by b.sort, b.name, u.floor, u.number`,
  );
}

/** A unit's line on its estate's current list (0 owed when not on it); null when the estate has none. */
export async function arrearsOfUnit(db: Db, estateId: string, unitId: string): Promise<UnitArrears | null> {
  const [r] = await rows<{
    as_of: string;
    amount_fen: number | null;
    months: number | null;
    since: string | null;
    note: string | null;
  }>(
    db,
    sql`select l.as_of::text as as_of, ua.amount_fen, ua.months, ua.since, ua.note
        from arrears_lists l left join unit_arrears ua on ua.list_id = l.id and ua.unit_id = ${unitId}
        where l.id = ${currentListOf(sql`${estateId}`)}`,
  );
  if (!r) return null;
  return {
    asOf: String(r.as_of).slice(0, 10),
    amountFen: r.amount_fen ?? 0,
    months: r.months ?? 0,
    since: r.since,
    note: r.note,
  };
}

/**
 * The desk's flag of a resident (`r` in the look-up): a JSON object `{amountFen, months, asOf}` summed
 * over the resident's units on the estate's current list, or null when the estate has no list.
 */
export function arrearsFlagJson(residentId: SQL, estateId: SQL): SQL {
  return sql`(select json_build_object('amountFen', coalesce(sum(ua.amount_fen), 0), 'months', coalesce(max(ua.months), 0),
                                       'asOf', l.as_of)
              from arrears_lists l
              left join resident_units ru on ru.resident_id = ${residentId}
              left join unit_arrears ua on ua.list_id = l.id and ua.unit_id = ru.unit_id
              where l.id = ${currentListOf(estateId)}
              group by l.id, l.as_of)`;
}

export function toFlag(j: { amountFen: number; months: number; asOf: string } | null): ArrearsFlag | null {
  return j
    ? { amountFen: Number(j.amountFen), months: Number(j.months), asOf: String(j.asOf).slice(0, 10) }
    : null;
}
