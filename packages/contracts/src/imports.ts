/**
 * Spreadsheet import of units and residents (spec 03 §6): the report of a check or an import, and who
 * may import. The sheets' layout (Chinese headers) lives with the server's import module; the web app
 * only shows the report.
 */
import { z } from 'zod';
import type { Role } from './enums.ts';

/**
 * Who may import (and download the template): those who set up the structure — the estate manager and
 * the company (hq_cs, gm). A customer-service supervisor keeps the resident file but does not create
 * buildings and units, so an import (which may) is not theirs.
 */
export const IMPORT_ROLES: readonly Role[] = ['manager', 'hq_cs', 'gm'];

/**
 * Who may export the residents' phone and ID numbers in full (GET /api/residents/export?full=true): a
 * bulk reveal is the management's decision; the desk reveals one number at a time, each audited.
 */
export const RESIDENT_FULL_EXPORT_ROLES: readonly Role[] = ['manager', 'hq_cs', 'gm'];

/** At most this many errors are listed; `errorTotal` counts them all. */
export const IMPORT_ERRORS_LISTED = 200;

export const ImportError = z.object({
  /** 房屋 or 住户; null for a problem of the file itself. */
  sheet: z.string().nullable(),
  /** The row as Excel numbers it (the header is row 1); null for the file or a sheet as a whole. */
  row: z.number().int().nullable(),
  /** The column's header; null when the problem is the row or the sheet. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

export const ImportReport = z.object({
  /** True when the file is valid (a check) or was written (an import). */
  ok: z.boolean(),
  dryRun: z.boolean(),
  /** What the file holds (and, when ok and not a dry run, what was written). */
  counts: z.object({
    units: z.number().int(),
    /** Buildings that do not exist yet and are (or would be) created. */
    buildings: z.number().int(),
    residents: z.number().int(),
    relations: z.number().int(),
  }),
  errors: z.array(ImportError),
  errorTotal: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReport>;
