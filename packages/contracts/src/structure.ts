/**
 * Setting up the property structure (spec 03 §1): the bodies that create and edit estates, buildings,
 * units and public locations, and the bulk pattern that creates a building's (or an estate's) units at
 * once. Every edit names the `version` it read; a stale one is a 409.
 */
import { z } from 'zod';
import { Id } from './api.ts';
import { EstateType, LocationKind as LocationKindSchema, UnitStatus, UnitUse } from './enums.ts';

const Version = z.number().int().min(1);
const Name = (max: number) => z.string().trim().min(1).max(max);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return /\//.test(tz) || tz === 'UTC';
  } catch {
    return false;
  }
}
const TimeZone = z.string().trim().max(64).refine(isTimeZone, { message: 'validation.timeZone' });

// ---- estates ------------------------------------------------------------------------------------

export const EstateCreateBody = z.strictObject({
  name: Name(50),
  /** The company's short code (P001 …); the next free P-number when left out. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/)
    .optional(),
  type: EstateType,
  address: z.string().trim().max(200).optional(),
  timeZone: TimeZone.default('Asia/Shanghai'),
});
export type EstateCreateBody = z.infer<typeof EstateCreateBody>;

export const EstatePatchBody = z.strictObject({
  version: Version,
  name: Name(50).optional(),
  type: EstateType.optional(),
  address: z.string().trim().max(200).nullable().optional(),
  timeZone: TimeZone.optional(),
});
export type EstatePatchBody = z.infer<typeof EstatePatchBody>;

// ---- buildings ----------------------------------------------------------------------------------

export const BUILDING_MAX_FLOORS = 200;

export const BuildingCreateBody = z.strictObject({
  name: Name(30),
  floors: z.number().int().min(1).max(BUILDING_MAX_FLOORS),
  /** Position in lists; after the last building when left out. */
  sort: z.number().int().min(0).max(9999).optional(),
});
export type BuildingCreateBody = z.infer<typeof BuildingCreateBody>;

export const BuildingPatchBody = z.strictObject({
  version: Version,
  name: Name(30).optional(),
  floors: z.number().int().min(1).max(BUILDING_MAX_FLOORS).optional(),
  sort: z.number().int().min(0).max(9999).optional(),
});
export type BuildingPatchBody = z.infer<typeof BuildingPatchBody>;

// ---- units --------------------------------------------------------------------------------------

const UnitNumber = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[^\s/\\]+$/);
const Area = z
  .number()
  .positive()
  .max(100_000)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, { message: 'validation.twoDecimals' });

export const UnitCreateBody = z.strictObject({
  buildingId: Id,
  number: UnitNumber,
  floor: z.number().int().min(1).max(BUILDING_MAX_FLOORS),
  areaM2: Area.nullable().optional(),
  use: UnitUse.default('residence'),
  status: UnitStatus.default('vacant'),
});
export type UnitCreateBody = z.infer<typeof UnitCreateBody>;

export const UnitPatchBody = z.strictObject({
  version: Version,
  number: UnitNumber.optional(),
  floor: z.number().int().min(1).max(BUILDING_MAX_FLOORS).optional(),
  areaM2: Area.nullable().optional(),
  use: UnitUse.optional(),
  status: UnitStatus.optional(),
  /** Why the status changed (kept in the status history). */
  statusNote: z.string().trim().max(200).optional(),
});
export type UnitPatchBody = z.infer<typeof UnitPatchBody>;

export const UnitDetail = z.object({
  id: Id,
  estateId: Id,
  estateName: z.string(),
  buildingId: Id,
  buildingName: z.string(),
  buildingFloors: z.number().int(),
  number: z.string(),
  label: z.string(),
  floor: z.number().int(),
  areaM2: z.number().nullable(),
  use: UnitUse,
  status: UnitStatus,
  version: z.number().int(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

// ---- bulk creation ------------------------------------------------------------------------------

/**
 * Units from a pattern: every floor of `floors` (less `skip`) times every room of `rooms`, in one
 * existing building (`buildingId`) or in each building of a numbered range (`buildings`: 1–12 with
 * suffix 栋 → 1栋 … 12栋; buildings of the range that do not exist yet are created with `floors.to`
 * floors). Room 4 on floor 18 with 2 digits is unit 1804.
 */
export const UnitBulkBody = z
  .strictObject({
    buildingId: Id.optional(),
    buildings: z
      .strictObject({
        from: z.number().int().min(1).max(999),
        to: z.number().int().min(1).max(999),
        prefix: z.string().trim().max(10).default(''),
        suffix: z.string().trim().max(10).default('栋'),
      })
      .optional(),
    floors: z.strictObject({
      from: z.number().int().min(1).max(BUILDING_MAX_FLOORS),
      to: z.number().int().min(1).max(BUILDING_MAX_FLOORS),
      /** Floors without units (e.g. a refuge floor, or floors some buildings do not number). */
      skip: z.array(z.number().int().min(1).max(BUILDING_MAX_FLOORS)).max(50).default([]),
    }),
    rooms: z.strictObject({
      from: z.number().int().min(1).max(99),
      to: z.number().int().min(1).max(99),
      digits: z.number().int().min(1).max(3).default(2),
    }),
    areaM2: Area.nullable().optional(),
    use: UnitUse.default('residence'),
    status: UnitStatus.default('vacant'),
  })
  .superRefine((b, ctx) => {
    if (Boolean(b.buildingId) === Boolean(b.buildings))
      ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'validation.bulkBuildingOneOf' });
    if (b.buildings && b.buildings.from > b.buildings.to)
      ctx.addIssue({ code: 'custom', path: ['buildings', 'to'], message: 'validation.rangeOrder' });
    if (b.floors.from > b.floors.to)
      ctx.addIssue({ code: 'custom', path: ['floors', 'to'], message: 'validation.rangeOrder' });
    if (b.rooms.from > b.rooms.to)
      ctx.addIssue({ code: 'custom', path: ['rooms', 'to'], message: 'validation.rangeOrder' });
    if (b.rooms.to >= 10 ** b.rooms.digits)
      ctx.addIssue({ code: 'custom', path: ['rooms', 'digits'], message: 'validation.roomDigits' });
  });
export type UnitBulkBody = z.input<typeof UnitBulkBody>;
export type UnitBulkPattern = z.output<typeof UnitBulkBody>;

export const UnitBulkPreview = z.object({
  /** Units the pattern makes (duplicates included). */
  count: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  cap: z.number().int(),
  buildings: z.array(
    z.object({
      name: z.string(),
      /** null: the building does not exist yet and is created with `floors` floors. */
      buildingId: Id.nullable(),
      floors: z.number().int(),
      units: z.number().int(),
    }),
  ),
  /** Labels of units that already exist (the first BULK_DUPLICATES_SHOWN). */
  duplicates: z.array(z.string()),
  duplicateCount: z.number().int(),
});
export type UnitBulkPreview = z.infer<typeof UnitBulkPreview>;

export const UnitBulkResult = z.object({
  created: z.number().int(),
  first: z.string(),
  last: z.string(),
  buildingsCreated: z.array(z.object({ id: Id, name: z.string() })),
});
export type UnitBulkResult = z.infer<typeof UnitBulkResult>;

// ---- public locations ---------------------------------------------------------------------------

export const LocationCreateBody = z.strictObject({ name: Name(50), kind: LocationKindSchema });
export type LocationCreateBody = z.infer<typeof LocationCreateBody>;

export const LocationPatchBody = z.strictObject({
  version: Version,
  name: Name(50).optional(),
  kind: LocationKindSchema.optional(),
  /** true retires the location (停用), false brings it back. */
  retired: z.boolean().optional(),
});
export type LocationPatchBody = z.infer<typeof LocationPatchBody>;
