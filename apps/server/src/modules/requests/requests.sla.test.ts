/** Which rule counts which days: each day rule follows its own calendar/working switch. */
import { SLA_DEFAULTS, type SlaSettings } from '@wuye/contracts';
import { describe, expect, it } from 'vitest';
import { WEEKENDS_ONLY } from '../../platform/sla-time.ts';
import { clockMathsFor, clocksForAction, type SlaRequest, usesWorkingDays } from './requests.sla.ts';

const TZ = 'Asia/Shanghai';
const repair: SlaRequest = {
  type: 'repair',
  subtype: 'in_home',
  size: null,
  urgency: 'immediate',
  appointmentAt: null,
  categoryCode: null,
  reworkOf: null,
};
// Friday 2026-11-20 10:00 in Shanghai.
const friday = new Date('2026-11-20T10:00:00+08:00');

function rules(patch: (s: SlaSettings) => void = () => {}): SlaSettings {
  const s = structuredClone(SLA_DEFAULTS) as SlaSettings;
  patch(s);
  return s;
}

describe('day rules', () => {
  it('count calendar days by default, weekends included', () => {
    const r = rules();
    const [callback] = clocksForAction('complete', repair, friday, r, clockMathsFor(TZ, r));
    expect(callback!.dueAt).toEqual(new Date('2026-11-22T10:00:00+08:00'));
    expect(usesWorkingDays(r)).toBe(false);
  });

  it('count working days for a rule switched to them, and only for that rule', () => {
    const r = rules((s) => (s.dayCounting.callback = 'working'));
    const maths = clockMathsFor(TZ, r, WEEKENDS_ONLY);
    const [callback] = clocksForAction('complete', repair, friday, r, maths);
    expect(callback!.dueAt).toEqual(new Date('2026-11-24T10:00:00+08:00'));
    const leak = { ...repair, categoryCode: 'leak_pipe' };
    const [leakCallback] = clocksForAction('complete', leak, friday, r, maths);
    expect(leakCallback!.dueAt).toEqual(new Date('2026-11-23T10:00:00+08:00'));
  });

  it('need the working calendar once a rule counts working days', () => {
    const r = rules((s) => (s.dayCounting.publicFixMajor = 'working'));
    expect(usesWorkingDays(r)).toBe(true);
    const major = { ...repair, subtype: 'public', size: 'major' };
    expect(() => clocksForAction('dispatch', major, friday, r, clockMathsFor(TZ, r))).toThrow(/calendar/);
  });
});
