/**
 * Reading escalation memos (工作传签单, spec 02 §4). The writes — send, decide, send on — and their bodies
 * are in complaints.ts (MemoBody, MemoDecisionBody, MemoEscalateBody), and the request detail carries
 * the chain (`complaint.memos`); these are the chain on its own and the memos waiting across estates,
 * for a supervisor's or a manager's workbench.
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { ComplaintGrade, ComplaintMemo } from './complaints.ts';

export const MEMO_STATUSES = ['open', 'decided', 'escalated'] as const;
export const MemoStatus = z.enum(MEMO_STATUSES);
export type MemoStatus = z.infer<typeof MemoStatus>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** GET /api/requests/:id/complaint/memos — the chain, level by level. */
export const ComplaintMemoChain = z.object({
  requestId: Id,
  number: z.string(),
  items: z.array(ComplaintMemo),
});
export type ComplaintMemoChain = z.infer<typeof ComplaintMemoChain>;

/** GET /api/complaint-memos */
export const ComplaintMemosQuery = PageQuery.extend({
  estateId: Id.optional(),
  status: MemoStatus.optional(),
  /** Only memos sent to a role the caller holds (the ones waiting for them when `status=open`). */
  mine: Flag.optional(),
});
export type ComplaintMemosQuery = z.infer<typeof ComplaintMemosQuery>;

/** A memo with what a workbench shows of its complaint. */
export const ComplaintMemoItem = ComplaintMemo.extend({
  requestId: Id,
  estateId: Id,
  estateName: z.string(),
  number: z.string(),
  description: z.string(),
  /** The request's state (a memo of a closed complaint can no longer be decided). */
  state: z.string(),
  grade: ComplaintGrade,
});
export type ComplaintMemoItem = z.infer<typeof ComplaintMemoItem>;

export const ComplaintMemoList = paged(ComplaintMemoItem);
export type ComplaintMemoList = z.infer<typeof ComplaintMemoList>;
