/**
 * Reading escalation memos (工作传签单): the chain of one complaint, and the memos across the caller's
 * estates — those waiting for a role the caller holds (`mine`) for a supervisor's workbench, newest
 * first. Sending, deciding and sending on are complaints.escalation.ts. Scoped to the caller's company
 * and estates: another estate's complaint does not exist for them (404).
 */
import type {
  ComplaintGrade,
  ComplaintMemo,
  ComplaintMemoChain,
  ComplaintMemoItem,
  ComplaintMemosQuery,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { complaintMemosJson, type MemoJson } from './complaints.repository.ts';

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

function memoView(m: MemoJson): ComplaintMemo {
  return {
    id: m.id,
    level: m.level,
    toRole: m.to_role,
    question: m.question,
    proposals: m.proposals.map((p) => ({ remedy: p.remedy, costFen: p.costFen ?? null })),
    createdById: m.created_by_id,
    createdByName: m.created_by_name,
    createdAt: iso(m.created_at)!,
    status: m.status as ComplaintMemo['status'],
    decision: m.decision,
    decidedByName: m.decided_by_name,
    decidedAt: iso(m.decided_at),
  };
}

/** GET /api/requests/:id/complaint/memos — the chain in order (level, then time). */
export async function memoChain(db: Db, actor: Actor, requestId: string): Promise<ComplaintMemoChain> {
  const [r] = await rows<{ id: string; number: string; type: string; estate_id: string; memos: MemoJson[] }>(
    db,
    sql`select q.id, q.number, q.type, q.estate_id, ${complaintMemosJson(sql`q.id`)} as memos
        from requests q where q.id = ${requestId} and q.company_id = ${actor.companyId}`,
  );
  if (!r || !actor.estateIds.includes(r.estate_id)) throw notFound('notFound.request');
  if (r.type !== 'complaint') throw new AppError('RULE_VIOLATION', 'rule.notComplaint');
  return { requestId: r.id, number: r.number, items: (r.memos ?? []).map(memoView) };
}

interface ListRow extends MemoJson {
  request_id: string;
  estate_id: string;
  estate_name: string;
  number: string;
  description: string;
  state: string;
  grade: string | null;
  total: number;
}

/** GET /api/complaint-memos — memos of the given estates, newest first, with their complaint. */
export async function listMemos(
  db: Db,
  actor: Actor,
  estateIds: string[],
  q: ComplaintMemosQuery,
): Promise<{ items: ComplaintMemoItem[]; total: number }> {
  if (estateIds.length === 0 || (q.mine && actor.roles.length === 0)) return { items: [], total: 0 };
  const parts: SQL[] = [sql`m.company_id = ${actor.companyId}`, sql`m.estate_id in ${estateIds}`];
  if (q.status) parts.push(sql`m.status = ${q.status}`);
  // A company role (hq_cs, gm) holds its level at every estate of the caller's scope (all of them).
  if (q.mine) parts.push(sql`m.to_role in ${actor.roles}`);
  const found = await rows<ListRow>(
    db,
    sql`select m.id, m.level, m.to_role, m.question, m.proposals, m.created_by_id, cu.name as created_by_name,
          m.created_at, m.status, m.decision, du.name as decided_by_name, m.decided_at,
          m.request_id, m.estate_id, e.name as estate_name, q.number, q.description, q.state, c.grade,
          count(*) over ()::int as total
        from complaint_memos m
        join requests q on q.id = m.request_id
        join estates e on e.id = m.estate_id
        join users cu on cu.id = m.created_by_id
        left join users du on du.id = m.decided_by_id
        left join complaints c on c.request_id = m.request_id
        where ${sql.join(parts, sql` and `)}
        order by m.created_at desc, m.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: found[0]?.total ?? 0,
    items: found.map((m) => ({
      ...memoView(m),
      requestId: m.request_id,
      estateId: m.estate_id,
      estateName: m.estate_name,
      number: m.number,
      description: m.description,
      state: m.state,
      grade: (m.grade as ComplaintGrade | null) ?? 'general',
    })),
  };
}
