/**
 * Which clocks a request event starts (spec 01 §4, "When each clock starts and what meets it").
 * Pure: takes the rules (the seeds' numbers under the estate's own settings) and the time maths.
 */
import type { DayCounting, DeadlineKind, RequestAction, RequestType, SlaSettings } from '@wuye/contracts';
import { addDays, addMinutes, sameDayDeadline, type WorkCalendar } from '../../platform/sla-time.ts';

export interface ClockMaths {
  addMinutes(start: Date, minutes: number): Date;
  /** N days later at the same local time: calendar days, or working days of the company's calendar. */
  addDays(start: Date, days: number, counting?: DayCounting): Date;
  /** 24:00 local time the same day, or the next day when started after the night begins. */
  sameDay(start: Date): Date;
}

/** An estate's clock rules (the seeds' defaults under its own settings) with the maths to apply them. */
export interface EstateClockRules {
  rules: SlaSettings;
  maths: ClockMaths;
}

/** Whether any day rule of these settings counts working days (and so needs the working calendar). */
export function usesWorkingDays(rules: SlaSettings): boolean {
  return Object.values(rules.dayCounting).includes('working');
}

/**
 * The maths for one estate: its time zone, its night start, and — for the day rules switched to working
 * days — its company's working calendar.
 */
export function clockMathsFor(timeZone: string, rules: SlaSettings, calendar?: WorkCalendar): ClockMaths {
  return {
    addMinutes,
    addDays: (start, days, counting = 'calendar') => {
      if (counting === 'working' && !calendar)
        throw new Error('A working-day rule needs the working calendar (see usesWorkingDays)');
      return addDays(start, days, { tz: timeZone, workingDays: counting === 'working', calendar });
    },
    sameDay: (start) => sameDayDeadline(start, { tz: timeZone, nightStart: rules.night.start }),
  };
}

export interface NewDeadline {
  kind: DeadlineKind;
  startedAt: Date;
  dueAt: Date;
}

export interface SlaRequest {
  type: RequestType;
  subtype: string | null;
  size: string | null;
  urgency: string;
  appointmentAt: Date | null;
  categoryCode: string | null;
  reworkOf: string | null;
}

/** Clocks started at intake. */
export function clocksAtIntake(
  r: SlaRequest & { needsReply?: boolean },
  at: Date,
  rules: SlaSettings,
  m: ClockMaths,
): NewDeadline[] {
  const list: NewDeadline[] = [];
  if (r.type === 'enquiry' && r.needsReply)
    list.push({ kind: 'reply', startedAt: at, dueAt: m.addMinutes(at, rules.replyMinutes) });
  if (r.type === 'paid_service')
    list.push({
      kind: 'booking_confirm',
      startedAt: at,
      dueAt: m.addMinutes(at, rules.bookingConfirmMinutes),
    });
  if (r.reworkOf)
    list.push({ kind: 'rework', startedAt: at, dueAt: m.addMinutes(at, rules.reworkHours * 60) });
  return list;
}

const isPublicRepair = (r: SlaRequest) => r.type === 'repair' && r.subtype === 'public';

/** The kinds an action meets (a pending clock of that kind becomes met). */
export const MET_BY: Partial<Record<RequestAction, DeadlineKind[]>> = {
  arrive: ['on_site'],
  complete: ['fix', 'reply', 'rework', 'complaint_resolve'],
};

/** The kinds whose clock restarts when their start event happens again (re-dispatch). */
export const RESTARTED_BY: Partial<Record<RequestAction, DeadlineKind[]>> = {
  dispatch: ['on_site', 'fix'],
  reopen: ['on_site', 'fix', 'callback'],
};

/** Clocks started by a transition. */
export function clocksForAction(
  action: RequestAction,
  r: SlaRequest,
  at: Date,
  rules: SlaSettings,
  m: ClockMaths,
  extra: { leakTestAt?: Date | null } = {},
): NewDeadline[] {
  const works = r.type === 'repair' || r.type === 'paid_service';
  switch (action) {
    case 'dispatch':
    case 'reopen': {
      if (!works) return [];
      const list: NewDeadline[] = [];
      const onSiteDue =
        r.urgency === 'scheduled' && r.appointmentAt && r.appointmentAt > at
          ? r.appointmentAt
          : m.addMinutes(at, rules.onSiteMinutes);
      list.push({ kind: 'on_site', startedAt: at, dueAt: onSiteDue });
      if (isPublicRepair(r)) {
        const size = r.size ?? 'minor';
        const dueAt =
          size === 'minor'
            ? m.sameDay(at)
            : size === 'medium'
              ? m.addDays(at, rules.publicFixDays.medium, rules.dayCounting.publicFixMedium)
              : m.addDays(at, rules.publicFixDays.major, rules.dayCounting.publicFixMajor);
        list.push({ kind: 'fix', startedAt: at, dueAt });
      }
      return list;
    }
    case 'arrive':
      return r.type === 'repair' && !isPublicRepair(r)
        ? [{ kind: 'fix', startedAt: at, dueAt: m.addMinutes(at, rules.fixHours * 60) }]
        : [];
    case 'complete': {
      if (r.type === 'paid_service') return [{ kind: 'callback', startedAt: at, dueAt: m.sameDay(at) }];
      if (r.type !== 'repair') return [];
      if (r.categoryCode?.startsWith('leak')) {
        const from = extra.leakTestAt ?? at;
        const dueAt = m.addDays(from, rules.leakCallbackDays, rules.dayCounting.leakCallback);
        return [{ kind: 'callback', startedAt: at, dueAt }];
      }
      const dueAt = m.addDays(at, rules.callbackDays, rules.dayCounting.callback);
      return [{ kind: 'callback', startedAt: at, dueAt }];
    }
    default:
      return [];
  }
}
