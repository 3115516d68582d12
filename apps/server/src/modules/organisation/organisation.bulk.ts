/**
 * The bulk pattern's arithmetic (pure): which buildings, floors and rooms a pattern names, how many
 * units that is — counted before anything is listed, so a pattern of millions is refused without
 * building the list — and the units themselves in the order the office reads them (building, floor,
 * room). The use case adds what the database knows: existing buildings and duplicates.
 */
import { BULK_UNIT_CAP, type UnitBulkPattern, unitLabel, unitNumberOf } from '@wuye/contracts';

export interface BulkBuilding {
  name: string;
  /** Set when the building exists. */
  id: string | null;
  /** The building's floors (its own when it exists, the pattern's top floor when it is to be made). */
  floors: number;
}

export interface PlannedUnit {
  building: BulkBuilding;
  number: string;
  floor: number;
  label: string;
}

/** The building names a range makes: from 1 to 3 with suffix 栋 → 1栋, 2栋, 3栋. */
export function buildingNamesOf(range: NonNullable<UnitBulkPattern['buildings']>): string[] {
  const names: string[] = [];
  for (let n = range.from; n <= range.to; n++) names.push(`${range.prefix}${n}${range.suffix}`);
  return names;
}

/** The floors with units: the range less the skipped ones. */
export function floorsOf(pattern: Pick<UnitBulkPattern, 'floors'>): number[] {
  const skip = new Set(pattern.floors.skip);
  const list: number[] = [];
  for (let f = pattern.floors.from; f <= pattern.floors.to; f++) if (!skip.has(f)) list.push(f);
  return list;
}

/** How many units a pattern makes over this many buildings (no list is built). */
export function countUnits(
  pattern: Pick<UnitBulkPattern, 'floors' | 'rooms'>,
  buildingCount: number,
): number {
  return buildingCount * floorsOf(pattern).length * (pattern.rooms.to - pattern.rooms.from + 1);
}

export function exceedsCap(count: number, cap: number = BULK_UNIT_CAP): boolean {
  return count > cap;
}

/** Every unit of the pattern in these buildings, building by building, floor by floor, room by room. */
export function planUnits(
  pattern: Pick<UnitBulkPattern, 'floors' | 'rooms'>,
  list: BulkBuilding[],
): PlannedUnit[] {
  const floors = floorsOf(pattern);
  const out: PlannedUnit[] = [];
  for (const building of list)
    for (const floor of floors)
      for (let room = pattern.rooms.from; room <= pattern.rooms.to; room++) {
        const number = unitNumberOf(floor, room, pattern.rooms.digits);
        out.push({ building, number, floor, label: unitLabel(building.name, number) });
      }
  return out;
}
