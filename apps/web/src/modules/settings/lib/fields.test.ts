/** The settings page's fields against the contract: every value has a field, bounds match, units convert. */
import { SlaSettings as Schema, SLA_DEFAULTS, type SlaSettings, settingPaths } from '@wuye/contracts';
import { describe, expect, it } from 'vitest';
import { differingPaths, formFieldOf, fromForm, NUMBER_AND_TIME_FIELDS, toForm } from './fields';

const defaults = SLA_DEFAULTS as SlaSettings;

describe('the settings page', () => {
  it('has a field (or a day-rule switch) for every value of the settings, and nothing else', () => {
    const shown = NUMBER_AND_TIME_FIELDS.flatMap((f) =>
      f.kind === 'number' && f.counting ? [f.path, f.counting] : [f.path],
    );
    expect([...shown].sort()).toEqual([...settingPaths(SLA_DEFAULTS)].sort());
  });

  it('offers exactly the range the server accepts', () => {
    for (const f of NUMBER_AND_TIME_FIELDS) {
      if (f.kind !== 'number') continue;
      const accepts = (formValue: number) => {
        const values = { ...toForm(defaults), [f.path]: formValue };
        // Keep the cross-field rule (major ≥ medium) out of the way of the bound being tested.
        if (f.path === 'publicFixDays.medium') values['publicFixDays.major'] = 60;
        if (f.path === 'publicFixDays.major') values['publicFixDays.medium'] = 1;
        return Schema.safeParse(fromForm(values, defaults)).success;
      };
      const unit = f.unit === 'yuan' ? 0.01 : 1;
      expect({ path: f.path, min: accepts(f.min), max: accepts(f.max) }).toEqual({
        path: f.path,
        min: true,
        max: true,
      });
      expect({ path: f.path, below: accepts(f.min - unit), above: accepts(f.max + unit) }).toEqual({
        path: f.path,
        below: false,
        above: false,
      });
    }
  });

  it('shows fen as yuan and shares as percent, and sends them back exactly', () => {
    const values = toForm(defaults);
    expect(values).toMatchObject({
      quoteApprovalAboveFen: 100,
      warningFraction: 75,
      'callbackQuotas.manager': 10,
      'night.start': '18:30',
      'dayCounting.callback': 'calendar',
    });
    const edited = {
      ...values,
      quoteApprovalAboveFen: 123.45,
      'callbackQuotas.cs_supervisor': 35,
      'dayCounting.callback': 'working',
    };
    const back = fromForm(edited, defaults);
    expect(back.quoteApprovalAboveFen).toBe(12_345);
    expect(back.callbackQuotas.cs_supervisor).toBe(0.35);
    expect(back.dayCounting.callback).toBe('working');
    expect(fromForm(values, defaults)).toEqual(SLA_DEFAULTS);
    expect(differingPaths(edited, values).sort()).toEqual(
      ['callbackQuotas.cs_supervisor', 'dayCounting.callback', 'quoteApprovalAboveFen'].sort(),
    );
  });

  it('puts a server field error on the form field', () => {
    expect(formFieldOf('settings.publicFixDays.medium')).toBe('publicFixDays.medium');
  });
});
