/**
 * All SQL of the unit file: its own records (keys, meters, move-ins, decorations, documents) and the
 * reads that gather the rest of the file from the modules that own it (residents, requests, callbacks)
 * — reads only, never writes to their tables.
 */
import type { Grade, MeterKind, RequestState, RequestType, ResidentRelation } from '@wuye/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { buildings, units } from '../organisation/organisation.table.ts';
import { residentUnits } from '../residents/residents.table.ts';
import { unitDecorations, unitDocuments, unitKeys, unitMeters, unitMoveIns } from './units.table.ts';

/** The unit a record is written to, with what the checks and events need. */
export async function findUnitOfFile(db: Db, companyId: string, unitId: string, lock?: boolean) {
  const q = db
    .select({
      id: units.id,
      companyId: units.companyId,
      estateId: units.estateId,
      number: units.number,
      buildingName: buildings.name,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.companyId, companyId), eq(units.id, unitId)))
    .limit(1)
    .$dynamic();
  const [row] = await (lock ? q.for('update', { of: units }) : q);
  return row ?? null;
}

export async function isResidentOfUnit(db: Db, unitId: string, residentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: residentUnits.residentId })
    .from(residentUnits)
    .where(and(eq(residentUnits.unitId, unitId), eq(residentUnits.residentId, residentId)))
    .limit(1);
  return Boolean(row);
}

// ---- the record tables --------------------------------------------------------------------------

export const RECORD_TABLES = {
  keys: unitKeys,
  meters: unitMeters,
  'move-ins': unitMoveIns,
  decorations: unitDecorations,
} as const;
export type RecordTable = keyof typeof RECORD_TABLES;
export type KeyRow = typeof unitKeys.$inferSelect;
export type MeterRow = typeof unitMeters.$inferSelect;
export type MoveInRow = typeof unitMoveIns.$inferSelect;
export type DecorationRow = typeof unitDecorations.$inferSelect;
export interface RecordRows {
  keys: KeyRow;
  meters: MeterRow;
  'move-ins': MoveInRow;
  decorations: DecorationRow;
}

/**
 * The four tables share id, unit_id and version; the generic reads and writes below use those columns
 * only, through the keys table's column type (the same shape in each table).
 */
const shape = (kind: RecordTable) => RECORD_TABLES[kind] as unknown as typeof unitKeys;

export async function insertRecord<K extends RecordTable>(
  db: Db,
  kind: K,
  row: (typeof RECORD_TABLES)[K]['$inferInsert'],
): Promise<RecordRows[K]> {
  const [inserted] = await db
    .insert(shape(kind))
    .values(row as typeof unitKeys.$inferInsert)
    .returning();
  return inserted as unknown as RecordRows[K];
}

/** A record of this unit (a record of another unit is none). */
export async function findRecord<K extends RecordTable>(
  db: Db,
  kind: K,
  unitId: string,
  id: string,
  lock?: boolean,
): Promise<RecordRows[K] | null> {
  const t = shape(kind);
  const q = db
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.unitId, unitId)))
    .limit(1)
    .$dynamic();
  const [row] = await (lock ? q.for('update') : q);
  return (row as unknown as RecordRows[K]) ?? null;
}

export async function updateRecord<K extends RecordTable>(
  db: Db,
  kind: K,
  id: string,
  version: number,
  set: Partial<RecordRows[K]>,
): Promise<RecordRows[K] | null> {
  const t = shape(kind);
  const [row] = await db
    .update(t)
    .set({ ...(set as Partial<typeof unitKeys.$inferInsert>), version: version + 1 })
    .where(and(eq(t.id, id), eq(t.version, version)))
    .returning();
  return (row as unknown as RecordRows[K]) ?? null;
}

export async function deleteRecord(db: Db, kind: RecordTable, id: string, version: number): Promise<boolean> {
  const t = shape(kind);
  const done = await db
    .delete(t)
    .where(and(eq(t.id, id), eq(t.version, version)))
    .returning({ id: t.id });
  return done.length === 1;
}

/** The unit (as 1栋-101) that has this meter number of this kind in the estate, other than `exceptId`. */
export async function meterNumberOwner(
  db: Db,
  estateId: string,
  kind: MeterKind,
  number: string,
  exceptId?: string,
): Promise<string | null> {
  const [row] = await rows<{ label: string }>(
    db,
    sql`select b.name || '-' || u.number as label from unit_meters m
        join units u on u.id = m.unit_id join buildings b on b.id = u.building_id
        where m.estate_id = ${estateId} and m.kind = ${kind} and m.number = ${number}
          ${exceptId ? sql`and m.id <> ${exceptId}` : sql``}
        limit 1`,
  );
  return row?.label ?? null;
}

// ---- documents ----------------------------------------------------------------------------------

export async function insertDocument(db: Db, row: typeof unitDocuments.$inferInsert): Promise<boolean> {
  const done = await db
    .insert(unitDocuments)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: unitDocuments.fileId });
  return done.length === 1;
}

export async function deleteDocument(db: Db, unitId: string, fileId: string) {
  const [row] = await db
    .delete(unitDocuments)
    .where(and(eq(unitDocuments.unitId, unitId), eq(unitDocuments.fileId, fileId)))
    .returning();
  return row ?? null;
}

// ---- the file's reads ---------------------------------------------------------------------------

export function keysOfUnit(db: Db, unitId: string) {
  return rows<{
    id: string;
    key_name: string;
    copies: number;
    holder_name: string;
    holder_resident_id: string | null;
    handed_at: Date;
    handed_by_name: string;
    returned_at: Date | null;
    returned_to_name: string | null;
    note: string | null;
    version: number;
  }>(
    db,
    sql`select k.id, k.key_name, k.copies, k.holder_name, k.holder_resident_id, k.handed_at,
               h.name as handed_by_name, k.returned_at, r.name as returned_to_name, k.note, k.version
        from unit_keys k join users h on h.id = k.handed_by_id left join users r on r.id = k.returned_to_id
        where k.unit_id = ${unitId}
        order by (k.returned_at is null) desc, k.handed_at desc, k.id desc`,
  );
}

export function metersOfUnit(db: Db, unitId: string) {
  return db
    .select()
    .from(unitMeters)
    .where(eq(unitMeters.unitId, unitId))
    .orderBy(sql`${unitMeters.removedOn} is not null`, unitMeters.kind, unitMeters.number);
}

export function moveInsOfUnit(db: Db, unitId: string) {
  return rows<{
    id: string;
    moved_in_on: string;
    resident_id: string | null;
    resident_name: string;
    handled_by_name: string;
    documents_checked: string[];
    note: string | null;
    version: number;
  }>(
    db,
    sql`select m.id, to_char(m.moved_in_on, 'YYYY-MM-DD') as moved_in_on, m.resident_id, m.resident_name,
               u.name as handled_by_name, m.documents_checked, m.note, m.version
        from unit_move_ins m join users u on u.id = m.handled_by_id
        where m.unit_id = ${unitId} order by m.moved_in_on desc, m.id desc`,
  );
}

export function decorationsOfUnit(db: Db, unitId: string) {
  return db
    .select()
    .from(unitDecorations)
    .where(eq(unitDecorations.unitId, unitId))
    .orderBy(sql`${unitDecorations.startsOn} desc`, sql`${unitDecorations.id} desc`);
}

export function documentsOfUnit(db: Db, unitId: string) {
  return rows<{
    file_id: string;
    name: string;
    title: string | null;
    content_type: string;
    size: number;
    kind: string;
    attached_at: Date;
    attached_by_name: string;
  }>(
    db,
    sql`select d.file_id, f.original_name as name, d.title, f.content_type, f.size, f.kind, d.attached_at,
               u.name as attached_by_name
        from unit_documents d join files f on f.id = d.file_id join users u on u.id = d.attached_by_id
        where d.unit_id = ${unitId} order by d.attached_at desc, d.file_id desc`,
  );
}

/** The unit's people (resident_units + residents), owners first. Phones come back unmasked: mask them. */
export function peopleOfUnit(db: Db, unitId: string) {
  return rows<{
    resident_id: string;
    name: string;
    phones: string[];
    grade: Grade;
    relation: ResidentRelation;
    since: string | null;
  }>(
    db,
    sql`select r.id as resident_id, r.name, r.phones, r.grade, ru.relation,
               to_char(ru.since, 'YYYY-MM-DD') as since
        from resident_units ru join residents r on r.id = ru.resident_id
        where ru.unit_id = ${unitId}
        order by case ru.relation when 'owner' then 0 when 'tenant' then 1 else 2 end, r.name, r.id`,
  );
}

/** The unit's requests (complaints included), newest first, and how many there are of each sort. */
export async function requestsOfUnit(db: Db, estateId: string, unitId: string, limit: number) {
  const [items, [counts]] = await Promise.all([
    rows<{
      id: string;
      number: string;
      type: RequestType;
      state: RequestState;
      description: string;
      received_at: Date;
      closed_at: Date | null;
    }>(
      db,
      sql`select id, number, type, state, description, received_at, closed_at from requests
          where estate_id = ${estateId} and unit_id = ${unitId}
          order by received_at desc, id desc limit ${limit}`,
    ),
    rows<{ total: number; open: number; complaints: number }>(
      db,
      sql`select count(*)::int as total,
                 count(*) filter (where state not in ('closed','cancelled'))::int as open,
                 count(*) filter (where type = 'complaint')::int as complaints
          from requests where estate_id = ${estateId} and unit_id = ${unitId}`,
    ),
  ]);
  return { items, counts: counts ?? { total: 0, open: 0, complaints: 0 } };
}

/** Callbacks (回访) of the unit's requests, newest first. */
export async function callbacksOfUnit(db: Db, estateId: string, unitId: string, limit: number) {
  const [items, [count]] = await Promise.all([
    rows<{
      id: string;
      request_id: string;
      request_number: string;
      at: Date;
      by_name: string;
      method: string;
      reached: boolean;
      satisfaction: 'satisfied' | 'fair' | 'dissatisfied' | null;
      comment: string | null;
    }>(
      db,
      sql`select c.id, c.request_id, q.number as request_number, c.at, u.name as by_name, c.method, c.reached,
                 c.satisfaction, c.comment
          from callbacks c join requests q on q.id = c.request_id join users u on u.id = c.by_id
          where q.estate_id = ${estateId} and q.unit_id = ${unitId}
          order by c.at desc, c.id desc limit ${limit}`,
    ),
    rows<{ total: number }>(
      db,
      sql`select count(*)::int as total from callbacks c join requests q on q.id = c.request_id
          where q.estate_id = ${estateId} and q.unit_id = ${unitId}`,
    ),
  ]);
  return { items, total: count?.total ?? 0 };
}
