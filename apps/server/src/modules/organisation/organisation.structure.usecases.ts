/**
 * Setting up the property structure (spec 03 §1): estates (the company creates them; the estate's
 * manager and the company edit them), buildings, units — one at a time or from a bulk pattern — and
 * public locations. Each change is one transaction: guard, a versioned update, the audit event; a
 * unit's status change also writes its history row. Everything is within the caller's estates: a
 * record of another estate is 404, a building of another estate named in a body is a 400 on the field.
 */
import {
  BULK_DUPLICATES_SHOWN,
  BULK_UNIT_CAP,
  type BuildingCreateBody,
  type BuildingPatchBody,
  type EstateCreateBody,
  type EstatePatchBody,
  type LocationCreateBody,
  type LocationPatchBody,
  type UnitBulkPattern,
  type UnitBulkPreview,
  type UnitBulkResult,
  type UnitCreateBody,
  type UnitDetail,
  type UnitPatchBody,
  unitLabel,
} from '@wuye/contracts';
import { type Actor, assertEstate } from '../../platform/access.ts';
import { type EventInput, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  type BulkBuilding,
  buildingNamesOf,
  countUnits,
  exceedsCap,
  planUnits,
} from './organisation.bulk.ts';
import {
  type BuildingRow,
  buildingJson,
  buildingNameTaken,
  buildingsByName,
  estateJson,
  estateTaken,
  existingNumbers,
  findBuilding,
  findEstate,
  findLocation,
  findUnit,
  insertBuildings,
  insertEstate,
  insertLocation,
  insertStatusChange,
  insertUnit,
  insertUnitsIfAbsent,
  locationJson,
  locationNameTaken,
  nextBuildingSort,
  nextEstateCode,
  topUnitFloor,
  unitDetail,
  unitNumberTaken,
  updateBuildingRow,
  updateEstateRow,
  updateLocationRow,
  updateUnitRow,
} from './organisation.structure.repository.ts';

export interface StructureDeps {
  db: Db;
  clock: Clock;
}

const stale = () => new AppError('CONFLICT', 'conflict.stale');

/** The fields whose value changes, as { field: { from, to } } for the audit event. */
function changesOf<T extends object>(
  before: T,
  set: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(set)) {
    const from = before[k as keyof T];
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (to !== undefined && !same) out[k] = { from, to };
  }
  return out;
}

/** Only the changed fields of `set` (an edit that repeats the current values writes nothing). */
function onlyChanged<T extends object>(before: T, set: Partial<T>): Partial<T> {
  const changed = changesOf(before, set);
  return Object.fromEntries(Object.keys(changed).map((k) => [k, set[k as keyof T]])) as Partial<T>;
}

function event(actor: Actor, at: Date, e: Omit<EventInput, 'companyId' | 'actorId' | 'at'>): EventInput {
  return { companyId: actor.companyId, actorId: actor.userId, at, ...e };
}

/** A unique index answered before our own check saw the row (two editors at once): the same 400. */
function uniqueConstraint(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  if (e?.code === '23505') return e.constraint ?? '';
  if (e?.cause?.code === '23505') return e.cause.constraint ?? '';
  return null;
}

async function mapUnique<T>(run: () => Promise<T>, byConstraint: Record<string, () => AppError>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const constraint = uniqueConstraint(err);
    if (constraint !== null) {
      const make = byConstraint[constraint] ?? Object.values(byConstraint)[0];
      if (make) throw make();
    }
    throw err;
  }
}

// ---- estates ------------------------------------------------------------------------------------

export async function createEstate(deps: StructureDeps, actor: Actor, body: EstateCreateBody) {
  const nameTaken = () => fieldError('name', 'validation.estateNameTaken');
  const codeTaken = () => fieldError('code', 'validation.estateCodeTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        if (await estateTaken(tx, actor.companyId, 'name', body.name)) throw nameTaken();
        if (body.code && (await estateTaken(tx, actor.companyId, 'code', body.code))) throw codeTaken();
        const at = deps.clock.now();
        const row = await insertEstate(tx, {
          id: newId(at.getTime()),
          companyId: actor.companyId,
          name: body.name,
          code: body.code ?? (await nextEstateCode(tx, actor.companyId)),
          type: body.type,
          address: body.address || null,
          timeZone: body.timeZone,
          createdAt: at,
        });
        await recordEvents(tx, [
          event(actor, at, {
            estateId: row.id,
            entityType: 'estate',
            entityId: row.id,
            action: 'created',
            data: { name: row.name, code: row.code, type: row.type, timeZone: row.timeZone },
          }),
        ]);
        return estateJson(row);
      }),
    { estates_company_name_uq: nameTaken, estates_company_code_uq: codeTaken },
  );
}

export async function updateEstate(deps: StructureDeps, actor: Actor, id: string, body: EstatePatchBody) {
  assertEstate(actor, id);
  const nameTaken = () => fieldError('name', 'validation.estateNameTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        const row = await findEstate(tx, actor.companyId, id, true);
        if (!row) throw notFound('notFound.estate');
        if (row.version !== body.version) throw stale();
        const set = onlyChanged(row, {
          name: body.name,
          type: body.type,
          address: body.address === undefined ? undefined : body.address || null,
          timeZone: body.timeZone,
        });
        if (Object.keys(set).length === 0) return estateJson(row);
        if (set.name && (await estateTaken(tx, actor.companyId, 'name', set.name, id))) throw nameTaken();
        const updated = await updateEstateRow(tx, id, row.version, set);
        if (!updated) throw stale();
        const at = deps.clock.now();
        await recordEvents(tx, [
          event(actor, at, {
            estateId: id,
            entityType: 'estate',
            entityId: id,
            action: 'changed',
            data: { version: updated.version, changes: changesOf(row, set) },
          }),
        ]);
        return estateJson(updated);
      }),
    { estates_company_name_uq: nameTaken },
  );
}

// ---- buildings ----------------------------------------------------------------------------------

async function readableBuilding(db: Db, actor: Actor, id: string, lock?: boolean): Promise<BuildingRow> {
  const row = await findBuilding(db, actor.companyId, id, lock);
  if (!row || !actor.estateIds.includes(row.estateId)) throw notFound('notFound.building');
  return row;
}

export async function createBuilding(
  deps: StructureDeps,
  actor: Actor,
  estateId: string,
  body: BuildingCreateBody,
) {
  assertEstate(actor, estateId);
  const nameTaken = () => fieldError('name', 'validation.buildingNameTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        if (await buildingNameTaken(tx, estateId, body.name)) throw nameTaken();
        const at = deps.clock.now();
        const [row] = await insertBuildings(tx, [
          {
            id: newId(at.getTime()),
            companyId: actor.companyId,
            estateId,
            name: body.name,
            floors: body.floors,
            sort: body.sort ?? (await nextBuildingSort(tx, estateId)),
          },
        ]);
        await recordEvents(tx, [
          event(actor, at, {
            estateId,
            entityType: 'building',
            entityId: row!.id,
            action: 'created',
            data: { name: row!.name, floors: row!.floors },
          }),
        ]);
        return buildingJson(tx, row!.id);
      }),
    { buildings_estate_name_uq: nameTaken },
  );
}

export async function updateBuilding(deps: StructureDeps, actor: Actor, id: string, body: BuildingPatchBody) {
  const nameTaken = () => fieldError('name', 'validation.buildingNameTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        const row = await readableBuilding(tx, actor, id, true);
        if (row.version !== body.version) throw stale();
        const set = onlyChanged(row, { name: body.name, floors: body.floors, sort: body.sort });
        if (Object.keys(set).length === 0) return buildingJson(tx, id);
        if (set.name && (await buildingNameTaken(tx, row.estateId, set.name, id))) throw nameTaken();
        if (set.floors !== undefined) {
          const top = await topUnitFloor(tx, id);
          if (set.floors < top)
            throw fieldError('floors', { key: 'validation.floorsBelowUnits', params: { floor: top } });
        }
        const updated = await updateBuildingRow(tx, id, row.version, set);
        if (!updated) throw stale();
        await recordEvents(tx, [
          event(actor, deps.clock.now(), {
            estateId: row.estateId,
            entityType: 'building',
            entityId: id,
            action: 'changed',
            data: { version: updated.version, changes: changesOf(row, set) },
          }),
        ]);
        return buildingJson(tx, id);
      }),
    { buildings_estate_name_uq: nameTaken },
  );
}

// ---- units --------------------------------------------------------------------------------------

/** A unit of the caller's estates (404 otherwise), as the edit forms and the file show it. */
export async function getUnit(
  deps: Pick<StructureDeps, 'db'>,
  actor: Actor,
  id: string,
): Promise<UnitDetail> {
  const row = await unitDetail(deps.db, id);
  if (!row || row.companyId !== actor.companyId || !actor.estateIds.includes(row.estateId))
    throw notFound('notFound.unit');
  const { timeZone: _tz, companyId: _c, ...unit } = row;
  return { ...unit, label: unitLabel(row.buildingName, row.number) };
}

const numberTaken = (building: string, number: string) =>
  fieldError('number', { key: 'validation.unitNumberTaken', params: { building, number } });

function floorWithin(field: string, floor: number, building: Pick<BuildingRow, 'floors'>) {
  if (floor > building.floors)
    throw fieldError(field, { key: 'validation.floorAboveBuilding', params: { floors: building.floors } });
}

/** Numeric area for the numeric(10,2) column. */
const areaOf = (a: number | null | undefined) =>
  a === undefined ? undefined : a === null ? null : a.toFixed(2);

export async function createUnit(deps: StructureDeps, actor: Actor, estateId: string, body: UnitCreateBody) {
  assertEstate(actor, estateId);
  const id = await mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        const building = await findBuilding(tx, actor.companyId, body.buildingId);
        // A unit is in its building's estate: a building of another estate is no building here.
        if (!building || building.estateId !== estateId)
          throw fieldError('buildingId', 'validation.buildingNotInEstate');
        floorWithin('floor', body.floor, building);
        if (await unitNumberTaken(tx, building.id, body.number))
          throw numberTaken(building.name, body.number);
        const at = deps.clock.now();
        const unitId = newId(at.getTime());
        await insertUnit(tx, {
          id: unitId,
          companyId: actor.companyId,
          estateId,
          buildingId: building.id,
          number: body.number,
          floor: body.floor,
          areaM2: areaOf(body.areaM2) ?? null,
          use: body.use,
          status: body.status,
        });
        await recordEvents(tx, [
          event(actor, at, {
            estateId,
            entityType: 'unit',
            entityId: unitId,
            action: 'created',
            data: { label: unitLabel(building.name, body.number), status: body.status, use: body.use },
          }),
        ]);
        return unitId;
      }),
    { units_building_number_uq: () => numberTaken('', body.number) },
  );
  return getUnit(deps, actor, id);
}

export async function updateUnit(deps: StructureDeps, actor: Actor, id: string, body: UnitPatchBody) {
  await mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        const row = await findUnit(tx, actor.companyId, id, true);
        if (!row || !actor.estateIds.includes(row.estateId)) throw notFound('notFound.unit');
        if (row.version !== body.version) throw stale();
        const set = onlyChanged(row, {
          number: body.number,
          floor: body.floor,
          areaM2: areaOf(body.areaM2),
          use: body.use,
          status: body.status,
        });
        // "126.30" and 126.3 are the same area.
        if (set.areaM2 !== undefined && set.areaM2 !== null && Number(set.areaM2) === Number(row.areaM2))
          delete set.areaM2;
        if (Object.keys(set).length === 0) return;
        const building = (await findBuilding(tx, actor.companyId, row.buildingId))!;
        if (set.floor !== undefined) floorWithin('floor', set.floor, building);
        if (set.number && (await unitNumberTaken(tx, row.buildingId, set.number, id)))
          throw numberTaken(building.name, set.number);
        const updated = await updateUnitRow(tx, id, row.version, set);
        if (!updated) throw stale();
        const at = deps.clock.now();
        if (set.status)
          await insertStatusChange(tx, {
            id: newId(at.getTime()),
            companyId: row.companyId,
            estateId: row.estateId,
            unitId: id,
            fromStatus: row.status,
            toStatus: set.status,
            at,
            byId: actor.userId,
            note: body.statusNote || null,
          });
        await recordEvents(tx, [
          event(actor, at, {
            estateId: row.estateId,
            entityType: 'unit',
            entityId: id,
            action: set.status ? 'status_changed' : 'changed',
            data: {
              version: updated.version,
              changes: changesOf(row, set),
              ...(set.status && body.statusNote ? { note: body.statusNote } : {}),
            },
          }),
        ]);
      }),
    { units_building_number_uq: () => numberTaken('', body.number ?? '') },
  );
  return getUnit(deps, actor, id);
}

// ---- bulk creation ------------------------------------------------------------------------------

interface BulkPlan {
  buildings: BulkBuilding[];
  count: number;
  units: ReturnType<typeof planUnits>;
  duplicates: string[];
}

/** What a pattern makes in the estate: its buildings (existing or to make), its units, its duplicates. */
async function planBulk(db: Db, actor: Actor, estateId: string, p: UnitBulkPattern): Promise<BulkPlan> {
  let list: BulkBuilding[];
  if (p.buildingId) {
    const b = await findBuilding(db, actor.companyId, p.buildingId);
    if (!b || b.estateId !== estateId) throw fieldError('buildingId', 'validation.buildingNotInEstate');
    list = [{ id: b.id, name: b.name, floors: b.floors }];
  } else {
    const names = buildingNamesOf(p.buildings!);
    const existing = new Map((await buildingsByName(db, estateId, names)).map((b) => [b.name, b] as const));
    list = names.map((name) => {
      const b = existing.get(name);
      return b ? { id: b.id, name, floors: b.floors } : { id: null, name, floors: p.floors.to };
    });
  }
  for (const b of list)
    if (b.id && p.floors.to > b.floors)
      throw fieldError('floors.to', {
        key: 'validation.bulkFloorAbove',
        params: { building: b.name, floors: b.floors },
      });

  const count = countUnits(p, list.length);
  if (count === 0) throw fieldError('pattern', 'validation.bulkEmpty');
  if (exceedsCap(count))
    throw fieldError('pattern', { key: 'validation.bulkTooMany', params: { count, cap: BULK_UNIT_CAP } });

  const units = planUnits(p, list);
  const duplicates: string[] = [];
  for (const b of list) {
    if (!b.id) continue;
    const mine = units.filter((u) => u.building === b);
    const taken = new Set(await existingNumbers(db, b.id, [...new Set(mine.map((u) => u.number))]));
    for (const u of mine) if (taken.has(u.number)) duplicates.push(u.label);
  }
  return { buildings: list, count, units, duplicates };
}

export async function previewBulkUnits(
  deps: Pick<StructureDeps, 'db'>,
  actor: Actor,
  estateId: string,
  pattern: UnitBulkPattern,
): Promise<UnitBulkPreview> {
  assertEstate(actor, estateId);
  const plan = await planBulk(deps.db, actor, estateId, pattern);
  const perBuilding = plan.count / plan.buildings.length;
  return {
    count: plan.count,
    first: plan.units[0]?.label ?? null,
    last: plan.units.at(-1)?.label ?? null,
    cap: BULK_UNIT_CAP,
    buildings: plan.buildings.map((b) => ({
      name: b.name,
      buildingId: b.id,
      floors: b.floors,
      units: perBuilding,
    })),
    duplicates: plan.duplicates.slice(0, BULK_DUPLICATES_SHOWN),
    duplicateCount: plan.duplicates.length,
  };
}

function duplicatesError(labels: string[]): AppError {
  const shown = labels.slice(0, 5).join('、');
  return fieldError('pattern', {
    key: 'validation.bulkDuplicates',
    params: { n: labels.length, examples: labels.length > 5 ? `${shown} …` : shown },
  });
}

/**
 * Creates every unit of the pattern, and the range's buildings that do not exist yet, in one
 * transaction: when one unit would duplicate an existing one, nothing is written.
 */
export async function createBulkUnits(
  deps: StructureDeps,
  actor: Actor,
  estateId: string,
  pattern: UnitBulkPattern,
): Promise<UnitBulkResult> {
  assertEstate(actor, estateId);
  const buildingTaken = () => fieldError('buildings', 'validation.buildingNameTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        const plan = await planBulk(tx, actor, estateId, pattern);
        if (plan.duplicates.length > 0) throw duplicatesError(plan.duplicates);
        const at = deps.clock.now();
        const events: EventInput[] = [];

        const toMake = plan.buildings.filter((b) => !b.id);
        let sort = toMake.length ? await nextBuildingSort(tx, estateId) : 0;
        const made = await insertBuildings(
          tx,
          toMake.map((b) => ({
            id: newId(at.getTime()),
            companyId: actor.companyId,
            estateId,
            name: b.name,
            floors: b.floors,
            sort: sort++,
          })),
        );
        for (const row of made) {
          const b = toMake.find((x) => x.name === row.name)!;
          b.id = row.id;
          events.push(
            event(actor, at, {
              estateId,
              entityType: 'building',
              entityId: row.id,
              action: 'created',
              data: { name: row.name, floors: row.floors, bulk: true },
            }),
          );
        }

        const inserted = await insertUnitsIfAbsent(
          tx,
          plan.units.map((u) => ({
            id: newId(at.getTime()),
            companyId: actor.companyId,
            estateId,
            buildingId: u.building.id!,
            number: u.number,
            floor: u.floor,
            areaM2: areaOf(pattern.areaM2) ?? null,
            use: pattern.use,
            status: pattern.status,
          })),
        );
        // Someone added one of these units since the plan was read: all or nothing.
        if (inserted !== plan.count) {
          const again = await planBulk(tx, actor, estateId, pattern).catch(() => null);
          throw duplicatesError(again?.duplicates.length ? again.duplicates : [plan.units[0]!.label]);
        }
        const first = plan.units[0]!.label;
        const last = plan.units.at(-1)!.label;
        events.push(
          event(actor, at, {
            estateId,
            entityType: 'estate',
            entityId: estateId,
            action: 'units_bulk_created',
            data: {
              count: plan.count,
              first,
              last,
              buildingIds: plan.buildings.map((b) => b.id),
              pattern: {
                floors: pattern.floors,
                rooms: pattern.rooms,
                use: pattern.use,
                status: pattern.status,
              },
            },
          }),
        );
        await recordEvents(tx, events);
        return {
          created: plan.count,
          first,
          last,
          buildingsCreated: made.map((b) => ({ id: b.id, name: b.name })),
        };
      }),
    { buildings_estate_name_uq: buildingTaken, units_building_number_uq: () => duplicatesError([]) },
  );
}

// ---- public locations ---------------------------------------------------------------------------

export async function createLocation(
  deps: StructureDeps,
  actor: Actor,
  estateId: string,
  body: LocationCreateBody,
) {
  assertEstate(actor, estateId);
  const nameTaken = () => fieldError('name', 'validation.locationNameTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        if (await locationNameTaken(tx, estateId, body.name)) throw nameTaken();
        const at = deps.clock.now();
        const row = await insertLocation(tx, {
          id: newId(at.getTime()),
          companyId: actor.companyId,
          estateId,
          name: body.name,
          kind: body.kind,
        });
        await recordEvents(tx, [
          event(actor, at, {
            estateId,
            entityType: 'location',
            entityId: row.id,
            action: 'created',
            data: { name: row.name, kind: row.kind },
          }),
        ]);
        return locationJson(row);
      }),
    { locations_estate_name_uq: nameTaken },
  );
}

export async function updateLocation(deps: StructureDeps, actor: Actor, id: string, body: LocationPatchBody) {
  const nameTaken = () => fieldError('name', 'validation.locationNameTaken');
  return mapUnique(
    () =>
      deps.db.transaction(async (tx) => {
        const row = await findLocation(tx, actor.companyId, id, true);
        if (!row || !actor.estateIds.includes(row.estateId)) throw notFound('notFound.location');
        if (row.version !== body.version) throw stale();
        const at = deps.clock.now();
        const retiredAt =
          body.retired === undefined ? undefined : body.retired ? (row.retiredAt ?? at) : null;
        const set = onlyChanged(row, { name: body.name, kind: body.kind, retiredAt });
        if (Object.keys(set).length === 0) return locationJson(row);
        if (set.name && (await locationNameTaken(tx, row.estateId, set.name, id))) throw nameTaken();
        const updated = await updateLocationRow(tx, id, row.version, set);
        if (!updated) throw stale();
        const action: string =
          set.retiredAt !== undefined
            ? set.retiredAt
              ? 'retired'
              : 'restored'
            : set.name
              ? 'renamed'
              : 'changed';
        await recordEvents(tx, [
          event(actor, at, {
            estateId: row.estateId,
            entityType: 'location',
            entityId: id,
            action,
            data: { version: updated.version, changes: changesOf(row, set) },
          }),
        ]);
        return locationJson(updated);
      }),
    { locations_estate_name_uq: nameTaken },
  );
}
