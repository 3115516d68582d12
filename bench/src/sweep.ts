/**
 * The SLA-sweep benchmark (§5: 100 000 deadlines falling due at once, all alerts raised exactly once
 * in < 30 s with 2 processes): N pending clocks, due in the last minute before the sweep instant, are
 * added to the dataset's requests; then
 * - app: the app's sweeper function (requests.sweeper.ts sweepClocks, batches of 1 000 claimed with
 *   FOR UPDATE SKIP LOCKED) runs in 2 processes at once (sweep-worker.ts; PGlite: 1, in the server
 *   process, which owns the database), started together once both are connected;
 * - raw: another N clocks, swept by the same claim-update-insert statement sent straight through the
 *   driver by 2 concurrent callers (PGlite: 1);
 * and each side is checked: N missed alerts, one per clock, none left pending, the claims of the
 * callers adding up to N, both processes having done part of the work.
 *
 * The sweep instant is the dataset's: the generated clocks are as the sweeper left them there, and
 * before the run the sweeper settles what the demo seed left due, so only the N clocks fall due.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SweepResult } from '../../apps/server/src/modules/requests/requests.sweeper.ts';
import type { RawDb } from './scenarios.ts';

export const SWEEP_BATCH = 1_000;

/**
 * MIRROR of requests.sweeper.ts missedBatch: claim up to $2 pending clocks due by $1, mark them
 * missed at level 1 with their next escalation, raise one alert each (owner + supervisor).
 */
export const MISSED_BATCH_SQL = `with due as (
      select id from request_deadlines
      where status = 'pending' and due_at <= $1
      order by due_at limit $2 for update skip locked
    ), claimed as (
      update request_deadlines d set status = 'missed', alerted_at = $1, escalation_level = 1,
        next_escalation_at = d.due_at + greatest(d.due_at - d.started_at, interval '1 minute')
      from due where d.id = due.id
      returning d.id, d.company_id, d.estate_id, d.request_id, d.kind
    ), raised as (
      insert into request_alerts (id, company_id, estate_id, request_id, deadline_id, deadline_kind, kind, level,
                                  recipient_user_id, recipient_role, raised_at)
      select gen_random_uuid()::text, c.company_id, c.estate_id, c.request_id, c.id, c.kind, 'missed', 1,
             q.owner_id, 'cs_supervisor', $1
      from claimed c join requests q on q.id = c.request_id
      on conflict do nothing
      returning 1
    )
    select (select count(*)::int from claimed) as n, (select count(*)::int from raised) as raised`;

/** `callers` loops of MISSED_BATCH_SQL, one transaction per batch, until nothing is due; claims per caller. */
export async function rawSweep(db: RawDb, at: Date, batchSize: number, callers: number): Promise<number[]> {
  const one = async () => {
    let total = 0;
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const [row] = await tx.query<{ n: number }>(MISSED_BATCH_SQL, [at.toISOString(), batchSize]);
        return row?.n ?? 0;
      });
      total += n;
      if (n < batchSize) return total;
    }
  };
  return Promise.all(Array.from({ length: callers }, one));
}

/**
 * Adds `n` pending 'fix' clocks with ids `<prefix><k>`, spread over the dataset's requests (one each
 * while there are enough), started 10 hours before `at` and due in the minute before it.
 */
export function injectSql(prefix: string, n: number, at: Date): { text: string; params: unknown[] } {
  return {
    text: `with r as (select id, company_id, estate_id, (row_number() over (order by id) - 1)::int as k from requests),
             c as (select count(*)::int as n from requests)
           insert into request_deadlines (id, company_id, estate_id, request_id, kind, started_at, due_at, warn_at, status)
           select $1 || g, r.company_id, r.estate_id, r.id, 'fix',
                  $3::timestamptz - interval '10 hours',
                  $3::timestamptz - ((g % 60000) || ' milliseconds')::interval,
                  $3::timestamptz - interval '10 hours' + interval '450 minutes',
                  'pending'
           from generate_series(0, $2::int - 1) g join r on r.k = g % (select n from c)`,
    params: [prefix, n, at.toISOString()],
  };
}

/** What the sweep of the clocks `<prefix>…` left: alerts, clocks alerted, clocks still pending. */
export function verifySql(prefix: string): { text: string; params: unknown[] } {
  return {
    text: `select (select count(*)::int from request_alerts where deadline_id like $1 and kind = 'missed') as alerts,
                  (select count(distinct deadline_id)::int from request_alerts where deadline_id like $1) as distinct_deadlines,
                  (select count(*)::int from request_alerts where deadline_id like $1) as all_alerts,
                  (select count(*)::int from request_deadlines where id like $1 and status = 'pending') as still_pending,
                  (select count(*)::int from request_deadlines where id like $1 and status = 'missed') as missed`,
    params: [`${prefix}%`],
  };
}

export interface SweepCheck {
  alerts: number;
  distinct_deadlines: number;
  all_alerts: number;
  still_pending: number;
  missed: number;
}

/** Problems in a sweep's outcome (empty when every clock got exactly one alert). */
export function checkSweep(n: number, claimed: number[], check: SweepCheck): string[] {
  const problems: string[] = [];
  const sum = claimed.reduce((a, b) => a + b, 0);
  if (sum !== n) problems.push(`the processes claimed ${sum} clocks in all, not ${n}`);
  if (claimed.length > 1 && Math.min(...claimed) === 0) problems.push('one process claimed nothing');
  if (check.alerts !== n) problems.push(`${check.alerts} missed alerts, not ${n}`);
  if (check.distinct_deadlines !== n || check.all_alerts !== n)
    problems.push(
      `${check.all_alerts} alerts for ${check.distinct_deadlines} clocks (expected ${n} for ${n})`,
    );
  if (check.still_pending !== 0) problems.push(`${check.still_pending} clocks still pending`);
  if (check.missed !== n) problems.push(`${check.missed} clocks marked missed, not ${n}`);
  return problems;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The app side on PostgreSQL: `processes` sweep-worker.ts children, each connected to `url`; once all
 * are ready they get "go" at the same moment; the time is from then until the last one is done.
 */
export async function sweepInProcesses(
  url: string,
  at: Date,
  processes: number,
  batchSize: number,
): Promise<{ ms: number; results: SweepResult[]; workerMs: number[] }> {
  const children = Array.from({ length: processes }, () =>
    fork(path.join(here, 'sweep-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, DATABASE_URL: url },
    }),
  );
  try {
    const ready = children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) =>
            reject(new Error(`a sweep worker exited (${code}) before it was ready`)),
          );
        }),
    );
    await Promise.all(ready);
    const done = children.map(
      (child) =>
        new Promise<{ result: SweepResult; ms: number }>((resolve, reject) => {
          child.once('message', (m: { result?: SweepResult; ms?: number; error?: string }) =>
            m.error ? reject(new Error(m.error)) : resolve(m as { result: SweepResult; ms: number }),
          );
          child.once('exit', (code) => reject(new Error(`a sweep worker exited (${code})`)));
        }),
    );
    const t0 = performance.now();
    for (const child of children) child.send({ at: at.toISOString(), batchSize });
    const out = await Promise.all(done);
    return { ms: performance.now() - t0, results: out.map((o) => o.result), workerMs: out.map((o) => o.ms) };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}
