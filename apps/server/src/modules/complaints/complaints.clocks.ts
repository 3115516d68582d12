/**
 * A complaint's clocks by grade (spec 02 §3), on the service desk's clock engine: which of the four
 * complaint deadlines it should have and when each falls due. Pure: the use cases compare this with
 * the stored clocks and insert, move or cancel the pending ones; met ones stay met.
 *
 * - `complaint_report`: reported to the office / the supervisor within 1 h of intake (major and hot:
 *   to the estate manager the same day); met when the supervisor classes the complaint.
 * - `complaint_contact`: an effective complaint's resident contacted within 2 h of being classed; met
 *   when the contact and the agreed reply time are recorded.
 * - `complaint_reply`: major and hot, a clear answer within 2 days of intake; once a reply time is
 *   agreed with the resident, that time (the earlier of the two for major and hot). Met by the answer.
 * - `complaint_resolve`: major and hot 10 days, important 3, general 2 (or the period the resident
 *   asked for, as the agreed reply time); met by `complete`.
 */
import type { ComplaintGrade, ComplaintValidity, DeadlineKind, SlaSettings } from '@wuye/contracts';
import type { ClockMaths, NewDeadline } from '../requests/requests.sla.ts';

export const COMPLAINT_CLOCK_KINDS = [
  'complaint_report',
  'complaint_contact',
  'complaint_reply',
  'complaint_resolve',
] as const satisfies readonly DeadlineKind[];

export interface ComplaintClockFacts {
  grade: ComplaintGrade;
  validity: ComplaintValidity | null;
  receivedAt: Date;
  classifiedAt: Date | null;
  agreedReplyAt: Date | null;
}

const serious = (g: ComplaintGrade) => g === 'major' || g === 'hot';

/** The complaint clocks this complaint should have now, each from its original start. */
export function complaintClocks(c: ComplaintClockFacts, rules: SlaSettings, m: ClockMaths): NewDeadline[] {
  const list: NewDeadline[] = [];
  const at = c.receivedAt;
  list.push({
    kind: 'complaint_report',
    startedAt: at,
    dueAt: serious(c.grade) ? m.sameDay(at) : m.addMinutes(at, rules.complaintReportMinutes),
  });
  if (c.validity === 'effective' && c.classifiedAt)
    list.push({
      kind: 'complaint_contact',
      startedAt: c.classifiedAt,
      dueAt: m.addMinutes(c.classifiedAt, rules.complaintContactMinutes),
    });
  const replyByGrade = serious(c.grade) ? m.addDays(at, rules.complaintReplyDays) : null;
  const reply =
    replyByGrade && c.agreedReplyAt
      ? new Date(Math.min(replyByGrade.getTime(), c.agreedReplyAt.getTime()))
      : (replyByGrade ?? c.agreedReplyAt);
  if (reply) list.push({ kind: 'complaint_reply', startedAt: at, dueAt: reply });
  const days = serious(c.grade)
    ? rules.complaintResolveDays.major
    : c.grade === 'important'
      ? rules.complaintResolveDays.important
      : rules.complaintResolveDays.general;
  list.push({ kind: 'complaint_resolve', startedAt: at, dueAt: m.addDays(at, days) });
  return list;
}
