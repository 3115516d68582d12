/**
 * Escalation memos (工作传签单, spec 02 §4): when the owner cannot resolve a complaint it goes up one
 * level at a time — customer-service supervisor → estate manager → vice-president in charge (hq_cs) →
 * general manager — as a memo with the question and the remedies proposed (with costs). The level it
 * was sent to decides, optionally giving the final answer to the resident (which meets the reply clock),
 * or sends it on one level up. One transaction each, an event on the complaint's timeline, the people
 * of the next level notified; the request's version is not bumped (a memo is not a lifecycle step).
 */
import {
  type LiveEvent,
  MEMO_LEVELS,
  type MemoBody,
  type MemoDecisionBody,
  type MemoEscalateBody,
  type RequestDetail,
  type Role,
} from '@wuye/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import { type Db, rows } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { notify } from '../notifications/notifications.ts';
import { getRequestDetail } from '../requests/requests.detail.ts';
import { DESK_ROLES } from '../requests/requests.usecases.ts';
import { complaintMemos, complaints } from './complaints.table.ts';
import { type ComplaintDeps, lockComplaint, meetClocks, usersWithRoles } from './complaints.usecases.ts';

type Memo = typeof complaintMemos.$inferSelect;

/** Who at the estate holds this level's role (company roles anywhere in the company). */
async function holders(tx: Db, companyId: string, estateId: string, role: Role): Promise<string[]> {
  return (await usersWithRoles(tx, companyId, estateId, [role])).map((u) => u.id);
}

function assertOpen(state: string) {
  if (state === 'closed' || state === 'cancelled')
    throw new AppError('RULE_VIOLATION', 'rule.complaintClosed');
}

/** A memo of the caller's company and estates, locked, with its complaint locked first. */
async function lockMemo(tx: Db, actor: Actor, memoId: string): Promise<{ memo: Memo }> {
  const [found] = await tx
    .select({ requestId: complaintMemos.requestId, estateId: complaintMemos.estateId })
    .from(complaintMemos)
    .where(and(eq(complaintMemos.id, memoId), eq(complaintMemos.companyId, actor.companyId)));
  if (!found || !actor.estateIds.includes(found.estateId)) throw notFound('notFound.record');
  await lockComplaint(tx, actor, found.requestId);
  const [memo] = await tx.select().from(complaintMemos).where(eq(complaintMemos.id, memoId)).for('update');
  return { memo: memo! };
}

function mayAnswer(actor: Actor, memo: Memo) {
  if (!hasAnyRole(actor, [memo.toRole as Role])) throw forbidden();
  if (memo.status !== 'open') throw new AppError('RULE_VIOLATION', 'rule.memoNotOpen');
}

async function send(
  tx: Db,
  actor: Actor,
  r: { id: string; companyId: string; estateId: string; number: string },
  level: number,
  body: MemoBody,
  parentId: string | null,
  now: Date,
) {
  const toRole = MEMO_LEVELS[level - 1]!;
  const id = newId(now.getTime());
  await tx.insert(complaintMemos).values({
    id,
    companyId: r.companyId,
    estateId: r.estateId,
    requestId: r.id,
    parentId,
    level,
    toRole,
    question: body.question,
    proposals: body.proposals.map((p) => ({ remedy: p.remedy, costFen: p.costFen ?? null })),
    createdById: actor.userId,
    createdAt: now,
  });
  await notify(tx, {
    companyId: r.companyId,
    estateId: r.estateId,
    userIds: await holders(tx, r.companyId, r.estateId, toRole),
    kind: 'complaint_memo',
    requestId: r.id,
    title: `${r.number} 工作传签单待您批示（${actor.name}）`,
    data: { memoId: id, level, number: r.number },
    at: now,
  });
  return { id, toRole };
}

function changed(detail: RequestDetail): LiveEvent {
  return {
    type: 'request.changed',
    data: {
      id: detail.id,
      estateId: detail.estateId,
      number: detail.number,
      state: detail.state,
      version: detail.version,
    },
  };
}

/** The owner (or the desk) sends the complaint up to the customer-service supervisor: the first memo. */
export async function sendMemo(
  deps: ComplaintDeps,
  actor: Actor,
  requestId: string,
  body: MemoBody,
): Promise<RequestDetail> {
  const detail = await deps.db.transaction(async (tx) => {
    const { r } = await lockComplaint(tx, actor, requestId);
    if (r.ownerId !== actor.userId && !hasAnyRole(actor, DESK_ROLES)) throw forbidden();
    assertOpen(r.state);
    const [open] = await tx
      .select({ id: complaintMemos.id })
      .from(complaintMemos)
      .where(and(eq(complaintMemos.requestId, r.id), eq(complaintMemos.status, 'open')));
    if (open) throw new AppError('RULE_VIOLATION', 'rule.memoOpen');
    const now = deps.clock.now();
    const sent = await send(tx, actor, r, 1, body, null, now);
    await recordEvent(tx, {
      companyId: r.companyId,
      estateId: r.estateId,
      entityType: 'request',
      entityId: r.id,
      action: 'complaint_memo',
      actorId: actor.userId,
      at: now,
      data: {
        memoId: sent.id,
        level: 1,
        toRole: sent.toRole,
        text: body.question,
      },
    });
    return getRequestDetail(tx, actor, r.id);
  });
  deps.live?.publish(changed(detail));
  return detail;
}

/** The level the memo was sent to decides; with an answer to the resident, the reply clock is met. */
export async function decideMemo(
  deps: ComplaintDeps,
  actor: Actor,
  memoId: string,
  body: MemoDecisionBody,
): Promise<RequestDetail> {
  const detail = await deps.db.transaction(async (tx) => {
    const { memo } = await lockMemo(tx, actor, memoId);
    mayAnswer(actor, memo);
    const [r] = await rows<{ state: string }>(
      tx,
      sql`select state from requests where id = ${memo.requestId}`,
    );
    assertOpen(r!.state);
    const now = deps.clock.now();
    await tx
      .update(complaintMemos)
      .set({ status: 'decided', decision: body.decision, decidedById: actor.userId, decidedAt: now })
      .where(eq(complaintMemos.id, memo.id));
    if (body.answerToResident) {
      await tx
        .update(complaints)
        .set({
          answerMethod: body.answerToResident.method,
          answerText: body.answerToResident.text,
          answeredAt: now,
        })
        .where(eq(complaints.requestId, memo.requestId));
      await meetClocks(tx, memo.requestId, ['complaint_reply'], now);
    }
    await recordEvent(tx, {
      companyId: memo.companyId,
      estateId: memo.estateId,
      entityType: 'request',
      entityId: memo.requestId,
      action: 'complaint_memo_decision',
      actorId: actor.userId,
      at: now,
      data: {
        memoId: memo.id,
        level: memo.level,
        text: body.decision,
        answerToResident: body.answerToResident?.text ?? null,
      },
    });
    return getRequestDetail(tx, actor, memo.requestId);
  });
  deps.live?.publish(changed(detail));
  return detail;
}

/** This level cannot decide: the memo goes one level up (the general manager is the last). */
export async function escalateMemo(
  deps: ComplaintDeps,
  actor: Actor,
  memoId: string,
  body: MemoEscalateBody,
): Promise<RequestDetail> {
  const detail = await deps.db.transaction(async (tx) => {
    const { memo } = await lockMemo(tx, actor, memoId);
    mayAnswer(actor, memo);
    if (memo.level >= MEMO_LEVELS.length) throw new AppError('RULE_VIOLATION', 'rule.memoTop');
    const [r] = await rows<{ state: string; number: string }>(
      tx,
      sql`select state, number from requests where id = ${memo.requestId}`,
    );
    assertOpen(r!.state);
    const now = deps.clock.now();
    await tx
      .update(complaintMemos)
      .set({ status: 'escalated', decidedById: actor.userId, decidedAt: now })
      .where(eq(complaintMemos.id, memo.id));
    const sent = await send(
      tx,
      actor,
      { id: memo.requestId, companyId: memo.companyId, estateId: memo.estateId, number: r!.number },
      memo.level + 1,
      {
        question: body.question ?? memo.question,
        proposals:
          body.proposals ??
          memo.proposals.map((p) => ({ remedy: p.remedy, costFen: p.costFen ?? undefined })),
      },
      memo.id,
      now,
    );
    await recordEvent(tx, {
      companyId: memo.companyId,
      estateId: memo.estateId,
      entityType: 'request',
      entityId: memo.requestId,
      action: 'complaint_memo_escalate',
      actorId: actor.userId,
      at: now,
      data: {
        memoId: sent.id,
        level: memo.level + 1,
        toRole: sent.toRole,
        text: body.question ?? null,
      },
    });
    return getRequestDetail(tx, actor, memo.requestId);
  });
  deps.live?.publish(changed(detail));
  return detail;
}
