/**
 * The clock settings of an estate (时限设置, spec 01 §4: "every number is the seeds' default and must be
 * configurable per estate"): the editable shape with its bounds, the API bodies, and the pure helpers
 * that turn a full set of settings into the few fields that differ from the defaults and back.
 * The defaults themselves are `SLA_DEFAULTS` (requests.ts).
 */
import { z } from 'zod';
import { Id } from './api.ts';

/** How a day rule counts: calendar days (the seeds' 天/日) or working days of the company's calendar. */
export const DAY_COUNTINGS = ['calendar', 'working'] as const;
export const DayCounting = z.enum(DAY_COUNTINGS);
export type DayCounting = z.infer<typeof DayCounting>;

/** The day rules that can be switched to working days (keys of `SlaSettings.dayCounting`). */
export const DAY_RULES = [
  'publicFixMedium',
  'publicFixMajor',
  'callback',
  'leakCallback',
  'forward',
] as const;
export type DayRule = (typeof DAY_RULES)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
// A custom check (not .regex) so the field message is the specific one, not "invalid format".
const TimeOfDay = z.string().refine((v) => HH_MM.test(v), { message: 'validation.timeOfDay' });
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const share = z.number().min(0).max(1);

/**
 * Every clock number of an estate. Bounds are wide enough for any estate's own service promise and
 * narrow enough to catch a slip of the keyboard (a 0-minute arrival, a 500-day callback).
 */
export const SlaSettings = z
  .strictObject({
    /** Reply to a question the agent could not answer at once (minutes). */
    replyMinutes: whole(1, 240),
    /** Immediate repair: technician on site, from dispatch (minutes). */
    onSiteMinutes: whole(1, 480),
    /** General fault fixed, from arrival (hours). */
    fixHours: whole(1, 168),
    /** Public-facility repairs from dispatch (days); minor ones are always "same day". */
    publicFixDays: z.strictObject({ medium: whole(1, 30), major: whole(1, 60) }),
    /** Paid service: call back with a confirmed time (minutes). */
    bookingConfirmMinutes: whole(5, 1440),
    /** Callback after a repair (days). */
    callbackDays: whole(1, 30),
    /** Callback after a water-leak repair, from the leak test (days). */
    leakCallbackDays: whole(1, 30),
    /** Rework after a problem found in a callback (hours). */
    reworkHours: whole(1, 168),
    /** Forwarding details to another party, e.g. a network opening (days). */
    forwardDays: whole(1, 30),
    /** A warning goes to the owner after this share of a window. */
    warningFraction: z.number().min(0.5).max(0.95),
    /** Requests received in this window are night requests; "same day" after its start is the next day. */
    night: z.strictObject({ start: TimeOfDay, end: TimeOfDay }),
    /** Material cost above which the estate manager must approve the quote (fen). */
    quoteApprovalAboveFen: whole(0, 10_000_000),
    /** Callback tries before a request may be closed as unreachable. */
    callbackRetries: whole(1, 10),
    /** The days those tries are spread over. */
    callbackRetryWindowDays: whole(1, 14),
    /** Minimum shares of a month's repairs these roles call back themselves (0–1 each). */
    callbackQuotas: z.strictObject({ manager: share, cs_supervisor: share, dept_lead: share }),
    /** Complaints (spec 02 §3): reported to the office / the supervisor after intake (minutes). */
    complaintReportMinutes: whole(10, 1440),
    /** An effective complaint: the supervisor contacts the resident after classing it (minutes). */
    complaintContactMinutes: whole(10, 1440),
    /** Major and hot complaints: a clear answer to the resident (days). */
    complaintReplyDays: whole(1, 30),
    /** Resolved within (days), by grade (hot complaints run on the major clocks). */
    complaintResolveDays: z.strictObject({
      major: whole(1, 90),
      important: whole(1, 30),
      general: whole(1, 30),
    }),
    /** Whether each day rule counts calendar or working days. */
    dayCounting: z.strictObject({
      publicFixMedium: DayCounting,
      publicFixMajor: DayCounting,
      callback: DayCounting,
      leakCallback: DayCounting,
      forward: DayCounting,
    }),
  })
  .superRefine((s, ctx) => {
    if (s.night.start === s.night.end)
      ctx.addIssue({ code: 'custom', path: ['night', 'end'], message: 'validation.nightWindowEmpty' });
    if (s.publicFixDays.major < s.publicFixDays.medium)
      ctx.addIssue({
        code: 'custom',
        path: ['publicFixDays', 'major'],
        message: 'validation.majorBelowMedium',
      });
  });
export type SlaSettings = z.infer<typeof SlaSettings>;

/** PUT /api/estates/:id/sla-settings: the whole set, at the version the editor saw (0 before the first save). */
export const SlaSettingsBody = z.strictObject({
  settings: SlaSettings,
  version: z.number().int().min(0),
});
export type SlaSettingsBody = z.infer<typeof SlaSettingsBody>;

/** DELETE /api/estates/:id/sla-settings?version=: back to the defaults. */
export const SlaSettingsResetQuery = z.object({ version: z.coerce.number().int().min(0) });

export const EstateSlaSettings = z.object({
  estateId: Id,
  /** What the estate's clocks use: the defaults under the estate's own values. */
  settings: SlaSettings,
  /** The seeds' defaults (`SLA_DEFAULTS`). */
  defaults: SlaSettings,
  /** Field paths (`onSiteMinutes`, `night.start`, `dayCounting.callback` …) whose value is the estate's own. */
  overridden: z.array(z.string()),
  /** 0 while the estate has never saved its settings. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type EstateSlaSettings = z.infer<typeof EstateSlaSettings>;

// ---- field paths ------------------------------------------------------------------------------------

type Leaf = string | number | boolean;
type Tree = { readonly [key: string]: Leaf | Tree };

/** The dotted paths of every value in a settings tree, in declaration order. */
export function settingPaths(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? settingPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The value at a dotted path, or undefined. */
export function settingAt(tree: unknown, path: string): unknown {
  let node: unknown = tree;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
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

/** What an estate stores: only the values that differ from the defaults, as a partial tree. */
export type SlaOverrides = Record<string, unknown>;

/** The values of `settings` that differ from `defaults`, as a partial tree (empty when none do). */
export function slaOverrides(settings: SlaSettings, defaults: SlaSettings): SlaOverrides {
  const out: SlaOverrides = {};
  for (const path of settingPaths(defaults)) {
    const value = settingAt(settings, path);
    if (value !== settingAt(defaults, path)) setAt(out, path, value);
  }
  return out;
}

/** The paths a partial tree overrides (only paths the defaults have). */
export function overriddenPaths(overrides: SlaOverrides, defaults: SlaSettings): string[] {
  return settingPaths(defaults).filter((p) => settingAt(overrides, p) !== undefined);
}

/**
 * The effective settings: each default replaced by the estate's value where it has one. A stored value
 * that no longer passes the schema (a bound tightened by a later release, a field renamed) falls back to
 * its default instead of breaking the estate's clocks; a field the defaults no longer have is ignored.
 */
export function effectiveSla(overrides: SlaOverrides, defaults: SlaSettings): SlaSettings {
  const merged: Record<string, unknown> = {};
  const paths = settingPaths(defaults);
  for (const path of paths) {
    const own = settingAt(overrides, path);
    setAt(merged, path, own === undefined ? settingAt(defaults, path) : own);
  }
  const parsed = SlaSettings.safeParse(merged);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    if (paths.includes(path)) setAt(merged, path, settingAt(defaults, path));
  }
  const again = SlaSettings.safeParse(merged);
  return again.success ? again.data : structuredClone(defaults);
}
