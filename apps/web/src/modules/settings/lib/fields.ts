/**
 * The fields of the clock settings page, by card: each value's path in `SlaSettings`, its unit, its
 * bounds (those of the contract's schema, which the server checks again) and, for a day rule, the path
 * of its calendar/working switch. Also the conversions between the API's units (fen, fractions) and
 * the form's (yuan, percent). Pure, so it is tested against the schema itself.
 */
import type { DayCounting, SlaSettings } from '@wuye/contracts';
import type { MessageKey } from '../../../app/i18n/messages';

export type Unit = 'minutes' | 'hours' | 'days' | 'times' | 'yuan' | 'percent';

export type NumberField = {
  kind: 'number';
  path: string;
  label: MessageKey;
  help?: MessageKey;
  unit: Unit;
  /** In the form's unit (yuan, percent). */
  min: number;
  max: number;
  step?: number;
  precision?: number;
  /** The `dayCounting.*` switch of a day rule. */
  counting?: string;
};
export type TimeField = { kind: 'time'; path: string; label: MessageKey; help?: MessageKey };
/** A rule shown but not editable (minor public repairs are always "same day"). */
export type FixedRow = { kind: 'sameDay'; label: MessageKey };
export type Field = NumberField | TimeField | FixedRow;

export type GroupKey = 'repair' | 'public' | 'callback' | 'desk' | 'complaint' | 'night' | 'quote' | 'quotas';
export type Group = { key: GroupKey; title: MessageKey; note?: MessageKey; fields: Field[] };

const minutes = (path: string, max: number, min = 1) =>
  ({ kind: 'number', path, unit: 'minutes', min, max }) as const;

export const GROUPS: readonly Group[] = [
  {
    key: 'repair',
    title: 'settings.group.repair',
    fields: [
      {
        ...minutes('onSiteMinutes', 480),
        label: 'settings.field.onSiteMinutes',
        help: 'settings.help.onSiteMinutes',
      },
      {
        kind: 'number',
        path: 'fixHours',
        label: 'settings.field.fixHours',
        help: 'settings.help.fixHours',
        unit: 'hours',
        min: 1,
        max: 168,
      },
      {
        kind: 'number',
        path: 'reworkHours',
        label: 'settings.field.reworkHours',
        help: 'settings.help.reworkHours',
        unit: 'hours',
        min: 1,
        max: 168,
      },
    ],
  },
  {
    key: 'public',
    title: 'settings.group.public',
    fields: [
      { kind: 'sameDay', label: 'settings.field.publicMinor' },
      {
        kind: 'number',
        path: 'publicFixDays.medium',
        label: 'settings.field.publicFixDays.medium',
        help: 'settings.help.publicFix',
        unit: 'days',
        min: 1,
        max: 30,
        counting: 'dayCounting.publicFixMedium',
      },
      {
        kind: 'number',
        path: 'publicFixDays.major',
        label: 'settings.field.publicFixDays.major',
        help: 'settings.help.publicFix',
        unit: 'days',
        min: 1,
        max: 60,
        counting: 'dayCounting.publicFixMajor',
      },
    ],
  },
  {
    key: 'callback',
    title: 'settings.group.callback',
    fields: [
      {
        kind: 'number',
        path: 'callbackDays',
        label: 'settings.field.callbackDays',
        help: 'settings.help.callbackDays',
        unit: 'days',
        min: 1,
        max: 30,
        counting: 'dayCounting.callback',
      },
      {
        kind: 'number',
        path: 'leakCallbackDays',
        label: 'settings.field.leakCallbackDays',
        help: 'settings.help.leakCallbackDays',
        unit: 'days',
        min: 1,
        max: 30,
        counting: 'dayCounting.leakCallback',
      },
      {
        kind: 'number',
        path: 'callbackRetries',
        label: 'settings.field.callbackRetries',
        help: 'settings.help.callbackRetries',
        unit: 'times',
        min: 1,
        max: 10,
      },
      {
        kind: 'number',
        path: 'callbackRetryWindowDays',
        label: 'settings.field.callbackRetryWindowDays',
        help: 'settings.help.callbackRetryWindowDays',
        unit: 'days',
        min: 1,
        max: 14,
      },
    ],
  },
  {
    key: 'desk',
    title: 'settings.group.desk',
    fields: [
      {
        ...minutes('replyMinutes', 240),
        label: 'settings.field.replyMinutes',
        help: 'settings.help.replyMinutes',
      },
      {
        ...minutes('bookingConfirmMinutes', 1440, 5),
        label: 'settings.field.bookingConfirmMinutes',
        help: 'settings.help.bookingConfirmMinutes',
      },
      {
        kind: 'number',
        path: 'forwardDays',
        label: 'settings.field.forwardDays',
        help: 'settings.help.forwardDays',
        unit: 'days',
        min: 1,
        max: 30,
        counting: 'dayCounting.forward',
      },
    ],
  },
  {
    key: 'complaint',
    title: 'settings.group.complaint',
    note: 'settings.group.complaintNote',
    fields: [
      {
        ...minutes('complaintReportMinutes', 1440, 10),
        label: 'settings.field.complaintReportMinutes',
        help: 'settings.help.complaintReportMinutes',
      },
      {
        ...minutes('complaintContactMinutes', 1440, 10),
        label: 'settings.field.complaintContactMinutes',
        help: 'settings.help.complaintContactMinutes',
      },
      {
        kind: 'number',
        path: 'complaintReplyDays',
        label: 'settings.field.complaintReplyDays',
        help: 'settings.help.complaintReplyDays',
        unit: 'days',
        min: 1,
        max: 30,
      },
      ...(
        [
          ['major', 90],
          ['important', 30],
          ['general', 30],
        ] as const
      ).map(
        ([grade, max]): NumberField => ({
          kind: 'number',
          path: `complaintResolveDays.${grade}`,
          label: `settings.field.complaintResolveDays.${grade}`,
          unit: 'days',
          min: 1,
          max,
        }),
      ),
    ],
  },
  {
    key: 'night',
    title: 'settings.group.night',
    fields: [
      { kind: 'time', path: 'night.start', label: 'settings.field.night.start', help: 'settings.help.night' },
      { kind: 'time', path: 'night.end', label: 'settings.field.night.end' },
      {
        kind: 'number',
        path: 'warningFraction',
        label: 'settings.field.warningFraction',
        help: 'settings.help.warningFraction',
        unit: 'percent',
        min: 50,
        max: 95,
        step: 5,
      },
    ],
  },
  {
    key: 'quote',
    title: 'settings.group.quote',
    fields: [
      {
        kind: 'number',
        path: 'quoteApprovalAboveFen',
        label: 'settings.field.quoteApprovalAboveFen',
        help: 'settings.help.quoteApprovalAboveFen',
        unit: 'yuan',
        min: 0,
        max: 100_000,
        step: 10,
        precision: 2,
      },
    ],
  },
  {
    key: 'quotas',
    title: 'settings.group.quotas',
    note: 'settings.group.quotasNote',
    fields: (['manager', 'cs_supervisor', 'dept_lead'] as const).map(
      (role): NumberField => ({
        kind: 'number',
        path: `callbackQuotas.${role}`,
        label: `settings.field.callbackQuotas.${role}`,
        unit: 'percent',
        min: 0,
        max: 100,
        step: 5,
      }),
    ),
  },
];

/** Every editable path with its field (day-rule switches included, as `counting`). */
export const NUMBER_AND_TIME_FIELDS = GROUPS.flatMap((g) =>
  g.fields.filter((f): f is NumberField | TimeField => f.kind !== 'sameDay'),
);

// ---- values -----------------------------------------------------------------------------------------

/** The form's values: one flat entry per path, in the form's units. */
export type FormValues = Record<string, number | string | null>;

export function valueAt(tree: unknown, path: string): unknown {
  let node: unknown = tree;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setAt(tree: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Shares as percent without float noise (0.1 → 10, not 10.000000000000002). */
const toPercent = (fraction: number) => Math.round(fraction * 10_000) / 100;
const fromPercent = (percent: number) => Math.round(percent * 100) / 10_000;

export function toFormValue(field: NumberField | TimeField, settings: SlaSettings): number | string {
  const v = valueAt(settings, field.path) as number | string;
  if (field.kind === 'time') return v;
  if (field.unit === 'yuan') return (v as number) / 100;
  if (field.unit === 'percent') return toPercent(v as number);
  return v;
}

export function toForm(settings: SlaSettings): FormValues {
  const values: FormValues = {};
  for (const f of NUMBER_AND_TIME_FIELDS) {
    values[f.path] = toFormValue(f, settings);
    if (f.kind === 'number' && f.counting) values[f.counting] = valueAt(settings, f.counting) as DayCounting;
  }
  return values;
}

/** The settings a form describes, over `base` (the loaded settings, for anything the form lacks). */
export function fromForm(values: FormValues, base: SlaSettings): SlaSettings {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const f of NUMBER_AND_TIME_FIELDS) {
    const v = values[f.path];
    if (v === undefined) continue;
    if (f.kind === 'number' && typeof v === 'number')
      setAt(out, f.path, f.unit === 'yuan' ? Math.round(v * 100) : f.unit === 'percent' ? fromPercent(v) : v);
    else setAt(out, f.path, v);
    if (f.kind === 'number' && f.counting && values[f.counting] !== undefined)
      setAt(out, f.counting, values[f.counting]);
  }
  return out as unknown as SlaSettings;
}

/** The form paths whose value differs between two forms (e.g. the defaults and the current values). */
export function differingPaths(a: FormValues, b: FormValues): string[] {
  return Object.keys(a).filter((k) => a[k] !== b[k]);
}

/** A server field path (`settings.publicFixDays.medium`) as the form's field name. */
export function formFieldOf(serverPath: string): string {
  return serverPath.replace(/^settings\./, '');
}
