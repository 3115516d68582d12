/** Request and response shapes of /api/calendar (to move to @wuye/contracts). */
import { z } from 'zod';

export const CALENDAR_DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;
export const CalendarDayKind = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

export const CALENDAR_YEAR_SOURCES = ['shipped', 'imported', 'manual'] as const;
export type CalendarYearSource = (typeof CALENDAR_YEAR_SOURCES)[number];

/** A real `YYYY-MM-DD` date (2026-02-30 is refused). */
export const CalendarDate = z.iso.date();

const DayName = z.string().trim().min(1).max(50);

export const CalendarDaysQuery = z.object({ from: CalendarDate, to: CalendarDate });

export const CalendarDay = z.object({
  date: CalendarDate,
  workday: z.boolean(),
  kind: CalendarDayKind,
  name: z.string().optional(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarDayList = z.object({
  items: z.array(CalendarDay),
  /** Years of the range nobody has loaded: weekends only, holidays unknown. */
  provisionalYears: z.array(z.number().int()),
});

export const CalendarDayParams = z.object({ date: CalendarDate });

export const CalendarDayBody = z.strictObject({ kind: CalendarDayKind, name: DayName.optional() });
export type CalendarDayBody = z.infer<typeof CalendarDayBody>;

export const CalendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const CalendarImportBody = z.strictObject({
  days: z
    .array(z.strictObject({ date: CalendarDate, kind: CalendarDayKind, name: DayName.optional() }))
    .min(1)
    .max(366),
});
export type CalendarImportBody = z.infer<typeof CalendarImportBody>;

export const CalendarImportResult = z.object({
  year: z.number().int(),
  source: z.enum(CALENDAR_YEAR_SOURCES),
  days: z.number().int(),
});
