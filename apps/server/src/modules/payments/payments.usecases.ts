/**
 * Repair fees (spec 01 §3): a technician (or their lead) records the fee taken on site, or the desk or
 * the cashier one paid at the office or in the portal; the cashier confirms it with the receipt number.
 * Each step is one transaction with its event on the request's timeline.
 */
import {
  type CollectPaymentBody,
  type ConfirmPaymentBody,
  type PaymentSummary,
  type RequestDetail,
  type Role,
  TECHNICIAN_PAYMENT_METHODS,
} from '@wuye/contracts';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addCivilDays, wallTime, zonedInstant } from '../../platform/sla-time.ts';
import { listEstates } from '../organisation/organisation.repository.ts';
import { getRequestDetail } from '../requests/requests.detail.ts';
import {
  type EstateWindow,
  hasPayment,
  insertPayment,
  listUncollected,
  lockPayment,
  lockRequestForPayment,
  markConfirmed,
  paymentTotals,
  type UncollectedScope,
} from './payments.repository.ts';

export interface PaymentDeps {
  db: Db;
  clock: Clock;
}

/** May record a payment (which methods each may record is decided per request, below). */
export const COLLECT_ROLES: readonly Role[] = [
  'technician',
  'dept_lead',
  'cs_agent',
  'cs_supervisor',
  'cashier',
];
const OFFICE_ROLES: readonly Role[] = ['cs_agent', 'cs_supervisor', 'cashier'];
export const CONFIRM_ROLES: readonly Role[] = ['cashier', 'manager'];
/** The cashier's list and totals. */
export const PAYMENT_LIST_ROLES: readonly Role[] = ['cashier', 'manager', 'cs_supervisor', 'hq_cs', 'gm'];
/** Fees still to collect: the technician's own, the lead's department's, everyone's for the desk. */
export const UNCOLLECTED_ROLES: readonly Role[] = [
  'technician',
  'dept_lead',
  'cs_agent',
  'cs_supervisor',
  'cashier',
  'manager',
  'hq_cs',
  'gm',
];

const COMPLETED_STATES = ['done', 'confirmed', 'callback_done', 'closed'];

type Completion = { chargeable?: boolean; feeFen?: number; completedById?: string } | null;
type LockedRequest = NonNullable<Awaited<ReturnType<typeof lockRequestForPayment>>>;

async function lockVisibleRequest(db: Db, actor: Actor, id: string): Promise<LockedRequest> {
  const r = await lockRequestForPayment(db, actor.companyId, id);
  if (!r || !actor.estateIds.includes(r.estateId)) throw notFound('notFound.request');
  return r;
}

/** On-site methods: the assigned person, whoever completed the job, or the department's lead. */
function assertMayCollect(actor: Actor, r: LockedRequest, method: CollectPaymentBody['method']): void {
  const completion = r.completion as Completion;
  if (TECHNICIAN_PAYMENT_METHODS.includes(method)) {
    if (r.assigneeId === actor.userId || completion?.completedById === actor.userId) return;
    if (
      hasAnyRole(actor, ['dept_lead']) &&
      actor.departmentId !== null &&
      actor.departmentId === r.departmentId
    )
      return;
  } else if (hasAnyRole(actor, OFFICE_ROLES)) return;
  throw new AppError('FORBIDDEN', 'payment.notCollector');
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Records the fee of a completed chargeable request: guard → one transaction (payment + event). */
export async function collectPayment(
  deps: PaymentDeps,
  actor: Actor,
  requestId: string,
  body: CollectPaymentBody,
): Promise<RequestDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await lockVisibleRequest(tx, actor, requestId);
    assertMayCollect(actor, r, body.method);
    const completion = r.completion as Completion;
    if (!COMPLETED_STATES.includes(r.state) || !completion?.chargeable)
      throw new AppError('RULE_VIOLATION', 'rule.paymentNotChargeable');
    if (await hasPayment(tx, r.id)) throw new AppError('RULE_VIOLATION', 'rule.paymentExists');
    const expectedFen = completion.feeFen ?? 0;
    if (body.amountFen !== expectedFen && !body.note)
      throw fieldError('note', { key: 'validation.paymentNoteRequired', params: { fee: yuan(expectedFen) } });

    const now = deps.clock.now();
    const id = newId(now.getTime());
    await insertPayment(tx, {
      id,
      companyId: r.companyId,
      estateId: r.estateId,
      requestId: r.id,
      amountFen: body.amountFen,
      expectedFen,
      method: body.method,
      status: 'collected',
      collectedById: actor.userId,
      collectedAt: now,
      receiptNo: body.receiptNo ?? null,
      note: body.note ?? null,
    });
    await recordEvent(tx, {
      companyId: r.companyId,
      estateId: r.estateId,
      entityType: 'request',
      entityId: r.id,
      action: 'payment_collected',
      actorId: actor.userId,
      at: now,
      data: {
        paymentId: id,
        amountFen: body.amountFen,
        expectedFen,
        method: body.method,
        receiptNo: body.receiptNo,
        note: body.note,
      },
    });
    return getRequestDetail(tx, actor, r.id);
  });
}

/** The cashier's confirmation with the receipt number; a payment is confirmed once (422 after that). */
export async function confirmPayment(
  deps: PaymentDeps,
  actor: Actor,
  requestId: string,
  paymentId: string,
  body: ConfirmPaymentBody,
): Promise<RequestDetail> {
  return deps.db.transaction(async (tx) => {
    const r = await lockVisibleRequest(tx, actor, requestId);
    const p = await lockPayment(tx, r.id, paymentId);
    if (!p) throw notFound('notFound.payment');
    if (p.status === 'confirmed') throw new AppError('RULE_VIOLATION', 'rule.paymentConfirmed');
    const now = deps.clock.now();
    await markConfirmed(tx, p.id, {
      confirmedById: actor.userId,
      confirmedAt: now,
      receiptNo: body.receiptNo,
      confirmNote: body.note ?? null,
    });
    await recordEvent(tx, {
      companyId: r.companyId,
      estateId: r.estateId,
      entityType: 'request',
      entityId: r.id,
      action: 'payment_confirmed',
      actorId: actor.userId,
      at: now,
      data: {
        paymentId: p.id,
        amountFen: p.amountFen,
        method: p.method,
        receiptNo: body.receiptNo,
        note: body.note,
      },
    });
    return getRequestDetail(tx, actor, r.id);
  });
}

/** The instants each estate's local days from..to (inclusive) run between. */
export async function dayWindows(
  db: Db,
  estateIds: string[],
  from: string | undefined,
  to: string | undefined,
): Promise<EstateWindow[]> {
  if (from && to && from > to) throw fieldError('from', 'validation.dateRange');
  const list = await listEstates(db, estateIds);
  return list.map((e) => ({
    estateId: e.id,
    from: from ? zonedInstant(from, 0, e.timeZone) : null,
    to: to ? zonedInstant(addCivilDays(to, 1), 0, e.timeZone) : null,
  }));
}

/** Today's totals (or a given day's) in the first estate's time zone, plus everything still to confirm. */
export async function paymentSummary(
  deps: PaymentDeps,
  estateIds: string[],
  date: string | undefined,
): Promise<PaymentSummary> {
  const estates = await listEstates(deps.db, estateIds);
  const day = date ?? wallTime(deps.clock.now(), estates[0]?.timeZone ?? 'Asia/Shanghai').date;
  const windows = await dayWindows(deps.db, estateIds, day, day);
  const totals = await paymentTotals(deps.db, estateIds, windows);
  return {
    estateIds,
    date: day,
    pending: totals.pending,
    collectedToday: totals.collectedToday,
    confirmedToday: totals.confirmedToday,
    confirmedByMethod: totals.byMethod,
  };
}

/** Fees still to collect, as far as the caller is concerned. */
export function uncollectedFor(
  deps: PaymentDeps,
  actor: Actor,
  estateIds: string[],
  page: { page: number; pageSize: number },
) {
  const desk = hasAnyRole(actor, ['cs_agent', 'cs_supervisor', 'cashier', 'manager', 'hq_cs', 'gm']);
  let scope: UncollectedScope = { kind: 'all' };
  if (!desk && hasAnyRole(actor, ['dept_lead']) && actor.departmentId)
    scope = { kind: 'department', departmentId: actor.departmentId };
  else if (!desk) scope = { kind: 'mine', userId: actor.userId };
  return listUncollected(deps.db, estateIds, scope, page);
}
