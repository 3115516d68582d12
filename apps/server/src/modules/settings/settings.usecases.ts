/**
 * The clock settings of an estate (时限设置): every staff member of the estate reads them; the estate
 * manager and the company (hq_cs, gm) change them or put them back to the seeds' defaults. A change is
 * one versioned transaction with its audit row. The clocks read the effective settings through
 * `effectiveSlaSettings` inside their own transaction; clocks already running keep their due times.
 */
import {
  type EstateSlaSettings,
  effectiveSla,
  overriddenPaths,
  SLA_DEFAULTS,
  type SlaOverrides,
  type SlaSettings,
  type SlaSettingsBody,
  settingAt,
  settingPaths,
  slaOverrides,
} from '@wuye/contracts';
import { type Actor, assertEstate } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type EstateSlaRow,
  readEstateOverrides,
  readEstateSlaRow,
  readOverridesOfEstates,
  writeEstateSla,
} from './settings.repository.ts';

export interface SettingsDeps {
  db: Db;
  clock: Clock;
}

/** The seeds' numbers, under every estate's own values. */
const DEFAULTS: SlaSettings = SLA_DEFAULTS;

/** The settings an estate's clocks use now: the defaults under the estate's own values. */
export async function effectiveSlaSettings(db: Db, estateId: string): Promise<SlaSettings> {
  return slaSettingsOf(await readEstateOverrides(db, estateId));
}

/** An estate's settings from its overrides (read by a caller that fetches them with other rows). */
export function slaSettingsOf(overrides: SlaOverrides): SlaSettings {
  // Every intake asks; merging and validating the settings cost more than the rest of its clock maths.
  // By the overrides' text (a handful of distinct ones per company), frozen so no caller changes them.
  const key = JSON.stringify(overrides);
  let settings = settingsByOverrides.get(key);
  if (!settings) {
    settings = deepFreeze(effectiveSla(overrides, DEFAULTS));
    if (settingsByOverrides.size >= 1000) settingsByOverrides.clear();
    settingsByOverrides.set(key, settings);
  }
  return settings;
}

const settingsByOverrides = new Map<string, SlaSettings>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The effective settings of each of several estates (lists that span estates, e.g. the callback list). */
export async function effectiveSlaSettingsOf(
  db: Db,
  estateIds: string[],
): Promise<(estateId: string) => SlaSettings> {
  const overrides = await readOverridesOfEstates(db, estateIds);
  const cache = new Map<string, SlaSettings>();
  return (estateId) => {
    let settings = cache.get(estateId);
    if (!settings) {
      settings = effectiveSla(overrides.get(estateId) ?? {}, DEFAULTS);
      cache.set(estateId, settings);
    }
    return settings;
  };
}

function view(estateId: string, row: EstateSlaRow | null): EstateSlaSettings {
  const overrides = row?.overrides ?? {};
  return {
    estateId,
    settings: effectiveSla(overrides, DEFAULTS),
    defaults: DEFAULTS,
    overridden: overriddenPaths(overrides, DEFAULTS),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedByName: row?.updatedByName ?? null,
  };
}

export async function getEstateSlaSettings(
  deps: Pick<SettingsDeps, 'db'>,
  actor: Actor,
  estateId: string,
): Promise<EstateSlaSettings> {
  assertEstate(actor, estateId);
  return view(estateId, await readEstateSlaRow(deps.db, estateId));
}

/** Saves the whole set at the version the editor saw; only what differs from the defaults is stored. */
export async function saveEstateSlaSettings(
  deps: SettingsDeps,
  actor: Actor,
  estateId: string,
  body: SlaSettingsBody,
): Promise<EstateSlaSettings> {
  return writeSettings(deps, actor, estateId, body.settings, body.version, 'changed');
}

/** Puts every value back to the seeds' defaults (the row stays, with its version, for the next editor). */
export async function resetEstateSlaSettings(
  deps: SettingsDeps,
  actor: Actor,
  estateId: string,
  version: number,
): Promise<EstateSlaSettings> {
  return writeSettings(deps, actor, estateId, DEFAULTS, version, 'reset');
}

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

async function writeSettings(
  deps: SettingsDeps,
  actor: Actor,
  estateId: string,
  settings: SlaSettings,
  version: number,
  action: 'changed' | 'reset',
): Promise<EstateSlaSettings> {
  assertEstate(actor, estateId);
  return deps.db.transaction(async (tx) => {
    const row = await readEstateSlaRow(tx, estateId, { lock: true });
    if ((row?.version ?? 0) !== version) throw new AppError('CONFLICT', 'conflict.stale');
    const before = effectiveSla(row?.overrides ?? {}, DEFAULTS);
    const overrides = slaOverrides(settings, DEFAULTS);
    const changes: Change[] = settingPaths(DEFAULTS)
      .map((field) => ({ field, from: settingAt(before, field), to: settingAt(settings, field) }))
      .filter((c) => c.from !== c.to);
    // Path by path: jsonb keeps its own key order, so the stored tree never stringifies the same.
    const stored = row?.overrides ?? {};
    const storedSame = settingPaths(DEFAULTS).every((p) => settingAt(stored, p) === settingAt(overrides, p));
    // Saving what is already there changes nothing and records nothing.
    if (changes.length === 0 && storedSame) return view(estateId, row);

    const at = deps.clock.now();
    const next = await writeEstateSla(
      tx,
      { estateId, companyId: actor.companyId, overrides, at, byId: actor.userId },
      version,
    );
    // Another editor's first save won the race for the row.
    if (next === null) throw new AppError('CONFLICT', 'conflict.stale');
    await recordEvent(tx, {
      companyId: actor.companyId,
      estateId,
      entityType: 'estate_sla_settings',
      entityId: estateId,
      action,
      actorId: actor.userId,
      at,
      data: { version: next, changes },
    });
    return view(estateId, await readEstateSlaRow(tx, estateId));
  });
}
