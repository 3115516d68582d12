/**
 * Arrears (欠费, spec 05 §2 and the desk's arrears flag of spec 01 §1). Until Wuye Desk keeps the bills
 * itself, the fee system's arrears list (欠费明细) is loaded per estate from a spreadsheet: each import
 * is the whole list as of a date and replaces the one before (kept as history). The desk's look-up, the
 * unit file and the arrears page read the estate's latest list; an estate that has never loaded one
 * shows arrears as unknown, not as "nothing owed". See decision 0024.
 */
import { z } from 'zod';
import { Id, paged } from './api.ts';
import type { Role } from './enums.ts';
import { ImportError } from './imports.ts';

/** Who loads an estate's arrears list: the cashier who keeps the fees, the manager, the company. */
export const ARREARS_IMPORT_ROLES: readonly Role[] = ['cashier', 'manager', 'hq_cs', 'gm'];

/**
 * Who reads the arrears list: the desk (a caller's arrears change what the agent says), the stewards
 * who chase them (催缴), the cashier, the management and quality. Technicians and the lobby do not.
 */
export const ARREARS_READ_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'control_room',
  'steward',
  'cashier',
  'manager',
  'quality',
  'hq_cs',
  'gm',
];

/** The ageing bands of spec 05 §2, by months owed: 0–30, 31–90, 91–180 and over 180 days. */
export const ARREARS_AGES = ['m1', 'm3', 'm6', 'over6'] as const;
export const ArrearsAge = z.enum(ARREARS_AGES);
export type ArrearsAge = z.infer<typeof ArrearsAge>;

export function arrearsAge(months: number): ArrearsAge {
  if (months <= 1) return 'm1';
  if (months <= 3) return 'm3';
  if (months <= 6) return 'm6';
  return 'over6';
}

const LocalDate = z.iso.date();
/** A month as YYYY-MM. */
export const LocalMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** One loaded list: the fee system's arrears of an estate as of a date. */
export const ArrearsList = z.object({
  id: Id,
  estateId: Id,
  /** The date the list was drawn up in the fee system (截止日期). */
  asOf: LocalDate,
  importedAt: z.string(),
  importedById: Id,
  importedByName: z.string(),
  fileName: z.string().nullable(),
  /** Units owing. */
  units: z.number().int(),
  totalFen: z.number().int(),
});
export type ArrearsList = z.infer<typeof ArrearsList>;

/** What a unit owes on a list. */
export const UnitArrearsEntry = z.object({
  amountFen: z.number().int(),
  /** Months owed (欠费月数). */
  months: z.number().int(),
  /** The first month owed, when the list gives it. */
  since: LocalMonth.nullable(),
  note: z.string().nullable(),
});
export type UnitArrearsEntry = z.infer<typeof UnitArrearsEntry>;

export const ArrearsItem = UnitArrearsEntry.extend({
  unitId: Id,
  buildingName: z.string(),
  unitNumber: z.string(),
  /** 楼栋-房号 */
  unitLabel: z.string(),
  age: ArrearsAge,
  /** The unit's owners (or, when it has none, its other residents), for the caller who chases. */
  residents: z.array(z.string()),
});
export type ArrearsItem = z.infer<typeof ArrearsItem>;

export const ARREARS_SORTS = ['amount', 'months', 'unit'] as const;

export const ArrearsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** A room number or part of one, or a resident's name. */
  q: z.string().trim().max(50).optional(),
  buildingId: Id.optional(),
  age: ArrearsAge.optional(),
  sort: z.enum(ARREARS_SORTS).default('amount'),
});
export type ArrearsQuery = z.infer<typeof ArrearsQuery>;

export const ArrearsSummary = z.object({
  units: z.number().int(),
  totalFen: z.number().int(),
  byAge: z.array(z.object({ age: ArrearsAge, units: z.number().int(), totalFen: z.number().int() })),
});
export type ArrearsSummary = z.infer<typeof ArrearsSummary>;

/** GET /api/estates/:id/arrears — the latest list (null when none was ever loaded), filtered and paged. */
export const ArrearsPage = paged(ArrearsItem).extend({
  list: ArrearsList.nullable(),
  /** The whole list, whatever the filters. */
  summary: ArrearsSummary,
  /** The lists loaded before, newest first (at most 12). */
  history: z.array(ArrearsList),
});
export type ArrearsPage = z.infer<typeof ArrearsPage>;

/** The check or import of an arrears spreadsheet. */
export const ArrearsImportReport = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  asOf: LocalDate,
  counts: z.object({ units: z.number().int(), totalFen: z.number().int() }),
  errors: z.array(ImportError),
  errorTotal: z.number().int(),
});
export type ArrearsImportReport = z.infer<typeof ArrearsImportReport>;

/**
 * A resident's or a unit's arrears at the desk: null when the estate has no list (unknown); otherwise
 * the sum over the units on the latest list (0 when none of them is on it) and the longest months owed.
 */
export const ArrearsFlag = z.object({
  amountFen: z.number().int(),
  months: z.number().int(),
  asOf: LocalDate,
});
export type ArrearsFlag = z.infer<typeof ArrearsFlag>;

/** A unit's line on the estate's latest list (amount 0 when it is not on it); null on the unit file when the estate has no list. */
export const UnitArrears = UnitArrearsEntry.extend({ asOf: LocalDate });
export type UnitArrears = z.infer<typeof UnitArrears>;
