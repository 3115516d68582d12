/** The clock settings' shape and the overrides an estate stores: only what differs from the seeds. */
import { describe, expect, it } from 'vitest';
import { SLA_DEFAULTS } from './requests.ts';
import {
  effectiveSla,
  overriddenPaths,
  type SlaSettings,
  SlaSettings as SlaSettingsSchema,
  settingPaths,
  slaOverrides,
} from './sla-settings.ts';

const defaults = (): SlaSettings => structuredClone(SLA_DEFAULTS) as SlaSettings;

describe('the seeds’ defaults', () => {
  it('pass the settings schema, every day rule counting calendar days', () => {
    expect(SlaSettingsSchema.safeParse(SLA_DEFAULTS).success).toBe(true);
    expect(new Set(Object.values(SLA_DEFAULTS.dayCounting))).toEqual(new Set(['calendar']));
  });

  it('name every value by a dotted path', () => {
    expect(settingPaths(SLA_DEFAULTS)).toEqual(
      expect.arrayContaining([
        'onSiteMinutes',
        'publicFixDays.medium',
        'night.start',
        'dayCounting.callback',
      ]),
    );
  });
});

describe('overrides', () => {
  it('keep only the values that differ from the defaults', () => {
    const s = defaults();
    s.onSiteMinutes = 30;
    s.night.start = '19:00';
    s.dayCounting.callback = 'working';
    const o = slaOverrides(s, SLA_DEFAULTS);
    expect(o).toEqual({ onSiteMinutes: 30, night: { start: '19:00' }, dayCounting: { callback: 'working' } });
    expect(overriddenPaths(o, SLA_DEFAULTS)).toEqual([
      'onSiteMinutes',
      'night.start',
      'dayCounting.callback',
    ]);
  });

  it('are empty when the settings are the defaults', () => {
    expect(slaOverrides(defaults(), SLA_DEFAULTS)).toEqual({});
  });

  it('lay the estate’s values over the defaults, so a later default change reaches estates that kept it', () => {
    const later = { ...defaults(), fixHours: 6 };
    const effective = effectiveSla({ onSiteMinutes: 30 }, later);
    expect(effective).toMatchObject({ onSiteMinutes: 30, fixHours: 6, night: SLA_DEFAULTS.night });
  });

  it('fall back to the default for a stored value the schema no longer accepts, and ignore unknown fields', () => {
    const effective = effectiveSla(
      { onSiteMinutes: 9999, fixHours: 4, retiredField: 3, night: { start: 'late' } },
      SLA_DEFAULTS,
    );
    expect(effective.onSiteMinutes).toBe(15);
    expect(effective.fixHours).toBe(4);
    expect(effective.night.start).toBe('18:30');
    expect(effective).not.toHaveProperty('retiredField');
  });
});

describe('bounds', () => {
  const issues = (patch: (s: SlaSettings) => void) => {
    const s = defaults();
    patch(s);
    const r = SlaSettingsSchema.safeParse(s);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('refuse a zero arrival window, a fraction out of 50–95% and a non-time night start', () => {
    const found = issues((s) => {
      s.onSiteMinutes = 0;
      s.warningFraction = 0.99;
      s.night.start = '25:00';
    });
    expect(Object.keys(found).sort()).toEqual(['night.start', 'onSiteMinutes', 'warningFraction']);
    expect(found['night.start']).toBe('validation.timeOfDay');
  });

  it('refuse an empty night window and a major repair shorter than a medium one', () => {
    expect(
      issues((s) => {
        s.night = { start: '20:00', end: '20:00' };
        s.publicFixDays = { medium: 4, major: 3 };
      }),
    ).toEqual({
      'night.end': 'validation.nightWindowEmpty',
      'publicFixDays.major': 'validation.majorBelowMedium',
    });
  });

  it('refuse callback quotas outside 0–100%', () => {
    expect(Object.keys(issues((s) => (s.callbackQuotas.manager = 1.2)))).toEqual(['callbackQuotas.manager']);
  });
});
