/**
 * Night requests at the morning hand-over (spec 01 §7): the night shift (18:30–08:30, configurable)
 * dispatches emergencies at once and leaves the rest to the morning, where each becomes a dispatched
 * work order (the lifecycle's `dispatch`) and the hand-over is recorded, with an event on the timeline of
 * every request handed over.
 */
import {
  type CreateHandoverBody,
  type NightHandover,
  type NightShift,
  type Role,
  SLA_DEFAULTS,
} from '@wuye/contracts';
import { type Actor, assertEstate } from '../../platform/access.ts';
import { type EventInput, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  addCivilDays,
  type CivilDate,
  timeOfDayMs,
  wallTime,
  zonedInstant,
} from '../../platform/sla-time.ts';
import { listEstates } from '../organisation/organisation.repository.ts';
import {
  estateStaff,
  findHandover,
  handoverExists,
  insertHandover,
  nightRequestIds,
  nightRequests,
} from './handover.repository.ts';

export interface HandoverDeps {
  db: Db;
  clock: Clock;
  night?: { start: string; end: string };
}

export const HANDOVER_ROLES: readonly Role[] = ['control_room', 'cs_agent', 'cs_supervisor', 'manager'];

type NightHours = { start: string; end: string };

/** The night that ends on the morning of `shiftDate`: from its evening before to that morning. */
export function nightWindow(shiftDate: CivilDate, timeZone: string, night: NightHours = SLA_DEFAULTS.night) {
  return {
    from: zonedInstant(addCivilDays(shiftDate, -1), timeOfDayMs(night.start), timeZone),
    to: zonedInstant(shiftDate, timeOfDayMs(night.end), timeZone),
  };
}

/** The morning of the current night, or of the last one by day: after 18:30 it is tomorrow's. */
export function currentShiftDate(
  now: Date,
  timeZone: string,
  night: NightHours = SLA_DEFAULTS.night,
): CivilDate {
  const w = wallTime(now, timeZone);
  return w.timeMs >= timeOfDayMs(night.start) ? addCivilDays(w.date, 1) : w.date;
}

async function estateTimeZone(db: Db, estateId: string): Promise<string> {
  const [estate] = await listEstates(db, [estateId]);
  return estate?.timeZone ?? 'Asia/Shanghai';
}

/** The morning asked for (this one by default) and the night before it, in the estate's time zone. */
export async function nightOf(deps: HandoverDeps, actor: Actor, q: { estateId: string; date?: string }) {
  assertEstate(actor, q.estateId);
  const night = deps.night ?? SLA_DEFAULTS.night;
  const tz = await estateTimeZone(deps.db, q.estateId);
  const shiftDate = q.date ?? currentShiftDate(deps.clock.now(), tz, night);
  return { shiftDate, ...nightWindow(shiftDate, tz, night) };
}

/** One morning's hand-over: the night's requests (and older undispatched ones) and its record, if any. */
export async function getNightShift(
  deps: HandoverDeps,
  actor: Actor,
  q: { estateId: string; date?: string },
): Promise<NightShift> {
  const { shiftDate, from, to } = await nightOf(deps, actor, q);
  const items = await nightRequests(deps.db, q.estateId, from, to);
  const handover = await findHandover(deps.db, q.estateId, shiftDate);
  return { estateId: q.estateId, shiftDate, from: from.toISOString(), to: to.toISOString(), items, handover };
}

/**
 * Records "交接完成": both people are active staff of the estate and the caller is one of them; the
 * requests are night requests of the estate. One record per estate and morning (409 for a second).
 */
export async function recordHandover(
  deps: HandoverDeps,
  actor: Actor,
  body: CreateHandoverBody,
): Promise<NightHandover> {
  if (!actor.estateIds.includes(body.estateId)) throw fieldError('estateId', 'validation.unknownEstate');
  const night = deps.night ?? SLA_DEFAULTS.night;
  const now = deps.clock.now();
  const tz = await estateTimeZone(deps.db, body.estateId);
  if (body.shiftDate > currentShiftDate(now, tz, night))
    throw fieldError('shiftDate', 'validation.shiftDateFuture');
  if (body.handedOverById === body.receivedById)
    throw fieldError('receivedById', 'validation.handoverSamePerson');
  try {
    return await deps.db.transaction(async (tx) => {
      const people = await estateStaff(tx, actor.companyId, body.estateId, [
        body.handedOverById,
        body.receivedById,
      ]);
      const from = people.get(body.handedOverById);
      const to = people.get(body.receivedById);
      if (!from) throw fieldError('handedOverById', 'validation.handoverPerson');
      if (!to) throw fieldError('receivedById', 'validation.handoverPerson');
      if (actor.userId !== from.id && actor.userId !== to.id)
        throw new AppError('RULE_VIOLATION', 'rule.handoverParty');
      const ids = [...new Set(body.requestIds)];
      const night = await nightRequestIds(tx, body.estateId, ids);
      const bad = body.requestIds.findIndex((id) => !night.has(id));
      if (bad >= 0) throw fieldError(`requestIds.${bad}`, 'validation.handoverRequests');
      if (await handoverExists(tx, body.estateId, body.shiftDate))
        throw new AppError('CONFLICT', 'conflict.handoverExists');

      const id = newId(now.getTime());
      await insertHandover(tx, {
        id,
        companyId: actor.companyId,
        estateId: body.estateId,
        shiftDate: body.shiftDate,
        handedOverById: from.id,
        receivedById: to.id,
        recordedById: actor.userId,
        at: now,
        requestIds: ids,
        notes: body.notes || null,
      });
      const base = { companyId: actor.companyId, estateId: body.estateId, actorId: actor.userId, at: now };
      const who = {
        handoverId: id,
        shiftDate: body.shiftDate,
        handedOverById: from.id,
        handedOverByName: from.name,
        receivedById: to.id,
        receivedByName: to.name,
      };
      const list: EventInput[] = [
        {
          ...base,
          entityType: 'night_handover',
          entityId: id,
          action: 'created',
          data: { ...who, requestIds: ids, notes: body.notes },
        },
        ...ids.map((requestId) => ({
          ...base,
          entityType: 'request',
          entityId: requestId,
          action: 'night_handover',
          data: who,
        })),
      ];
      await recordEvents(tx, list);
      return (await findHandover(tx, body.estateId, body.shiftDate))!;
    });
  } catch (err) {
    // Two people pressing "交接完成" at once: the unique index lets one through.
    const e = err as { code?: string; cause?: { code?: string } };
    if (e?.code === '23505' || e?.cause?.code === '23505')
      throw new AppError('CONFLICT', 'conflict.handoverExists');
    throw err;
  }
}
