/**
 * VIP cards (spec 03 §4, docs/decisions/0021-vip-cards.md): issuing (directly by the company, or on
 * an estate's application approved by it) with a per-level number allocated in the issuing
 * transaction, renewal after re-checking the grade, lost-card reissue, revocation with a reason, the
 * estate's VIP assistant, the service log and the birthday/festival reminders. Every change writes
 * its event in its transaction.
 */
import {
  type AddVipServiceBody,
  type SetVipAssistantBody,
  VIP_APPLY_ROLES,
  VIP_ASSISTANT_ROLES,
  VIP_CARD_STATUS_LABELS,
  VIP_ISSUE_ROLES,
  VIP_LEVEL_LABELS,
  VIP_VALID_YEARS,
  type VipApplication,
  type VipApplyBody,
  type VipCard,
  type VipCardStatus,
  type VipLevel,
  type VipRegistrationForm,
  type VipServiceType,
} from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, assertEstate, hasAnyRole } from '../../platform/access.ts';
import { type EventInput, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows } from '../../platform/db.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addCivilDays, civilDaysBetween } from '../../platform/sla-time.ts';
import { localParts } from '../../platform/time.ts';
import { findResident, type ResidentRow } from '../residents/residents.repository.ts';
import { vipApplications, vipAssistants, vipCards, vipServices } from './vip.table.ts';

export interface VipDeps {
  db: Db;
  clock: Clock;
}

/** Renewal opens this many days before a card ends; the VIP page's "expiring" list uses it too. */
export const VIP_RENEW_WINDOW_DAYS = 90;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const today = (clock: Clock, timeZone: string) => localParts(clock.now(), timeZone).date;
const inList = (ids: readonly string[]) =>
  sql`(${sql.join(
    ids.map((e) => sql`${e}`),
    sql`, `,
  )})`;

/** `date` plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${target}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The card's status as read on `day`: a stored `active` past its last day is `expired`. */
export function cardStatus(stored: string, validUntil: string, day: string): VipCardStatus {
  if (stored === 'active' && validUntil < day) return 'expired';
  return stored as VipCardStatus;
}

// ---- reading -----------------------------------------------------------------------------------------

interface CardRow {
  id: string;
  company_id: string;
  estate_id: string;
  estate_name: string;
  time_zone: string;
  resident_id: string;
  resident_name: string;
  number: string;
  level: number;
  status: string;
  valid_from: string;
  valid_until: string;
  application_id: string | null;
  issued_at: Date | string;
  issued_by_name: string | null;
  revoked_reason: string | null;
  ended_at: Date | string | null;
  replaced_by_number: string | null;
}

const CARD_SELECT = sql`select c.id, c.company_id, c.estate_id, e.name as estate_name, e.time_zone,
    c.resident_id, r.name as resident_name, c.number, c.level, c.status, c.valid_from::text as valid_from,
    c.valid_until::text as valid_until, c.application_id, c.issued_at, iu.name as issued_by_name,
    c.revoked_reason, c.ended_at, nc.number as replaced_by_number
  from vip_cards c join estates e on e.id = c.estate_id join residents r on r.id = c.resident_id
    left join users iu on iu.id = c.issued_by_id left join vip_cards nc on nc.id = c.replaced_by_id`;

function cardJson(row: CardRow, d: string): VipCard {
  return {
    id: row.id,
    number: row.number,
    level: row.level as VipLevel,
    residentId: row.resident_id,
    residentName: row.resident_name,
    estateId: row.estate_id,
    estateName: row.estate_name,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: cardStatus(row.status, row.valid_until, d),
    issuedAt: iso(row.issued_at)!,
    issuedByName: row.issued_by_name,
    applicationId: row.application_id,
    revokedReason: row.revoked_reason,
    endedAt: iso(row.ended_at),
    replacedByNumber: row.replaced_by_number,
  };
}

async function cardById(db: Db, companyId: string, id: string, forUpdate = false): Promise<CardRow | null> {
  const [row] = await rows<CardRow>(
    db,
    sql`${CARD_SELECT} where c.id = ${id} and c.company_id = ${companyId} ${forUpdate ? sql`for update of c` : sql``}`,
  );
  return row ?? null;
}

async function cardInScope(db: Db, actor: Actor, id: string, forUpdate = false): Promise<CardRow> {
  const row = await cardById(db, actor.companyId, id, forUpdate);
  if (!row || !actor.estateIds.includes(row.estate_id)) throw notFound('notFound.vipCard');
  return row;
}

/** The resident's card that has not ended (active, perhaps past its last day). */
async function currentCard(db: Db, residentId: string): Promise<CardRow | null> {
  const [row] = await rows<CardRow>(
    db,
    sql`${CARD_SELECT} where c.resident_id = ${residentId} and c.status = 'active'`,
  );
  return row ?? null;
}

export async function listCards(
  deps: VipDeps,
  estateIds: string[],
  q: {
    residentId?: string;
    status?: VipCardStatus;
    expiringWithinDays?: number;
    page: number;
    pageSize: number;
  },
) {
  if (estateIds.length === 0) return { items: [], total: 0 };
  // Days are the estates' local days; the demo's estates share Asia/Shanghai, so one "today" per call
  // is taken from the first estate's zone (as the request lists do).
  const [tz] = await rows<{ time_zone: string }>(
    deps.db,
    sql`select time_zone from estates where id = ${estateIds[0]!}`,
  );
  const day = today(deps.clock, tz?.time_zone ?? 'Asia/Shanghai');
  const conds = [sql`c.estate_id in ${inList(estateIds)}`];
  if (q.residentId) conds.push(sql`c.resident_id = ${q.residentId}`);
  if (q.status === 'expired') conds.push(sql`c.status = 'active' and c.valid_until < ${day}`);
  else if (q.status === 'active') conds.push(sql`c.status = 'active' and c.valid_until >= ${day}`);
  else if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.expiringWithinDays !== undefined)
    conds.push(
      sql`c.status = 'active' and c.valid_until >= ${day} and c.valid_until <= ${addCivilDays(day, q.expiringWithinDays)}`,
    );
  const where = sql.join(conds, sql` and `);
  const order =
    q.expiringWithinDays !== undefined ? sql`c.valid_until, c.number` : sql`c.issued_at desc, c.id desc`;
  const [list, [total]] = await Promise.all([
    rows<CardRow>(
      deps.db,
      sql`${CARD_SELECT} where ${where} order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(deps.db, sql`select count(*)::int as n from vip_cards c where ${where}`),
  ]);
  return { items: list.map((r) => cardJson(r, day)), total: total?.n ?? 0 };
}

// ---- issuing -----------------------------------------------------------------------------------------

/**
 * The next number of a level in the company: one atomic upsert on the counter row inside the
 * issuing transaction (concurrent issues wait for the row; a rolled-back issue gives its number
 * back). The `where` stops at 999: no row comes back and the issue is refused.
 */
export async function allocateVipNumber(db: Db, companyId: string, level: VipLevel): Promise<string> {
  const [row] = await rows<{ last: number }>(
    db,
    sql`insert into vip_card_counters (company_id, level, last) values (${companyId}, ${level}, 1)
        on conflict (company_id, level) do update set last = vip_card_counters.last + 1
          where vip_card_counters.last < 999
        returning last`,
  );
  if (!row)
    throw new AppError('RULE_VIOLATION', {
      key: 'rule.vipNumbersExhausted',
      params: { level: VIP_LEVEL_LABELS[level] },
    });
  return `JK${level}${String(row.last).padStart(3, '0')}`;
}

function assertGradeA(resident: ResidentRow) {
  if (resident.grade !== 'A')
    throw new AppError('RULE_VIOLATION', { key: 'rule.vipNotGradeA', params: { grade: resident.grade } });
}

async function residentInScope(db: Db, actor: Actor, id: string, forUpdate = false): Promise<ResidentRow> {
  const row = await findResident(db, actor.companyId, id, { forUpdate });
  if (!row || !actor.estateIds.includes(row.estate_id)) throw notFound('notFound.resident');
  return row;
}

/** Refuses a new card while one has not ended: still valid (held) or past its day (renew it instead). */
async function assertNoCurrentCard(db: Db, residentId: string, day: string) {
  const held = await currentCard(db, residentId);
  if (!held) return;
  throw new AppError('RULE_VIOLATION', {
    key: held.valid_until < day ? 'rule.vipCardExpiredRenew' : 'rule.vipCardHeld',
    params: { number: held.number },
  });
}

function cardEvent(card: { id: string; company_id: string; estate_id: string }, actor: Actor, at: Date) {
  return {
    companyId: card.company_id,
    estateId: card.estate_id,
    entityType: 'vip_card',
    entityId: card.id,
    actorId: actor.userId,
    at,
  };
}

/** Inserts a card (the resident locked by the caller) and its events on the card and the resident. */
async function insertCard(
  tx: Db,
  actor: Actor,
  resident: ResidentRow,
  input: {
    level: VipLevel;
    validFrom: string;
    validUntil: string;
    applicationId: string | null;
    action: 'issued' | 'reissued';
    data?: Record<string, unknown>;
  },
  now: Date,
): Promise<{ id: string; number: string }> {
  const number = await allocateVipNumber(tx, resident.company_id, input.level);
  const id = newId(now.getTime());
  await tx.insert(vipCards).values({
    id,
    companyId: resident.company_id,
    estateId: resident.estate_id,
    residentId: resident.id,
    number,
    level: input.level,
    status: 'active',
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    applicationId: input.applicationId,
    issuedById: actor.userId,
    issuedAt: now,
  });
  const data = {
    number,
    level: input.level,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    applicationId: input.applicationId,
    ...input.data,
  };
  await recordEvents(tx, [
    {
      ...cardEvent({ id, company_id: resident.company_id, estate_id: resident.estate_id }, actor, now),
      action: input.action,
      data,
    },
    {
      companyId: resident.company_id,
      estateId: resident.estate_id,
      entityType: 'resident',
      entityId: resident.id,
      action: `vip_card_${input.action}`,
      actorId: actor.userId,
      at: now,
      data: { cardId: id, ...data },
    },
  ]);
  return { id, number };
}

/** POST /api/residents/:id/vip-card: the company's own issue (its approval), contract 09. */
export async function issueCard(deps: VipDeps, actor: Actor, residentId: string, level: VipLevel) {
  if (!hasAnyRole(actor, VIP_ISSUE_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const resident = await residentInScope(tx, actor, residentId, true);
    assertGradeA(resident);
    const day = today(deps.clock, resident.time_zone);
    await assertNoCurrentCard(tx, resident.id, day);
    // A waiting application of the estate is answered by this issue.
    const [pending] = await rows<{ id: string }>(
      tx,
      sql`select id from vip_applications where resident_id = ${resident.id} and status = 'pending' for update`,
    );
    const validFrom = day;
    const validUntil = addYears(day, VIP_VALID_YEARS);
    const card = await insertCard(
      tx,
      actor,
      resident,
      { level, validFrom, validUntil, applicationId: pending?.id ?? null, action: 'issued' },
      now,
    );
    if (pending) await decideApplication(tx, actor, pending.id, resident, 'approved', null, card.number, now);
    return { id: card.id, number: card.number, level, validFrom, validUntil, status: 'active' as const };
  });
}

// ---- applications --------------------------------------------------------------------------------------

interface ApplicationRow {
  id: string;
  company_id: string;
  estate_id: string;
  estate_name: string;
  resident_id: string;
  resident_name: string;
  resident_grade: string;
  level: number;
  form: VipRegistrationForm;
  status: string;
  requested_at: Date | string;
  requested_by_name: string | null;
  decided_at: Date | string | null;
  decided_by_name: string | null;
  reject_reason: string | null;
  card_number: string | null;
}

const APPLICATION_SELECT = sql`select a.id, a.company_id, a.estate_id, e.name as estate_name, a.resident_id,
    r.name as resident_name, r.grade as resident_grade, a.level, a.form, a.status, a.requested_at,
    ru.name as requested_by_name, a.decided_at, du.name as decided_by_name, a.reject_reason,
    (select c.number from vip_cards c where c.application_id = a.id order by c.issued_at limit 1) as card_number
  from vip_applications a join estates e on e.id = a.estate_id join residents r on r.id = a.resident_id
    left join users ru on ru.id = a.requested_by_id left join users du on du.id = a.decided_by_id`;

function applicationJson(a: ApplicationRow): VipApplication {
  return {
    id: a.id,
    residentId: a.resident_id,
    residentName: a.resident_name,
    residentGrade: a.resident_grade,
    estateId: a.estate_id,
    estateName: a.estate_name,
    level: a.level as VipLevel,
    form: a.form,
    status: a.status as VipApplication['status'],
    requestedAt: iso(a.requested_at)!,
    requestedByName: a.requested_by_name,
    decidedAt: iso(a.decided_at),
    decidedByName: a.decided_by_name,
    rejectReason: a.reject_reason,
    cardNumber: a.card_number,
  };
}

async function applicationInScope(db: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  const [row] = await rows<ApplicationRow>(
    db,
    sql`${APPLICATION_SELECT} where a.id = ${id} and a.company_id = ${actor.companyId}`,
  );
  if (!row || !actor.estateIds.includes(row.estate_id)) throw notFound('notFound.vipApplication');
  return row;
}

export async function listApplications(
  deps: VipDeps,
  estateIds: string[],
  q: { residentId?: string; status?: string; page: number; pageSize: number },
) {
  if (estateIds.length === 0) return { items: [], total: 0 };
  const conds = [sql`a.estate_id in ${inList(estateIds)}`];
  if (q.residentId) conds.push(sql`a.resident_id = ${q.residentId}`);
  if (q.status) conds.push(sql`a.status = ${q.status}`);
  const where = sql.join(conds, sql` and `);
  const [list, [total]] = await Promise.all([
    rows<ApplicationRow>(
      deps.db,
      sql`${APPLICATION_SELECT} where ${where} order by a.requested_at desc, a.id desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(deps.db, sql`select count(*)::int as n from vip_applications a where ${where}`),
  ]);
  return { items: list.map(applicationJson), total: total?.n ?? 0 };
}

/** An estate asks the company for a card for an A-grade resident, with the registration form. */
export async function applyForCard(
  deps: VipDeps,
  actor: Actor,
  residentId: string,
  body: z.output<typeof VipApplyBody>,
): Promise<VipApplication> {
  if (!hasAnyRole(actor, [...VIP_APPLY_ROLES, ...VIP_ISSUE_ROLES])) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const resident = await residentInScope(tx, actor, residentId, true);
    assertGradeA(resident);
    await assertNoCurrentCard(tx, resident.id, today(deps.clock, resident.time_zone));
    const [pending] = await rows<{ id: string }>(
      tx,
      sql`select id from vip_applications where resident_id = ${resident.id} and status = 'pending'`,
    );
    if (pending) throw new AppError('RULE_VIOLATION', 'rule.vipApplicationPending');
    const id = newId(now.getTime());
    await tx.insert(vipApplications).values({
      id,
      companyId: resident.company_id,
      estateId: resident.estate_id,
      residentId: resident.id,
      level: body.level,
      form: body.form,
      status: 'pending',
      requestedById: actor.userId,
      requestedAt: now,
    });
    await recordEvents(tx, [
      {
        companyId: resident.company_id,
        estateId: resident.estate_id,
        entityType: 'vip_application',
        entityId: id,
        action: 'applied',
        actorId: actor.userId,
        at: now,
        data: { residentId: resident.id, level: body.level },
      },
    ]);
    return applicationJson((await applicationInScope(tx, actor, id)) as ApplicationRow);
  });
}

async function decideApplication(
  tx: Db,
  actor: Actor,
  id: string,
  resident: { company_id: string; estate_id: string; id: string },
  status: 'approved' | 'rejected',
  reason: string | null,
  cardNumber: string | null,
  now: Date,
) {
  await tx
    .update(vipApplications)
    .set({ status, decidedById: actor.userId, decidedAt: now, rejectReason: reason })
    .where(sql`${vipApplications.id} = ${id}`);
  await recordEvents(tx, [
    {
      companyId: resident.company_id,
      estateId: resident.estate_id,
      entityType: 'vip_application',
      entityId: id,
      action: status,
      actorId: actor.userId,
      at: now,
      data: { residentId: resident.id, reason, cardNumber },
    },
  ]);
}

async function pendingApplication(tx: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  const app = await applicationInScope(tx, actor, id);
  const [locked] = await rows<{ status: string }>(
    tx,
    sql`select status from vip_applications where id = ${id} for update`,
  );
  if (locked?.status !== 'pending') throw new AppError('RULE_VIOLATION', 'rule.vipApplicationDecided');
  return app;
}

/** hq_cs approves: the grade is checked again and the card issued at the application's level. */
export async function approveApplication(deps: VipDeps, actor: Actor, id: string): Promise<VipApplication> {
  if (!hasAnyRole(actor, VIP_ISSUE_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const app0 = await applicationInScope(tx, actor, id);
    // Resident first, then the application: the order every issuing transaction locks in.
    const resident = await residentInScope(tx, actor, app0.resident_id, true);
    const app = await pendingApplication(tx, actor, id);
    assertGradeA(resident);
    const day = today(deps.clock, resident.time_zone);
    await assertNoCurrentCard(tx, resident.id, day);
    const card = await insertCard(
      tx,
      actor,
      resident,
      {
        level: app.level as VipLevel,
        validFrom: day,
        validUntil: addYears(day, VIP_VALID_YEARS),
        applicationId: id,
        action: 'issued',
      },
      now,
    );
    await decideApplication(tx, actor, id, resident, 'approved', null, card.number, now);
    return applicationJson(await applicationInScope(tx, actor, id));
  });
}

export async function rejectApplication(
  deps: VipDeps,
  actor: Actor,
  id: string,
  reason: string,
): Promise<VipApplication> {
  if (!hasAnyRole(actor, VIP_ISSUE_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const app = await pendingApplication(tx, actor, id);
    await decideApplication(
      tx,
      actor,
      id,
      { company_id: app.company_id, estate_id: app.estate_id, id: app.resident_id },
      'rejected',
      reason,
      null,
      now,
    );
    return applicationJson(await applicationInScope(tx, actor, id));
  });
}

// ---- renewal, reissue, revocation ----------------------------------------------------------------------

function assertStored(card: CardRow, day: string, allowExpired: boolean) {
  const status = cardStatus(card.status, card.valid_until, day);
  if (status === 'revoked' || status === 'replaced')
    throw new AppError('RULE_VIOLATION', {
      key: 'rule.vipCardNotActive',
      params: { status: VIP_CARD_STATUS_LABELS[status] },
    });
  if (status === 'expired' && !allowExpired) throw new AppError('RULE_VIOLATION', 'rule.vipCardExpired');
}

/**
 * Renewal (第二十六条): the grade is re-checked (still A) and the same number gets a new 3-year period,
 * from the day after the old one ends, or from today when it has already ended. Opens 90 days ahead.
 */
export async function renewCard(deps: VipDeps, actor: Actor, id: string): Promise<VipCard> {
  if (!hasAnyRole(actor, VIP_ISSUE_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const card0 = await cardInScope(tx, actor, id);
    const resident = await residentInScope(tx, actor, card0.resident_id, true);
    const card = await cardInScope(tx, actor, id, true);
    const day = today(deps.clock, card.time_zone);
    assertStored(card, day, true);
    if (civilDaysBetween(day, card.valid_until) > VIP_RENEW_WINDOW_DAYS)
      throw new AppError('RULE_VIOLATION', {
        key: 'rule.vipRenewTooEarly',
        params: { date: card.valid_until },
      });
    assertGradeA(resident);
    const validFrom = card.valid_until < day ? day : addCivilDays(card.valid_until, 1);
    const validUntil = addYears(validFrom, VIP_VALID_YEARS);
    await tx.update(vipCards).set({ validFrom, validUntil }).where(sql`${vipCards.id} = ${card.id}`);
    const data = {
      number: card.number,
      from: { validFrom: card.valid_from, validUntil: card.valid_until },
      to: { validFrom, validUntil },
      grade: resident.grade,
    };
    await recordEvents(tx, [
      { ...cardEvent(card, actor, now), action: 'renewed', data },
      residentEvent(resident, actor, now, 'vip_card_renewed', { cardId: card.id, ...data }),
    ]);
    return cardJson((await cardById(tx, actor.companyId, id))!, day);
  });
}

function residentEvent(
  resident: ResidentRow,
  actor: Actor,
  at: Date,
  action: string,
  data: Record<string, unknown>,
): EventInput {
  return {
    companyId: resident.company_id,
    estateId: resident.estate_id,
    entityType: 'resident',
    entityId: resident.id,
    action,
    actorId: actor.userId,
    at,
    data,
  };
}

/** Lost card (第二十七条): the old number is replaced (never valid again), a new number keeps the period. */
export async function reissueCard(
  deps: VipDeps,
  actor: Actor,
  id: string,
  note: string | null,
): Promise<VipCard> {
  if (!hasAnyRole(actor, VIP_ISSUE_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const card0 = await cardInScope(tx, actor, id);
    const resident = await residentInScope(tx, actor, card0.resident_id, true);
    const card = await cardInScope(tx, actor, id, true);
    const day = today(deps.clock, card.time_zone);
    assertStored(card, day, false);
    assertGradeA(resident);
    // The old card ends first: one current card per resident (vip_cards_current_uq).
    await tx
      .update(vipCards)
      .set({ status: 'replaced', endedById: actor.userId, endedAt: now, revokedReason: note ?? '挂失补发' })
      .where(sql`${vipCards.id} = ${card.id}`);
    const fresh = await insertCard(
      tx,
      actor,
      resident,
      {
        level: card.level as VipLevel,
        validFrom: card.valid_from,
        validUntil: card.valid_until,
        applicationId: null,
        action: 'reissued',
        data: { replacesNumber: card.number, replacesId: card.id, note },
      },
      now,
    );
    await tx.update(vipCards).set({ replacedById: fresh.id }).where(sql`${vipCards.id} = ${card.id}`);
    await recordEvents(tx, [
      {
        ...cardEvent(card, actor, now),
        action: 'replaced',
        data: { number: card.number, replacedByNumber: fresh.number, note },
      },
    ]);
    return cardJson((await cardById(tx, actor.companyId, fresh.id))!, day);
  });
}

/** Revocation (第二十八条: 恶意拖欠物管费 …) with its reason; the number is not handed out again. */
export async function revokeCard(deps: VipDeps, actor: Actor, id: string, reason: string): Promise<VipCard> {
  if (!hasAnyRole(actor, VIP_ISSUE_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const card = await cardInScope(tx, actor, id, true);
    const day = today(deps.clock, card.time_zone);
    assertStored(card, day, true);
    await tx
      .update(vipCards)
      .set({ status: 'revoked', revokedReason: reason, endedById: actor.userId, endedAt: now })
      .where(sql`${vipCards.id} = ${card.id}`);
    const data = { number: card.number, reason };
    await recordEvents(tx, [
      { ...cardEvent(card, actor, now), action: 'revoked', data },
      {
        companyId: card.company_id,
        estateId: card.estate_id,
        entityType: 'resident',
        entityId: card.resident_id,
        action: 'vip_card_revoked',
        actorId: actor.userId,
        at: now,
        data: { cardId: card.id, ...data },
      },
    ]);
    return cardJson((await cardById(tx, actor.companyId, id))!, day);
  });
}

// ---- the assistant -------------------------------------------------------------------------------------

export async function listAssistants(deps: VipDeps, estateIds: string[]) {
  if (estateIds.length === 0) return { items: [] };
  const list = await rows<{
    estate_id: string;
    estate_name: string;
    user_id: string | null;
    user_name: string | null;
    set_at: Date | string | null;
  }>(
    deps.db,
    sql`select e.id as estate_id, e.name as estate_name, a.user_id, u.name as user_name, a.set_at
        from estates e left join vip_assistants a on a.estate_id = e.id left join users u on u.id = a.user_id
        where e.id in ${inList(estateIds)} order by e.name`,
  );
  return {
    items: list.map((r) => ({
      estateId: r.estate_id,
      estateName: r.estate_name,
      userId: r.user_id,
      userName: r.user_name,
      setAt: iso(r.set_at),
    })),
  };
}

/** 客户助理: one active staff member of the estate (第三十五条), named by its manager or the company. */
export async function setAssistant(
  deps: VipDeps,
  actor: Actor,
  estateId: string,
  body: z.output<typeof SetVipAssistantBody>,
) {
  if (!hasAnyRole(actor, VIP_ASSISTANT_ROLES)) throw forbidden();
  assertEstate(actor, estateId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [user] = await rows<{ id: string; name: string }>(
      tx,
      sql`select u.id, u.name from users u join user_estates ue on ue.user_id = u.id
          where u.id = ${body.userId} and u.company_id = ${actor.companyId} and u.active
            and ue.estate_id = ${estateId} and not ('resident' = any(u.roles))`,
    );
    if (!user) throw fieldError('userId', 'validation.vipAssistantEstate');
    const [before] = await rows<{ user_id: string }>(
      tx,
      sql`select user_id from vip_assistants where estate_id = ${estateId} for update`,
    );
    await tx
      .insert(vipAssistants)
      .values({ estateId, companyId: actor.companyId, userId: user.id, setById: actor.userId, setAt: now })
      .onConflictDoUpdate({
        target: vipAssistants.estateId,
        set: { userId: user.id, setById: actor.userId, setAt: now },
      });
    await recordEvents(tx, [
      {
        companyId: actor.companyId,
        estateId,
        entityType: 'estate',
        entityId: estateId,
        action: 'vip_assistant_set',
        actorId: actor.userId,
        at: now,
        data: { from: before?.user_id ?? null, to: user.id, name: user.name },
      },
    ]);
    return (await listAssistants({ ...deps, db: tx }, [estateId])).items[0]!;
  });
}

// ---- the service log -----------------------------------------------------------------------------------

interface ServiceRow {
  id: string;
  resident_id: string;
  resident_name: string;
  estate_id: string;
  card_number: string | null;
  date: string;
  service_type: string;
  note: string | null;
  by_name: string | null;
  created_at: Date | string;
}
const SERVICE_SELECT = sql`select s.id, s.resident_id, r.name as resident_name, s.estate_id, c.number as card_number,
    s.date::text as date, s.service_type, s.note, u.name as by_name, s.created_at
  from vip_services s join residents r on r.id = s.resident_id left join vip_cards c on c.id = s.card_id
    left join users u on u.id = s.by_id`;
const serviceJson = (s: ServiceRow) => ({
  id: s.id,
  residentId: s.resident_id,
  residentName: s.resident_name,
  estateId: s.estate_id,
  cardNumber: s.card_number,
  date: s.date,
  serviceType: s.service_type as VipServiceType,
  note: s.note,
  byName: s.by_name,
  createdAt: iso(s.created_at)!,
});

export async function listServices(
  deps: VipDeps,
  estateIds: string[],
  q: { residentId?: string; page: number; pageSize: number },
) {
  if (estateIds.length === 0) return { items: [], total: 0 };
  const conds = [sql`s.estate_id in ${inList(estateIds)}`];
  if (q.residentId) conds.push(sql`s.resident_id = ${q.residentId}`);
  const where = sql.join(conds, sql` and `);
  const [list, [total]] = await Promise.all([
    rows<ServiceRow>(
      deps.db,
      sql`${SERVICE_SELECT} where ${where} order by s.date desc, s.created_at desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(deps.db, sql`select count(*)::int as n from vip_services s where ${where}`),
  ]);
  return { items: list.map(serviceJson), total: total?.n ?? 0 };
}

/** A service given to a VIP (a resident holding a valid card), on a day not in the future. */
export async function addService(deps: VipDeps, actor: Actor, body: z.output<typeof AddVipServiceBody>) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const resident = await residentInScope(tx, actor, body.residentId);
    const day = today(deps.clock, resident.time_zone);
    if (body.date > day) throw fieldError('date', 'validation.dateFuture');
    const card = await currentCard(tx, resident.id);
    if (!card || card.valid_until < day) throw new AppError('RULE_VIOLATION', 'rule.vipNoCard');
    const id = newId(now.getTime());
    await tx.insert(vipServices).values({
      id,
      companyId: resident.company_id,
      estateId: resident.estate_id,
      residentId: resident.id,
      cardId: card.id,
      date: body.date,
      serviceType: body.serviceType,
      note: body.note || null,
      byId: actor.userId,
      createdAt: now,
    });
    await recordEvents(tx, [
      residentEvent(resident, actor, now, 'vip_service', {
        serviceId: id,
        serviceType: body.serviceType,
        date: body.date,
      }),
    ]);
    const [row] = await rows<ServiceRow>(tx, sql`${SERVICE_SELECT} where s.id = ${id}`);
    return serviceJson(row!);
  });
}

// ---- reminders ------------------------------------------------------------------------------------------

/**
 * Festivals the assistant greets VIPs on (第三十三条四): the fixed-date ones and the lunar ones by
 * their Gregorian dates. Extend the lunar list each year with the calendar.
 */
const FIXED_FESTIVALS: readonly [string, string][] = [
  ['01-01', '元旦'],
  ['03-08', '妇女节'],
  ['05-01', '劳动节'],
  ['10-01', '国庆节'],
];
const LUNAR_FESTIVALS: Record<string, string> = {
  '2026-02-17': '春节',
  '2026-03-03': '元宵节',
  '2026-06-19': '端午节',
  '2026-09-25': '中秋节',
  '2026-10-18': '重阳节',
  '2027-02-06': '春节',
  '2027-02-20': '元宵节',
  '2027-06-09': '端午节',
  '2027-09-15': '中秋节',
  '2027-10-08': '重阳节',
  '2028-01-26': '春节',
  '2028-02-09': '元宵节',
  '2028-05-28': '端午节',
  '2028-10-03': '中秋节',
  '2028-10-26': '重阳节',
};

export function festivalsBetween(from: string, to: string): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  for (let d = from; d <= to; d = addCivilDays(d, 1)) {
    const md = d.slice(5);
    for (const [fixed, name] of FIXED_FESTIVALS) if (fixed === md) out.push({ date: d, name });
    const lunar = LUNAR_FESTIVALS[d];
    if (lunar) out.push({ date: d, name: lunar });
  }
  return out;
}

/** The next date (on or after `day`) of a birthday's month and day; 29 February on 28 in common years. */
export function nextBirthday(birthday: string, day: string): string {
  const md = birthday.slice(4);
  const year = Number(day.slice(0, 4));
  const at = (y: number) =>
    addYears(`${Number(birthday.slice(0, 4))}${md}`, y - Number(birthday.slice(0, 4)));
  const thisYear = at(year);
  return thisYear >= day ? thisYear : at(year + 1);
}

/**
 * VIP birthdays (the holders' and their family's) and festivals within `days` days (the assistant's
 * list, 3 days ahead by default).
 */
export async function listReminders(deps: VipDeps, estateIds: string[], days: number) {
  if (estateIds.length === 0) return { estateIds, vipCount: 0, items: [] };
  const vips = await rows<{
    resident_id: string;
    name: string;
    birthday: string | null;
    estate_id: string;
    time_zone: string;
    number: string;
    valid_until: string;
  }>(
    deps.db,
    sql`select r.id as resident_id, r.name, r.birthday::text as birthday, r.estate_id, e.time_zone, c.number,
          c.valid_until::text as valid_until
        from vip_cards c join residents r on r.id = c.resident_id join estates e on e.id = c.estate_id
        where c.status = 'active' and c.estate_id in ${inList(estateIds)}`,
  );
  // The holders' family: owners, co-owners and members of a unit the holder is of (not tenants or agents).
  const family = await rows<{
    resident_id: string;
    name: string;
    birthday: string;
    holder_id: string;
    holder_name: string;
    estate_id: string;
    number: string;
    valid_until: string;
  }>(
    deps.db,
    sql`select distinct on (f.id, c.id) f.id as resident_id, f.name, f.birthday::text as birthday,
          c.resident_id as holder_id, h.name as holder_name, c.estate_id, c.number,
          c.valid_until::text as valid_until
        from vip_cards c join residents h on h.id = c.resident_id
        join resident_units hu on hu.resident_id = c.resident_id
        join resident_units fu on fu.unit_id = hu.unit_id and fu.resident_id <> c.resident_id
          and fu.relation in ('owner', 'co_owner', 'member')
        join residents f on f.id = fu.resident_id
        where c.status = 'active' and c.estate_id in ${inList(estateIds)} and f.birthday is not null
          and not exists (select 1 from vip_cards fc where fc.resident_id = f.id and fc.status = 'active')`,
  );
  const tz = vips[0]?.time_zone ?? 'Asia/Shanghai';
  const day = today(deps.clock, tz);
  const end = addCivilDays(day, days);
  const valid = vips.filter((v) => v.valid_until >= day);
  type Item = {
    kind: 'birthday' | 'festival';
    date: string;
    daysAhead: number;
    title: string;
    residentId: string | null;
    estateId: string | null;
    cardNumber: string | null;
    familyOf: { residentId: string; name: string } | null;
  };
  const items: Item[] = [];
  const people = [
    ...valid.map((v) => ({ ...v, familyOf: null })),
    ...family
      .filter((f) => f.valid_until >= day)
      .map((f) => ({ ...f, familyOf: { residentId: f.holder_id, name: f.holder_name } })),
  ];
  for (const v of people) {
    if (!v.birthday) continue;
    const next = nextBirthday(v.birthday, day);
    if (next <= end)
      items.push({
        kind: 'birthday',
        date: next,
        daysAhead: civilDaysBetween(day, next),
        title: v.name,
        residentId: v.resident_id,
        estateId: v.estate_id,
        cardNumber: v.number,
        familyOf: v.familyOf,
      });
  }
  if (valid.length)
    for (const f of festivalsBetween(day, end))
      items.push({
        kind: 'festival',
        date: f.date,
        daysAhead: civilDaysBetween(day, f.date),
        title: f.name,
        residentId: null,
        estateId: null,
        cardNumber: null,
        familyOf: null,
      });
  items.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  return { estateIds, vipCount: valid.length, items };
}
