/** All SQL of the repair-fee module: payments of a request, the cashier's list and totals, fees to collect. */
import type {
  PaymentListItem,
  PaymentMethod,
  PaymentStatus,
  RequestPayment,
  UncollectedItem,
} from '@wuye/contracts';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { requests } from '../requests/requests.table.ts';
import { requestPayments } from './payments.table.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

interface PaymentRow {
  id: string;
  request_id: string;
  estate_id: string;
  amount_fen: number;
  expected_fen: number | null;
  method: PaymentMethod;
  status: PaymentStatus;
  collected_by_id: string;
  collected_by_name: string;
  collected_at: Date;
  receipt_no: string | null;
  confirmed_by_id: string | null;
  confirmed_by_name: string | null;
  confirmed_at: Date | null;
  note: string | null;
  confirm_note: string | null;
}

const paymentColumns = sql`p.id, p.request_id, p.estate_id, p.amount_fen, p.expected_fen, p.method, p.status,
  p.collected_by_id, cu.name as collected_by_name, p.collected_at, p.receipt_no,
  p.confirmed_by_id, fu.name as confirmed_by_name, p.confirmed_at, p.note, p.confirm_note`;
const paymentJoins = sql`join users cu on cu.id = p.collected_by_id left join users fu on fu.id = p.confirmed_by_id`;

function toPayment(r: PaymentRow): RequestPayment {
  return {
    id: r.id,
    requestId: r.request_id,
    estateId: r.estate_id,
    amountFen: r.amount_fen,
    expectedFen: r.expected_fen,
    method: r.method,
    status: r.status,
    collectedById: r.collected_by_id,
    collectedByName: r.collected_by_name,
    collectedAt: iso(r.collected_at)!,
    receiptNo: r.receipt_no,
    confirmedById: r.confirmed_by_id,
    confirmedByName: r.confirmed_by_name,
    confirmedAt: iso(r.confirmed_at),
    note: r.note,
    confirmNote: r.confirm_note,
  };
}

/**
 * The payments of one request, oldest first, as one JSON value, for the statement that reads the
 * request with everything it holds (`requestId` is that statement's column, e.g. sql`q.id`);
 * `paymentsFromJson` makes them RequestPayments.
 */
export function paymentsOfRequestJson(requestId: SQL): SQL {
  return sql`(select coalesce(json_agg(row_to_json(x) order by x.collected_at, x.id), '[]')
    from (select ${paymentColumns} from request_payments p ${paymentJoins} where p.request_id = ${requestId}) x)`;
}

export function paymentsFromJson(list: PaymentRow[]): RequestPayment[] {
  return list.map(toPayment);
}

export type PaymentJson = PaymentRow;

export async function hasPayment(db: Db, requestId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: requestPayments.id })
    .from(requestPayments)
    .where(eq(requestPayments.requestId, requestId))
    .limit(1);
  return Boolean(row);
}

/** One payment of a request, locked for the change about to be made. */
export async function lockPayment(db: Db, requestId: string, paymentId: string) {
  const [row] = await db
    .select()
    .from(requestPayments)
    .where(and(eq(requestPayments.id, paymentId), eq(requestPayments.requestId, requestId)))
    .for('update');
  return row ?? null;
}

export async function insertPayment(db: Db, values: typeof requestPayments.$inferInsert): Promise<void> {
  await db.insert(requestPayments).values(values);
}

export async function markConfirmed(
  db: Db,
  id: string,
  values: { confirmedById: string; confirmedAt: Date; receiptNo: string; confirmNote: string | null },
): Promise<void> {
  await db
    .update(requestPayments)
    .set({ status: 'confirmed', ...values })
    .where(eq(requestPayments.id, id));
}

/** An estate and the instants its local days run between (the caller computes them in its time zone). */
export interface EstateWindow {
  estateId: string;
  from: Date | null;
  to: Date | null;
}

function within(column: SQL, windows: EstateWindow[]): SQL {
  return sql`(${sql.join(
    windows.map(
      (w) =>
        sql`(p.estate_id = ${w.estateId}${w.from ? sql` and ${column} >= ${w.from}` : sql``}${
          w.to ? sql` and ${column} < ${w.to}` : sql``
        })`,
    ),
    sql` or `,
  )})`;
}

export interface PaymentListQuery {
  status?: PaymentStatus;
  method?: PaymentMethod;
  dateOf?: 'collected' | 'confirmed';
  page: number;
  pageSize: number;
}

/** The cashier's list: payments of the estates' windows (by collection time), newest first. */
export async function listPayments(
  db: Db,
  windows: EstateWindow[],
  q: PaymentListQuery,
): Promise<{ items: PaymentListItem[]; total: number }> {
  const { items, total } = await listPaymentsWithPhones(db, windows, q);
  // The phones are for the export only (masked there).
  return { items: items.map(({ reporterPhone: _, ...item }) => item), total };
}

/** A payment of the cashier's list with the reporter's phone, for the export (which masks it). */
export type PaymentWithPhone = PaymentListItem & { reporterPhone: string | null };

/** The cashier's list as GET /api/payments gives it, with the phones the export needs. */
export async function listPaymentsWithPhones(
  db: Db,
  windows: EstateWindow[],
  q: PaymentListQuery,
): Promise<{ items: PaymentWithPhone[]; total: number }> {
  if (windows.length === 0) return { items: [], total: 0 };
  const confirmedDays = q.dateOf === 'confirmed' && windows.some((w) => w.from || w.to);
  const conds = [within(confirmedDays ? sql`p.confirmed_at` : sql`p.collected_at`, windows)];
  if (q.status) conds.push(sql`p.status = ${q.status}`);
  if (q.method) conds.push(sql`p.method = ${q.method}`);
  const where = sql.join(conds, sql` and `);
  const items = await rows<
    PaymentRow & {
      number: string;
      type: string;
      state: string;
      unit_label: string | null;
      description: string;
      reporter_phone: string | null;
    }
  >(
    db,
    sql`select ${paymentColumns}, q.number, q.type, q.state, q.description, q.reporter_phone,
          case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label
        from request_payments p ${paymentJoins}
        join requests q on q.id = p.request_id
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        where ${where}
        order by ${confirmedDays ? sql`p.confirmed_at desc,` : sql``} p.collected_at desc, p.id desc
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from request_payments p where ${where}`,
  );
  return {
    items: items.map((r) => ({
      ...toPayment(r),
      requestNumber: r.number,
      requestType: r.type as PaymentListItem['requestType'],
      requestState: r.state as PaymentListItem['requestState'],
      unitLabel: r.unit_label,
      description: r.description,
      reporterPhone: r.reporter_phone,
    })),
    total: total?.n ?? 0,
  };
}

type Sum = { count: number; amountFen: number };

/** The cashier's totals: everything still to confirm, and the day's collections and confirmations. */
export async function paymentTotals(db: Db, estateIds: string[], day: EstateWindow[]) {
  const empty = { pending: zero(), collectedToday: zero(), confirmedToday: zero(), byMethod: [] };
  if (estateIds.length === 0) return empty;
  const [pending] = await rows<{ n: number; fen: number }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(p.amount_fen), 0)::int as fen from request_payments p
        where p.estate_id in ${estateIds} and p.status = 'collected'`,
  );
  const [collected] = await rows<{ n: number; fen: number }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(p.amount_fen), 0)::int as fen from request_payments p
        where ${within(sql`p.collected_at`, day)}`,
  );
  const byMethod = await rows<{ method: PaymentMethod; n: number; fen: number }>(
    db,
    sql`select p.method, count(*)::int as n, coalesce(sum(p.amount_fen), 0)::int as fen from request_payments p
        where p.status = 'confirmed' and ${within(sql`p.confirmed_at`, day)}
        group by p.method order by p.method`,
  );
  const confirmedToday = byMethod.reduce<Sum>(
    (s, r) => ({ count: s.count + r.n, amountFen: s.amountFen + r.fen }),
    zero(),
  );
  return {
    pending: { count: pending?.n ?? 0, amountFen: pending?.fen ?? 0 },
    collectedToday: { count: collected?.n ?? 0, amountFen: collected?.fen ?? 0 },
    confirmedToday,
    byMethod: byMethod.map((r) => ({ method: r.method, count: r.n, amountFen: r.fen })),
  };
}

function zero(): Sum {
  return { count: 0, amountFen: 0 };
}

/** Who sees which fees still to collect: a technician their own jobs, a lead their department's. */
export type UncollectedScope =
  | { kind: 'all' }
  | { kind: 'mine'; userId: string }
  | { kind: 'department'; departmentId: string };

/**
 * Completed chargeable requests with no payment recorded: the fees still to be collected, newest
 * completion first.
 */
export async function listUncollected(
  db: Db,
  estateIds: string[],
  scope: UncollectedScope,
  page: { page: number; pageSize: number },
): Promise<{ items: UncollectedItem[]; total: number }> {
  if (estateIds.length === 0) return { items: [], total: 0 };
  const conds = [
    sql`q.estate_id in ${estateIds}`,
    sql`q.state in ('done','confirmed','callback_done','closed')`,
    sql`(q.completion ->> 'chargeable') = 'true'`,
    sql`not exists (select 1 from request_payments p where p.request_id = q.id)`,
  ];
  if (scope.kind === 'mine')
    conds.push(sql`(q.assignee_id = ${scope.userId} or q.completion ->> 'completedById' = ${scope.userId})`);
  if (scope.kind === 'department') conds.push(sql`q.department_id = ${scope.departmentId}`);
  const where = sql.join(conds, sql` and `);
  const list = await rows<{
    id: string;
    number: string;
    estate_id: string;
    type: UncollectedItem['type'];
    state: UncollectedItem['state'];
    description: string;
    unit_label: string | null;
    reporter_name: string | null;
    fee_fen: number | null;
    completed_at: string | null;
    completed_by_id: string | null;
    completed_by_name: string | null;
    department_id: string | null;
    assignee_id: string | null;
    assignee_name: string | null;
  }>(
    db,
    sql`select q.id, q.number, q.estate_id, q.type, q.state, q.description, q.reporter_name,
          case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label,
          (q.completion ->> 'feeFen')::int as fee_fen, q.completion ->> 'completedAt' as completed_at,
          q.completion ->> 'completedById' as completed_by_id, cu.name as completed_by_name,
          q.department_id, q.assignee_id, a.name as assignee_name
        from requests q
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join users a on a.id = q.assignee_id
        left join users cu on cu.id = q.completion ->> 'completedById'
        where ${where}
        order by q.completion ->> 'completedAt' desc nulls last, q.id desc
        limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from requests q where ${where}`,
  );
  return {
    items: list.map((r) => ({
      id: r.id,
      number: r.number,
      estateId: r.estate_id,
      type: r.type,
      state: r.state,
      description: r.description,
      unitLabel: r.unit_label,
      reporterName: r.reporter_name,
      feeFen: r.fee_fen ?? 0,
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      completedById: r.completed_by_id,
      completedByName: r.completed_by_name,
      departmentId: r.department_id,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
    })),
    total: total?.n ?? 0,
  };
}

/** The request a payment is for, locked so a payment and a lifecycle change never interleave. */
export async function lockRequestForPayment(db: Db, companyId: string, id: string) {
  const [row] = await db
    .select({
      id: requests.id,
      companyId: requests.companyId,
      estateId: requests.estateId,
      state: requests.state,
      departmentId: requests.departmentId,
      assigneeId: requests.assigneeId,
      completion: requests.completion,
    })
    .from(requests)
    .where(and(eq(requests.id, id), eq(requests.companyId, companyId)))
    .for('update');
  return row ?? null;
}
