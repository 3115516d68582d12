/**
 * China's public holidays and make-up working days (调休), as announced by the General Office of the
 * State Council — shipped with the product for every year announced so far. A company's own entries
 * (edits, imported years) override these; a year not listed here and not loaded by the company counts
 * weekends only and is shown as provisional.
 *
 * Make-up working days carry the name of the holiday they make up for, as the notices list them.
 * When a new year is announced (usually in November), add it here and to SHIPPED_YEARS.
 */
import { addCivilDays, type CivilDate } from '../../platform/sla-time.ts';

export type SpecialDayKind = 'holiday' | 'makeup_workday';

export interface SpecialDay {
  date: CivilDate;
  kind: SpecialDayKind;
  name: string;
}

export const SHIPPED_YEARS: readonly number[] = [2025, 2026];

/** Every day from `first` to `last` (inclusive) off for `name`. */
function holiday(name: string, first: CivilDate, last: CivilDate = first): SpecialDay[] {
  const days: SpecialDay[] = [];
  for (let d = first; d <= last; d = addCivilDays(d, 1)) days.push({ date: d, kind: 'holiday', name });
  return days;
}

/** Weekend days worked instead (上班). */
function makeup(name: string, ...dates: CivilDate[]): SpecialDay[] {
  return dates.map((date) => ({ date, kind: 'makeup_workday', name }));
}

export const SHIPPED_DAYS: readonly SpecialDay[] = [
  // 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）
  ...holiday('元旦', '2025-01-01'),
  ...makeup('春节', '2025-01-26', '2025-02-08'),
  ...holiday('春节', '2025-01-28', '2025-02-04'),
  ...holiday('清明节', '2025-04-04', '2025-04-06'),
  ...makeup('劳动节', '2025-04-27'),
  ...holiday('劳动节', '2025-05-01', '2025-05-05'),
  ...holiday('端午节', '2025-05-31', '2025-06-02'),
  ...makeup('国庆节、中秋节', '2025-09-28', '2025-10-11'),
  ...holiday('国庆节、中秋节', '2025-10-01', '2025-10-08'),

  // 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）
  ...holiday('元旦', '2026-01-01', '2026-01-03'),
  ...makeup('元旦', '2026-01-04'),
  ...makeup('春节', '2026-02-14', '2026-02-28'),
  ...holiday('春节', '2026-02-15', '2026-02-23'),
  ...holiday('清明节', '2026-04-04', '2026-04-06'),
  ...holiday('劳动节', '2026-05-01', '2026-05-05'),
  ...makeup('劳动节', '2026-05-09'),
  ...holiday('端午节', '2026-06-19', '2026-06-21'),
  ...makeup('国庆节', '2026-09-20', '2026-10-10'),
  ...holiday('中秋节', '2026-09-25', '2026-09-27'),
  ...holiday('国庆节', '2026-10-01', '2026-10-07'),
];
