/**
 * The clock sweeper (spec 01 §4): claims due clocks in batches with `FOR UPDATE SKIP LOCKED`, so any
 * number of processes can sweep at once and each alert is raised exactly once:
 * - at 75% of a window, a warning to the owner;
 * - at the due time, the clock is missed: one alert to the owner and the customer-service supervisor;
 * - one window later each time, the alert climbs the ladder: supervisor → the department's lead →
 *   estate manager → company (hq_cs), each level acknowledging its own alert.
 * A batch is one statement (claim + update + insert alerts) in one transaction.
 */
import type { AlertRaisedEvent, Role } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { runEvery } from '../../platform/periodic.ts';

/** Level n of the ladder is handled by LADDER[n - 1]; level 1 is the owner (the supervisor is told too). */
export const LADDER: readonly (Role | 'owner')[] = [
  'owner',
  'cs_supervisor',
  'dept_lead',
  'manager',
  'hq_cs',
];

export interface SweepResult {
  warnings: number;
  missed: number;
  escalations: number;
}

/** What each batch tells the live stream about the alerts it raised (after its commit). */
export type OnRaised = (alerts: AlertRaisedEvent[]) => void;

const RAISED_COLUMNS = sql.raw(
  'id, estate_id, request_id, deadline_kind, kind, level, recipient_user_id, recipient_role, raised_at',
);
const RAISED_JSON = sql`(select coalesce(json_agg(json_build_object('id', r.id, 'estateId', r.estate_id,
    'requestId', r.request_id, 'requestNumber', q.number, 'deadlineKind', r.deadline_kind, 'kind', r.kind,
    'level', r.level, 'recipientUserId', r.recipient_user_id, 'recipientRole', r.recipient_role,
    'raisedAt', r.raised_at)), '[]'::json)
  from raised r join requests q on q.id = r.request_id)`;

async function batch(db: Db, statement: ReturnType<typeof sql>, onRaised?: OnRaised): Promise<number> {
  const [row] = await db.transaction((tx) => rows<{ n: number; alerts: AlertRaisedEvent[] }>(tx, statement));
  if (onRaised && row?.alerts.length)
    onRaised(row.alerts.map((a) => ({ ...a, raisedAt: new Date(a.raisedAt).toISOString() })));
  return row?.n ?? 0;
}

function missedBatch(now: Date, limit: number) {
  return sql`with due as (
      select id from request_deadlines
      where status = 'pending' and due_at <= ${now}
      order by due_at limit ${limit} for update skip locked
    ), claimed as (
      update request_deadlines d set status = 'missed', alerted_at = ${now}, escalation_level = 1,
        next_escalation_at = d.due_at + greatest(d.due_at - d.started_at, interval '1 minute')
      from due where d.id = due.id
      returning d.id, d.company_id, d.estate_id, d.request_id, d.kind
    ), raised as (
      insert into request_alerts (id, company_id, estate_id, request_id, deadline_id, deadline_kind, kind, level,
                                  recipient_user_id, recipient_role, raised_at)
      select gen_random_uuid()::text, c.company_id, c.estate_id, c.request_id, c.id, c.kind, 'missed', 1,
             q.owner_id, 'cs_supervisor', ${now}
      from claimed c join requests q on q.id = c.request_id
      on conflict do nothing
      returning ${RAISED_COLUMNS}
    )
    select (select count(*)::int from claimed) as n, ${RAISED_JSON} as alerts`;
}

function warningBatch(now: Date, limit: number) {
  return sql`with due as (
      select id from request_deadlines
      where status = 'pending' and warned_at is null and warn_at <= ${now} and due_at > ${now}
      order by warn_at limit ${limit} for update skip locked
    ), claimed as (
      update request_deadlines d set warned_at = ${now}
      from due where d.id = due.id
      returning d.id, d.company_id, d.estate_id, d.request_id, d.kind
    ), raised as (
      insert into request_alerts (id, company_id, estate_id, request_id, deadline_id, deadline_kind, kind, level,
                                  recipient_user_id, recipient_role, raised_at)
      select gen_random_uuid()::text, c.company_id, c.estate_id, c.request_id, c.id, c.kind, 'warning', 0,
             q.owner_id, null, ${now}
      from claimed c join requests q on q.id = c.request_id
      on conflict do nothing
      returning ${RAISED_COLUMNS}
    )
    select (select count(*)::int from claimed) as n, ${RAISED_JSON} as alerts`;
}

function escalationBatch(now: Date, limit: number) {
  const top = LADDER.length;
  return sql`with due as (
      select id from request_deadlines
      where next_escalation_at is not null and next_escalation_at <= ${now} and status = 'missed' and met_at is null
      order by next_escalation_at limit ${limit} for update skip locked
    ), claimed as (
      update request_deadlines d set escalation_level = d.escalation_level + 1,
        next_escalation_at = case when d.escalation_level + 1 >= ${top} then null
          else d.next_escalation_at + greatest(d.due_at - d.started_at, interval '1 minute') end
      from due where d.id = due.id
      returning d.id, d.company_id, d.estate_id, d.request_id, d.kind, d.escalation_level
    ), raised as (
      insert into request_alerts (id, company_id, estate_id, request_id, deadline_id, deadline_kind, kind, level,
                                  recipient_user_id, recipient_role, raised_at)
      select gen_random_uuid()::text, c.company_id, c.estate_id, c.request_id, c.id, c.kind, 'escalation',
             c.escalation_level, null, (array[${sql.join(
               LADDER.map((r) => sql`${r}`),
               sql`, `,
             )}])[c.escalation_level], ${now}
      from claimed c
      on conflict do nothing
      returning ${RAISED_COLUMNS}
    )
    select (select count(*)::int from claimed) as n, ${RAISED_JSON} as alerts`;
}

/** Sweeps until nothing is due; safe to run in several processes at once. */
export async function sweepClocks(
  db: Db,
  now: Date,
  options: { batchSize?: number; onRaised?: OnRaised } = {},
): Promise<SweepResult> {
  const size = options.batchSize ?? 1000;
  const result: SweepResult = { warnings: 0, missed: 0, escalations: 0 };
  const drain = async (make: (now: Date, limit: number) => ReturnType<typeof sql>): Promise<number> => {
    let total = 0;
    for (;;) {
      const n = await batch(db, make(now, size), options.onRaised);
      total += n;
      if (n < size) return total;
    }
  };
  // Missed first: a clock found already past due gets its miss, not a stale warning.
  result.missed = await drain(missedBatch);
  result.warnings = await drain(warningBatch);
  result.escalations = await drain(escalationBatch);
  return result;
}

/** Runs the sweeper every `intervalMs` in this process; returns a stop function. */
export function startClockSweeper(
  db: Db,
  now: () => Date,
  options: {
    intervalMs?: number;
    onError?: (err: unknown) => void;
    onSwept?: (r: SweepResult) => void;
    onRaised?: OnRaised;
  } = {},
): () => void {
  return runEvery(
    options.intervalMs ?? 15_000,
    async () => {
      const r = await sweepClocks(db, now(), { onRaised: options.onRaised });
      if (r.missed || r.warnings || r.escalations) options.onSwept?.(r);
    },
    { onError: options.onError },
  );
}
