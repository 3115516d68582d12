/**
 * Relationship work (spec 03 §6). Follow-up requests from a visit, a reception or a letter go through
 * the real intake (`createRequest`) inside the record's own transaction, so they get numbers, owners
 * and clocks, and the record and its requests commit together. Requests from the reception day and
 * the mailbox are owned by the estate's manager (the host), whoever types them in.
 */
import {
  COMMITTEE_MEETINGS_PER_YEAR,
  type CommitteeMeeting,
  type CommitteeMeetingBody,
  type CreateGreetingBody,
  type CreateMailboxOpeningBody,
  CreateMailboxOpeningBody as CreateMailboxOpeningSchema,
  type CreateReceptionDayBody,
  type CreateReceptionEntryBody,
  type CreateVisitBody,
  type CreateVisitPlanBody,
  CreateVisitPlanBody as CreateVisitPlanSchema,
  CreateVisitBody as CreateVisitSchema,
  type DeveloperLogBody,
  DeveloperLogBody as DeveloperLogSchema,
  FESTIVAL_DATES,
  type Festival,
  type FollowUp,
  type GreetingCalendar,
  type GreetingDue,
  MAILBOX_OPENING_DAYS,
  type Mailbox,
  type Notice,
  type NoticeBody,
  NoticeBody as NoticeSchema,
  RECEPTION_NOTICE_DAYS,
  type ReceptionDay,
  type Role,
  type UpdateNoticeBody,
  VISIT_COVERAGE_TARGET,
  type Visit,
  type VisitCoverage,
  type VisitPlanDetail,
} from '@wuye/contracts';
import { and, eq } from 'drizzle-orm';
import { type Actor, estateScope, hasAnyRole } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addCivilDays, timeOfDayMs, wallTime, zonedInstant } from '../../platform/sla-time.ts';
import type { CalendarStore } from '../calendar/calendar.usecases.ts';
import { assertFilesUsable, takeFiles } from '../files/files.usecases.ts';
import { createRequest, type RequestDeps } from '../requests/requests.usecases.ts';
import { residents as greetingsResident } from '../residents/residents.table.ts';
import * as repo from './relations.repository.ts';
import {
  committeeMeetings,
  developerLogs,
  greetings,
  mailboxLetters,
  mailboxOpenings,
  notices,
  receptionDays,
  receptionEntries,
  visitPlans,
  visitPlanUnits,
  visits,
} from './relations.table.ts';

export interface RelationsDeps extends Pick<RequestDeps, 'db' | 'clock' | 'clockRulesFor' | 'numbers'> {
  calendars: CalendarStore;
}

const MANAGEMENT: Role[] = ['manager', 'hq_cs', 'gm'];
/** Who records visits (seed 000: lobby assistants visit their patch monthly too). */
export const VISIT_ROLES: readonly Role[] = ['steward', 'lobby', 'cs_agent', 'cs_supervisor', ...MANAGEMENT];
export const PLAN_ROLES: readonly Role[] = ['steward', 'cs_supervisor', ...MANAGEMENT];
export const COVERAGE_ROLES: readonly Role[] = ['cs_supervisor', 'quality', ...MANAGEMENT];
/** The manager runs the reception day and the mailbox; the desk reads them. */
export const MANAGER_ROLES: readonly Role[] = MANAGEMENT;
export const MANAGER_READERS: readonly Role[] = ['cs_agent', 'cs_supervisor', ...MANAGEMENT];
export const LOG_ROLES: readonly Role[] = ['cs_supervisor', ...MANAGEMENT];
export const LOG_READERS: readonly Role[] = ['cs_agent', 'cs_supervisor', 'steward', ...MANAGEMENT];
export const NOTICE_ROLES: readonly Role[] = ['cs_agent', 'cs_supervisor', ...MANAGEMENT];
export const GREETING_ROLES: readonly Role[] = [
  'steward',
  'lobby',
  'cs_agent',
  'cs_supervisor',
  ...MANAGEMENT,
];

const DAY_MS = 86_400_000;
const TZ = 'Asia/Shanghai';

function bodyEstate(actor: Actor, estateId: string) {
  if (!actor.estateIds.includes(estateId)) throw fieldError('estateId', 'validation.unknownEstate');
}

async function timeZoneOf(db: Db, estateId: string) {
  const [e] = await repo.estateNames(db, [estateId]);
  return e?.time_zone ?? TZ;
}

export function monthOf(at: Date, timeZone: string): string {
  return wallTime(at, timeZone).date.slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function audit(
  db: Db,
  actor: Actor,
  estateId: string,
  entityType: string,
  entityId: string,
  action: string,
  at: Date,
  data?: Record<string, unknown>,
) {
  return recordEvent(db, {
    companyId: actor.companyId,
    estateId,
    entityType,
    entityId,
    action,
    actorId: actor.userId,
    at,
    data,
  });
}

/** The estate's manager, as the owner of what the reception day and the mailbox take in. */
async function managerActor(db: Db, actor: Actor, estateId: string): Promise<Actor> {
  if (actor.roles.includes('manager')) return actor;
  const [m] = await repo.estateStaffWithRole(db, estateId, 'manager');
  if (!m) return actor;
  return { ...actor, userId: m.id, name: m.name, roles: m.roles as Role[] };
}

/**
 * Takes follow-ups as requests through the intake, in the caller's transaction (a savepoint each), and
 * returns their ids. A household's follow-up is reported by the resident named, or the unit's main one.
 */
async function takeFollowUps(
  deps: RelationsDeps,
  tx: Db,
  owner: Actor,
  base: {
    estateId: string;
    unitId?: string | null;
    residentId?: string | null;
    reporter?: { name: string; phone: string };
  },
  channel: 'visit' | 'phone' | 'reception_day' | 'mailbox',
  list: readonly (FollowUp & { field: string })[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const f of list) {
    let residentId = base.residentId ?? undefined;
    if (!residentId && !base.reporter && base.unitId)
      residentId = (await repo.mainResidentOfUnit(tx, base.unitId))?.id;
    if (!residentId && !base.reporter) throw fieldError(f.field, 'validation.followUpReporter');
    const created = await createRequest({ ...deps, db: tx }, owner, {
      estateId: base.estateId,
      ...(base.unitId ? { unitId: base.unitId } : { locationText: '物业服务中心' }),
      ...(residentId ? { residentId } : { reporter: base.reporter }),
      channel,
      type: f.type,
      description: f.description,
      ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    });
    ids.push(created.body.id);
  }
  return ids;
}

// ---- visit plans ----------------------------------------------------------------------------------

export async function listVisitPlans(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; month?: string; stewardId?: string },
) {
  const scope = estateScope(actor, q.estateId);
  return { items: await repo.listPlans(deps.db, scope, q) };
}

export async function getVisitPlan(deps: RelationsDeps, actor: Actor, id: string): Promise<VisitPlanDetail> {
  const [plan] = await repo.listPlans(deps.db, actor.estateIds, { id });
  if (!plan) throw notFound();
  return { ...plan, units: await repo.planUnits(deps.db, plan.id, plan.month) };
}

/**
 * A steward's plan for a month: every occupied household of the buildings named, the units picked,
 * and (by default) the households of the previous month's plan nobody visited. A steward plans for
 * themselves only; one plan per steward and month.
 */
export async function createVisitPlan(
  deps: RelationsDeps,
  actor: Actor,
  input: CreateVisitPlanBody,
): Promise<VisitPlanDetail> {
  const body = CreateVisitPlanSchema.parse(input);
  bodyEstate(actor, body.estateId);
  const onlySteward = !hasAnyRole(actor, ['cs_supervisor', ...MANAGEMENT]);
  if (onlySteward && body.stewardId !== actor.userId)
    throw fieldError('stewardId', 'validation.planOwnSteward');
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const [steward] = await repo.estateStaffWithRole(tx, body.estateId, 'steward', body.stewardId);
    if (!steward) throw fieldError('stewardId', 'validation.stewardNotInEstate');
    const buildings = await repo.buildingsInEstate(tx, body.estateId, body.buildingIds);
    const badB = body.buildingIds.findIndex((b) => !buildings.has(b));
    if (badB >= 0) throw fieldError(`buildingIds.${badB}`, 'validation.buildingNotInEstate');
    const picked = await repo.unitsInEstate(tx, body.estateId, body.unitIds);
    const badU = body.unitIds.findIndex((u) => !picked.has(u));
    if (badU >= 0) throw fieldError(`unitIds.${badU}`, 'validation.unitNotInEstate');
    const carried = body.carryOver
      ? await repo.unvisitedOfPlan(tx, body.estateId, body.stewardId, previousMonth(body.month))
      : [];
    const fresh = new Set([
      ...(await repo.occupiedUnitsOfBuildings(tx, body.estateId, body.buildingIds)),
      ...body.unitIds,
    ]);
    // A household left unvisited last month is flagged, whether or not it is in this month's buildings.
    const carriedSet = new Set(carried);
    const all = new Set([...fresh, ...carried]);
    if (all.size === 0) throw fieldError('buildingIds', 'validation.planEmpty');
    const [exists] = await tx
      .select({ id: visitPlans.id })
      .from(visitPlans)
      .where(
        and(
          eq(visitPlans.estateId, body.estateId),
          eq(visitPlans.stewardId, body.stewardId),
          eq(visitPlans.month, body.month),
        ),
      );
    if (exists) throw new AppError('CONFLICT', 'conflict.visitPlanExists');
    const planId = newId(now.getTime());
    await tx.insert(visitPlans).values({
      id: planId,
      companyId: actor.companyId,
      estateId: body.estateId,
      stewardId: body.stewardId,
      month: body.month,
      buildingIds: body.buildingIds,
      createdById: actor.userId,
      createdAt: now,
    });
    await tx
      .insert(visitPlanUnits)
      .values([...all].map((unitId) => ({ planId, unitId, carried: carriedSet.has(unitId) })));
    await audit(tx, actor, body.estateId, 'visit_plan', planId, 'created', now, {
      stewardId: body.stewardId,
      month: body.month,
      units: all.size,
      carried: carriedSet.size,
    });
    return planId;
  });
  return getVisitPlan(deps, actor, id);
}

// ---- visits ---------------------------------------------------------------------------------------

export async function listVisitRecords(
  deps: RelationsDeps,
  actor: Actor,
  q: {
    estateId?: string;
    month?: string;
    unitId?: string;
    visitedById?: string;
    page: number;
    pageSize: number;
  },
) {
  const scope = estateScope(actor, q.estateId);
  const { items, total } = await repo.listVisits(deps.db, scope, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getVisit(deps: RelationsDeps, actor: Actor, id: string): Promise<Visit> {
  const { items } = await repo.listVisits(deps.db, actor.estateIds, { id });
  if (!items[0]) throw notFound();
  return items[0];
}

/** Records a visit or call (业户访问记录) and takes its follow-ups as requests owned by the visitor. */
export async function recordVisit(deps: RelationsDeps, actor: Actor, input: CreateVisitBody): Promise<Visit> {
  const body = CreateVisitSchema.parse(input);
  bodyEstate(actor, body.estateId);
  const now = deps.clock.now();
  const visitedAt = body.visitedAt ? new Date(body.visitedAt) : now;
  if (visitedAt.getTime() > now.getTime() + 60_000) throw fieldError('visitedAt', 'validation.visitFuture');
  if (body.signatureFileId && body.way !== 'visit')
    throw fieldError('signatureFileId', 'validation.signatureInPerson');
  const id = await deps.db.transaction(async (tx) => {
    const units = await repo.unitsInEstate(tx, body.estateId, [body.unitId]);
    if (!units.has(body.unitId)) throw fieldError('unitId', 'validation.unitNotInEstate');
    const resident = body.residentId ? await repo.residentInEstate(tx, body.estateId, body.residentId) : null;
    if (body.residentId && !resident) throw fieldError('residentId', 'validation.residentNotInEstate');
    if (body.signatureFileId) {
      await assertFilesUsable(tx, actor, body.estateId, body.signatureFileId, {
        kind: 'signature',
        field: 'signatureFileId',
      });
      await takeFiles(tx, body.signatureFileId, 'visit', { field: 'signatureFileId' });
    }
    const requestIds = await takeFollowUps(
      deps,
      tx,
      actor,
      { estateId: body.estateId, unitId: body.unitId, residentId: body.residentId },
      body.way,
      body.followUps.map((f, i) => ({ ...f, field: `followUps.${i}` })),
    );
    const visitId = newId(now.getTime());
    await tx.insert(visits).values({
      id: visitId,
      companyId: actor.companyId,
      estateId: body.estateId,
      unitId: body.unitId,
      residentId: body.residentId ?? null,
      metName: body.metName || resident?.name || null,
      way: body.way,
      visitedAt,
      month: monthOf(visitedAt, await timeZoneOf(tx, body.estateId)),
      visitedById: actor.userId,
      topics: [...new Set(body.topics)],
      opinions: body.opinions || null,
      signatureFileId: body.signatureFileId ?? null,
      requestIds,
      createdAt: now,
    });
    await audit(tx, actor, body.estateId, 'visit', visitId, 'created', now, {
      unitId: body.unitId,
      way: body.way,
      requestIds,
    });
    return visitId;
  });
  return getVisit(deps, actor, id);
}

/**
 * The month's coverage (spec 06: households visited or called ÷ households, ≥ 85%): per estate over its
 * occupied or rented units, per steward over the households of their plan. The current month by default.
 */
export async function visitCoverage(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; month?: string },
): Promise<VisitCoverage> {
  const scope = estateScope(actor, q.estateId);
  const tz = scope[0] ? await timeZoneOf(deps.db, scope[0]) : TZ;
  const month = q.month ?? monthOf(deps.clock.now(), tz);
  const rate = (visited: number, households: number) => {
    const r = households ? visited / households : null;
    return { visited, households, rate: r, belowTarget: r !== null && r < VISIT_COVERAGE_TARGET };
  };
  const estates = (await repo.estateCoverage(deps.db, scope, month)).map((e) => ({
    estateId: e.estate_id,
    estateName: e.estate_name,
    ...rate(e.visited, e.households),
  }));
  const plans = await repo.listPlans(deps.db, scope, { month });
  const stewards = plans.map((p) => ({
    estateId: p.estateId,
    stewardId: p.stewardId,
    stewardName: p.stewardName,
    planId: p.id,
    ...rate(p.visited, p.planned),
  }));
  return { month, target: VISIT_COVERAGE_TARGET, estates, stewards };
}

// ---- reception days -------------------------------------------------------------------------------

export async function listReceptionDays(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; year?: number },
) {
  return { items: await repo.listReceptionDays(deps.db, estateScope(actor, q.estateId), q) };
}

export async function getReceptionDay(deps: RelationsDeps, actor: Actor, id: string): Promise<ReceptionDay> {
  const [d] = await repo.listReceptionDays(deps.db, actor.estateIds, { id });
  if (!d) throw notFound();
  return d;
}

/** The first day a reception starting at `startTime` can be held, given its notice goes out now. */
export function earliestReceptionDate(now: Date, startTime: string, timeZone: string): string {
  const earliest = new Date(now.getTime() + RECEPTION_NOTICE_DAYS * DAY_MS);
  const d = wallTime(earliest, timeZone).date;
  return zonedInstant(d, timeOfDayMs(startTime), timeZone) < earliest ? addCivilDays(d, 1) : d;
}

/**
 * Schedules a reception day on a weekend or holiday, with its notice to all residents published now:
 * the notice must be out at least 7 days before (a later day is refused on `date`).
 */
export async function scheduleReceptionDay(
  deps: RelationsDeps,
  actor: Actor,
  body: CreateReceptionDayBody,
): Promise<ReceptionDay> {
  bodyEstate(actor, body.estateId);
  if (body.endTime <= body.startTime) throw fieldError('endTime', 'validation.endAfterStart');
  const now = deps.clock.now();
  const [estate] = await repo.estateNames(deps.db, [body.estateId]);
  const tz = estate?.time_zone ?? TZ;
  const startsAt = zonedInstant(body.date, timeOfDayMs(body.startTime), tz);
  if (startsAt.getTime() - now.getTime() < RECEPTION_NOTICE_DAYS * DAY_MS)
    throw fieldError('date', {
      key: 'validation.receptionNotice',
      params: { days: RECEPTION_NOTICE_DAYS, date: earliestReceptionDate(now, body.startTime, tz) },
    });
  const calendar = await deps.calendars.forCompany(actor.companyId);
  if (calendar.day(body.date).workday)
    throw fieldError('date', { key: 'validation.receptionWorkday', params: { date: body.date } });
  const id = await deps.db.transaction(async (tx) => {
    const host = await managerActor(tx, actor, body.estateId);
    const dayId = newId(now.getTime());
    const noticeId = newId(now.getTime());
    const endsAt = zonedInstant(body.date, timeOfDayMs(body.endTime), tz);
    await tx.insert(notices).values({
      id: noticeId,
      companyId: actor.companyId,
      estateId: body.estateId,
      buildingIds: [],
      title: body.noticeTitle || `关于举办${body.date.slice(5, 7).replace(/^0/, '')}月经理接待日的通知`,
      body:
        body.noticeBody ||
        `尊敬的各位业主/住户：\n\n为更好地听取您的意见和建议，管理处定于 ${body.date}（${weekdayZh(body.date)}）${body.startTime}—${body.endTime} 在${body.place}举办经理接待日，由${host.name}亲自接待。欢迎各位业主/住户届时前来，就物业管理服务提出宝贵意见和建议。\n\n特此通知。`,
      publishFrom: now,
      publishUntil: endsAt,
      status: 'published',
      publishedAt: now,
      receptionDayId: dayId,
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(receptionDays).values({
      id: dayId,
      companyId: actor.companyId,
      estateId: body.estateId,
      hostId: host.userId,
      date: body.date,
      startTime: body.startTime,
      endTime: body.endTime,
      place: body.place,
      startsAt,
      noticeId,
      createdById: actor.userId,
      createdAt: now,
    });
    await audit(tx, actor, body.estateId, 'reception_day', dayId, 'scheduled', now, {
      date: body.date,
      noticeId,
    });
    return dayId;
  });
  return getReceptionDay(deps, actor, id);
}

function weekdayZh(date: string) {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `星期${'日一二三四五六'[d]}`;
}

/** One line of the reception record; the issue becomes a request owned by the manager when asked. */
export async function recordReceptionEntry(
  deps: RelationsDeps,
  actor: Actor,
  receptionDayId: string,
  body: CreateReceptionEntryBody,
): Promise<ReceptionDay> {
  const day = await getReceptionDay(deps, actor, receptionDayId);
  const now = deps.clock.now();
  if (now < new Date(new Date(day.startsAt).getTime() - DAY_MS))
    throw new AppError('RULE_VIOLATION', 'rule.receptionNotYet');
  await deps.db.transaction(async (tx) => {
    if (body.unitId && !(await repo.unitsInEstate(tx, day.estateId, [body.unitId])).has(body.unitId))
      throw fieldError('unitId', 'validation.unitNotInEstate');
    if (body.residentId && !(await repo.residentInEstate(tx, day.estateId, body.residentId)))
      throw fieldError('residentId', 'validation.residentNotInEstate');
    let requestId: string | null = null;
    if (body.followUp) {
      const owner = await managerActor(tx, actor, day.estateId);
      const hostActor =
        owner.userId === day.hostId ? owner : { ...owner, userId: day.hostId, name: day.hostName };
      if (!body.residentId && !body.unitId && !body.phone)
        throw fieldError('phone', 'validation.followUpReporter');
      const taken = await takeFollowUps(
        deps,
        tx,
        hostActor,
        {
          estateId: day.estateId,
          unitId: body.unitId,
          residentId: body.residentId,
          reporter:
            !body.residentId && body.phone ? { name: body.visitorName, phone: body.phone } : undefined,
        },
        'reception_day',
        [{ ...body.followUp, description: body.issue, field: 'followUp' }],
      );
      requestId = taken[0] ?? null;
    }
    const id = newId(now.getTime());
    await tx.insert(receptionEntries).values({
      id,
      companyId: actor.companyId,
      estateId: day.estateId,
      receptionDayId: day.id,
      visitorName: body.visitorName,
      unitId: body.unitId ?? null,
      residentId: body.residentId ?? null,
      issue: body.issue,
      answer: body.answer || null,
      requestId: requestId ?? null,
      recordedById: actor.userId,
      createdAt: now,
    });
    await audit(tx, actor, day.estateId, 'reception_day', day.id, 'entry', now, { entryId: id, requestId });
  });
  return getReceptionDay(deps, actor, day.id);
}

// ---- mailbox --------------------------------------------------------------------------------------

export async function getMailbox(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string },
): Promise<Mailbox> {
  const scope = estateScope(actor, q.estateId);
  const now = deps.clock.now();
  const estates = (await repo.lastOpenings(deps.db, scope)).map((e) => {
    const due = e.last ? new Date(new Date(e.last).getTime() + MAILBOX_OPENING_DAYS * DAY_MS) : now;
    return {
      estateId: e.estate_id,
      estateName: e.estate_name,
      lastOpenedAt: e.last ? new Date(e.last).toISOString() : null,
      dueAt: due.toISOString(),
      overdue: !e.last || now.getTime() >= due.getTime(),
    };
  });
  return { estates, openings: await repo.listOpenings(deps.db, scope) };
}

/** Logs an opening of the box (经理信箱开启记录); each letter becomes a request owned by the manager. */
export async function openMailbox(deps: RelationsDeps, actor: Actor, input: CreateMailboxOpeningBody) {
  const body = CreateMailboxOpeningSchema.parse(input);
  bodyEstate(actor, body.estateId);
  const now = deps.clock.now();
  const openedAt = body.openedAt ? new Date(body.openedAt) : now;
  if (openedAt.getTime() > now.getTime() + 60_000) throw fieldError('openedAt', 'validation.visitFuture');
  const id = await deps.db.transaction(async (tx) => {
    const owner = await managerActor(tx, actor, body.estateId);
    const openingId = newId(now.getTime());
    await tx.insert(mailboxOpenings).values({
      id: openingId,
      companyId: actor.companyId,
      estateId: body.estateId,
      openedById: actor.userId,
      openedAt,
      witnessName: body.witnessName,
      letterCount: body.letters.length,
      notes: body.notes || null,
      createdAt: now,
    });
    for (const [i, l] of body.letters.entries()) {
      if (l.unitId && !(await repo.unitsInEstate(tx, body.estateId, [l.unitId])).has(l.unitId))
        throw fieldError(`letters.${i}.unitId`, 'validation.unitNotInEstate');
      if (l.residentId && !(await repo.residentInEstate(tx, body.estateId, l.residentId)))
        throw fieldError(`letters.${i}.residentId`, 'validation.residentNotInEstate');
      if (!l.residentId && !l.unitId && !(l.writerName && l.phone))
        throw fieldError(`letters.${i}.phone`, 'validation.followUpReporter');
      const [requestId] = await takeFollowUps(
        deps,
        tx,
        owner,
        {
          estateId: body.estateId,
          unitId: l.unitId,
          residentId: l.residentId,
          reporter:
            !l.residentId && l.writerName && l.phone ? { name: l.writerName, phone: l.phone } : undefined,
        },
        'mailbox',
        [{ type: l.type, description: l.content, field: `letters.${i}` }],
      );
      await tx.insert(mailboxLetters).values({
        id: newId(now.getTime()),
        companyId: actor.companyId,
        estateId: body.estateId,
        openingId,
        writerName: l.writerName || null,
        unitId: l.unitId ?? null,
        content: l.content,
        requestId: requestId!,
      });
    }
    await audit(tx, actor, body.estateId, 'mailbox_opening', openingId, 'opened', now, {
      witness: body.witnessName,
      letters: body.letters.length,
    });
    return openingId;
  });
  const [opening] = await repo.listOpenings(deps.db, actor.estateIds, { id });
  return opening!;
}

/** The reply to a letter (回函), with a version check. */
export async function replyToLetter(
  deps: RelationsDeps,
  actor: Actor,
  letterId: string,
  body: { reply: string; version: number },
) {
  const letter = await repo.findLetter(deps.db, actor.estateIds, letterId);
  if (!letter) throw notFound();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(mailboxLetters)
      .set({ reply: body.reply, repliedAt: now, repliedById: actor.userId, version: letter.version + 1 })
      .where(and(eq(mailboxLetters.id, letterId), eq(mailboxLetters.version, body.version)))
      .returning({ id: mailboxLetters.id });
    if (updated.length === 0) throw new AppError('CONFLICT', 'conflict.stale');
    await audit(tx, actor, letter.estate_id, 'mailbox_letter', letterId, 'replied', now, {
      requestId: letter.request_id,
    });
  });
  const [opening] = await repo.listOpenings(deps.db, actor.estateIds, { id: letter.opening_id });
  return opening!.letters.find((l) => l.id === letterId)!;
}

// ---- owners' committee and developer ---------------------------------------------------------------

function thisYear(deps: RelationsDeps) {
  return Number(wallTime(deps.clock.now(), TZ).date.slice(0, 4));
}

export async function listCommitteeMeetings(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; year?: number },
) {
  const year = q.year ?? thisYear(deps);
  const items = await repo.listMeetings(deps.db, estateScope(actor, q.estateId), { year });
  return {
    items,
    held: items.filter((m) => m.status === 'held').length,
    target: COMMITTEE_MEETINGS_PER_YEAR,
  };
}

export async function createCommitteeMeeting(
  deps: RelationsDeps,
  actor: Actor,
  body: CommitteeMeetingBody,
): Promise<CommitteeMeeting> {
  bodyEstate(actor, body.estateId);
  const now = deps.clock.now();
  if (body.status === 'held' && body.date > wallTime(now, TZ).date)
    throw fieldError('date', 'validation.heldInFuture');
  const id = newId(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(committeeMeetings).values({
      id,
      companyId: actor.companyId,
      estateId: body.estateId,
      date: body.date,
      status: body.status,
      attendees: body.attendees || null,
      topics: body.topics,
      minutes: body.minutes || null,
      followUps: body.followUps || null,
      recordedById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, body.estateId, 'committee_meeting', id, 'created', now, {
      date: body.date,
      status: body.status,
    });
  });
  return (await repo.listMeetings(deps.db, actor.estateIds, { id }))[0]!;
}

export async function updateCommitteeMeeting(
  deps: RelationsDeps,
  actor: Actor,
  id: string,
  body: Omit<CommitteeMeetingBody, 'estateId'> & { version: number },
): Promise<CommitteeMeeting> {
  const [m] = await repo.listMeetings(deps.db, actor.estateIds, { id });
  if (!m) throw notFound();
  const now = deps.clock.now();
  if (body.status === 'held' && body.date > wallTime(now, TZ).date)
    throw fieldError('date', 'validation.heldInFuture');
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(committeeMeetings)
      .set({
        date: body.date,
        status: body.status,
        attendees: body.attendees || null,
        topics: body.topics,
        minutes: body.minutes || null,
        followUps: body.followUps || null,
        updatedAt: now,
        version: m.version + 1,
      })
      .where(and(eq(committeeMeetings.id, id), eq(committeeMeetings.version, body.version)))
      .returning({ id: committeeMeetings.id });
    if (updated.length === 0) throw new AppError('CONFLICT', 'conflict.stale');
    await audit(tx, actor, m.estateId, 'committee_meeting', id, 'updated', now, { status: body.status });
  });
  return (await repo.listMeetings(deps.db, actor.estateIds, { id }))[0]!;
}

export async function listDeveloperLogs(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; year?: number },
) {
  return {
    items: await repo.listDeveloperLogs(deps.db, estateScope(actor, q.estateId), {
      year: q.year ?? thisYear(deps),
    }),
  };
}

export async function createDeveloperLog(deps: RelationsDeps, actor: Actor, input: DeveloperLogBody) {
  const body = DeveloperLogSchema.parse(input);
  bodyEstate(actor, body.estateId);
  const now = deps.clock.now();
  const id = newId(now.getTime());
  await deps.db.transaction(async (tx) => {
    const found = await repo.requestsInEstate(tx, body.estateId, body.requestIds);
    const bad = body.requestIds.findIndex((r) => !found.has(r));
    if (bad >= 0) throw fieldError(`requestIds.${bad}`, 'validation.requestNotInEstate');
    await tx.insert(developerLogs).values({
      id,
      companyId: actor.companyId,
      estateId: body.estateId,
      date: body.date,
      status: body.status,
      contact: body.contact,
      topic: body.topic,
      outcome: body.outcome || null,
      requestIds: [...new Set(body.requestIds)],
      recordedById: actor.userId,
      createdAt: now,
    });
    await audit(tx, actor, body.estateId, 'developer_log', id, 'created', now, {
      requestIds: body.requestIds,
    });
  });
  return (await repo.listDeveloperLogs(deps.db, actor.estateIds, { id }))[0]!;
}

// ---- notices --------------------------------------------------------------------------------------

export async function listNotices(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; status?: string; page: number; pageSize: number },
) {
  const { items, total } = await repo.listNotices(deps.db, estateScope(actor, q.estateId), q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getNotice(deps: RelationsDeps, actor: Actor, id: string): Promise<Notice> {
  const { items } = await repo.listNotices(deps.db, actor.estateIds, { id });
  if (!items[0]) throw notFound();
  return items[0];
}

async function checkBuildings(db: Db, estateId: string, ids: readonly string[]) {
  const found = await repo.buildingsInEstate(db, estateId, ids);
  const bad = ids.findIndex((b) => !found.has(b));
  if (bad >= 0) throw fieldError(`buildingIds.${bad}`, 'validation.buildingNotInEstate');
}

export async function createNotice(deps: RelationsDeps, actor: Actor, input: NoticeBody): Promise<Notice> {
  const body = NoticeSchema.parse(input);
  bodyEstate(actor, body.estateId);
  if (body.publishUntil && body.publishUntil <= body.publishFrom)
    throw fieldError('publishUntil', 'validation.endAfterStart');
  const now = deps.clock.now();
  const id = newId(now.getTime());
  await deps.db.transaction(async (tx) => {
    await checkBuildings(tx, body.estateId, body.buildingIds);
    await tx.insert(notices).values({
      id,
      companyId: actor.companyId,
      estateId: body.estateId,
      buildingIds: [...new Set(body.buildingIds)],
      title: body.title,
      body: body.body,
      publishFrom: new Date(body.publishFrom),
      publishUntil: body.publishUntil ? new Date(body.publishUntil) : null,
      status: body.publish ? 'published' : 'draft',
      publishedAt: body.publish ? now : null,
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, body.estateId, 'notice', id, body.publish ? 'published' : 'created', now, {
      title: body.title,
    });
  });
  return getNotice(deps, actor, id);
}

/**
 * Edits, publishes or withdraws a notice (version-checked). A reception day's notice must stay out at
 * least 7 days before the day: it cannot be withdrawn, nor its publication moved later than that.
 */
export async function updateNotice(
  deps: RelationsDeps,
  actor: Actor,
  id: string,
  body: UpdateNoticeBody,
): Promise<Notice> {
  const n = await getNotice(deps, actor, id);
  const now = deps.clock.now();
  const publishFrom = body.publishFrom ?? n.publishFrom;
  const publishUntil = body.publishUntil === undefined ? n.publishUntil : body.publishUntil;
  if (publishUntil && new Date(publishUntil) <= new Date(publishFrom))
    throw fieldError('publishUntil', 'validation.endAfterStart');
  const status = body.status ?? n.status;
  await deps.db.transaction(async (tx) => {
    if (body.buildingIds) await checkBuildings(tx, n.estateId, body.buildingIds);
    if (n.receptionDayId) {
      const [day] = await tx
        .select({ startsAt: receptionDays.startsAt })
        .from(receptionDays)
        .where(eq(receptionDays.id, n.receptionDayId));
      const latest = new Date(day!.startsAt.getTime() - RECEPTION_NOTICE_DAYS * DAY_MS);
      if (status !== 'published') throw fieldError('status', 'validation.receptionNoticeStays');
      if (new Date(publishFrom) > latest)
        throw fieldError('publishFrom', {
          key: 'validation.receptionNoticeLate',
          params: { days: RECEPTION_NOTICE_DAYS },
        });
    }
    const updated = await tx
      .update(notices)
      .set({
        ...(body.buildingIds ? { buildingIds: [...new Set(body.buildingIds)] } : {}),
        ...(body.title ? { title: body.title } : {}),
        ...(body.body ? { body: body.body } : {}),
        publishFrom: new Date(publishFrom),
        publishUntil: publishUntil ? new Date(publishUntil) : null,
        status,
        publishedAt:
          status === 'published'
            ? n.publishedAt
              ? new Date(n.publishedAt)
              : now
            : n.publishedAt
              ? new Date(n.publishedAt)
              : null,
        updatedAt: now,
        version: n.version + 1,
      })
      .where(and(eq(notices.id, id), eq(notices.version, body.version)))
      .returning({ id: notices.id });
    if (updated.length === 0) throw new AppError('CONFLICT', 'conflict.stale');
    await audit(tx, actor, n.estateId, 'notice', id, status !== n.status ? status : 'updated', now);
  });
  return getNotice(deps, actor, id);
}

// ---- greetings ------------------------------------------------------------------------------------

/**
 * The households to greet from `from` (today by default) for `days` days: residents' birthdays, and at
 * each festival the grade-A residents (the VIP families' 亲情服务); with the greetings already done.
 */
export async function greetingCalendar(
  deps: RelationsDeps,
  actor: Actor,
  q: { estateId?: string; from?: string; days: number },
): Promise<GreetingCalendar> {
  const scope = estateScope(actor, q.estateId);
  const from = q.from ?? wallTime(deps.clock.now(), TZ).date;
  const dates = Array.from({ length: q.days }, (_, i) => addCivilDays(from, i));
  const to = dates[dates.length - 1]!;
  const byMmdd = new Map<string, string>();
  for (const d of dates) {
    byMmdd.set(d.slice(5), d);
    const y = Number(d.slice(0, 4));
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (d.slice(5) === '02-28' && !leap) byMmdd.set('02-29', d);
  }
  const festivals = dates.flatMap((d) =>
    Object.entries(FESTIVAL_DATES[Number(d.slice(0, 4))] ?? {})
      .filter(([, date]) => date === d)
      .map(([festival]) => ({ festival: festival as Festival, date: d })),
  );
  const items: GreetingDue[] = [];
  for (const r of await repo.birthdaysOn(deps.db, scope, [...byMmdd.keys()])) {
    const date = byMmdd.get(r.mmdd!)!;
    items.push({
      residentId: r.resident_id,
      residentName: r.resident_name,
      estateId: r.estate_id,
      unitLabel: r.unit_label,
      grade: r.grade,
      occasion: 'birthday',
      date,
      year: Number(date.slice(0, 4)),
      greeting: null,
    });
  }
  if (festivals.length) {
    const vip = await repo.festivalResidents(deps.db, scope);
    for (const f of festivals)
      for (const r of vip)
        items.push({
          residentId: r.resident_id,
          residentName: r.resident_name,
          estateId: r.estate_id,
          unitLabel: r.unit_label,
          grade: r.grade,
          occasion: f.festival,
          date: f.date,
          year: Number(f.date.slice(0, 4)),
          greeting: null,
        });
  }
  items.sort((a, b) => a.date.localeCompare(b.date) || a.residentName.localeCompare(b.residentName, 'zh-CN'));
  const done = await repo.greetingsDone(
    deps.db,
    [...new Set(items.map((i) => i.residentId))],
    [...new Set(items.map((i) => i.year))],
  );
  for (const i of items) i.greeting = done.get(`${i.residentId}:${i.occasion}:${i.year}`) ?? null;
  return { from, to, festivals, items };
}

export async function recordGreeting(deps: RelationsDeps, actor: Actor, body: CreateGreetingBody) {
  const [resident] = await deps.db
    .select({ id: greetingsResident.id, estateId: greetingsResident.estateId })
    .from(greetingsResident)
    .where(eq(greetingsResident.id, body.residentId));
  if (!resident || !actor.estateIds.includes(resident.estateId))
    throw fieldError('residentId', 'validation.residentNotInEstate');
  const now = deps.clock.now();
  const id = newId(now.getTime());
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(greetings).values({
        id,
        companyId: actor.companyId,
        estateId: resident.estateId,
        residentId: body.residentId,
        occasion: body.occasion,
        year: body.year,
        method: body.method,
        note: body.note || null,
        greetedById: actor.userId,
        greetedAt: now,
      });
      await audit(tx, actor, resident.estateId, 'greeting', id, 'done', now, {
        residentId: body.residentId,
        occasion: body.occasion,
        year: body.year,
      });
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if (e?.code === '23505' || e?.cause?.code === '23505')
      throw new AppError('CONFLICT', 'conflict.greetingDone');
    throw err;
  }
  return {
    id,
    residentId: body.residentId,
    occasion: body.occasion,
    year: body.year,
    at: now.toISOString(),
    byName: actor.name,
    method: body.method,
    note: body.note ?? null,
  };
}
