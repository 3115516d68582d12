/** The clock sweeper: warnings, misses, the escalation ladder, acknowledgement, and exactly-once under concurrency. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { sweepClocks } from './requests.sweeper.ts';

let ctx: TestContext;
let agent: Client;
let estate: string;
let eng: string;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  estate = (await agent.get('/api/estates')).body.items[0].id;
  eng = (await agent.get(`/api/departments?estateId=${estate}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
});
afterAll(() => ctx.close());

async function dispatchedRepair(description: string) {
  const r = (
    await agent.post('/api/requests', {
      estateId: estate,
      locationText: '2栋1号电梯',
      channel: 'patrol',
      type: 'repair',
      categoryId: undefined,
      description,
    })
  ).body;
  return (
    await agent.post(`/api/requests/${r.id}/transitions`, {
      action: 'dispatch',
      version: 1,
      departmentId: eng,
    })
  ).body;
}

const alertsOf = (requestId: string) =>
  rows<{ kind: string; level: number; recipient_user_id: string | null; recipient_role: string | null }>(
    ctx.database.db,
    sql`select kind, level, recipient_user_id, recipient_role from request_alerts where request_id = ${requestId} order by raised_at, level`,
  );

describe('the escalation ladder', () => {
  it('warns at 75%, raises one miss, then climbs one level per window to the company, once each', async () => {
    const r = await dispatchedRepair('电梯困人警报测试');
    await agent.post('/api/dev/clock', { advanceMinutes: 11 });
    expect(await alertsOf(r.id)).toEqual([]);
    await agent.post('/api/dev/clock', { advanceMinutes: 1 }); // 12 of 15 minutes: amber
    expect(await alertsOf(r.id)).toEqual([
      { kind: 'warning', level: 0, recipient_user_id: r.ownerId, recipient_role: null },
    ]);

    await agent.post('/api/dev/clock', { advanceMinutes: 4 }); // 16 minutes: missed
    const missed = await alertsOf(r.id);
    expect(missed.at(-1)).toEqual({
      kind: 'missed',
      level: 1,
      recipient_user_id: r.ownerId,
      recipient_role: 'cs_supervisor',
    });
    const detail = (await agent.get(`/api/requests/${r.id}`)).body;
    expect(detail.deadlines.find((d: any) => d.kind === 'on_site').status).toBe('missed');

    // Sweeping again at the same instant raises nothing new.
    await sweepClocks(ctx.database.db, ctx.clock.now());
    expect(await alertsOf(r.id)).toHaveLength(2);

    for (const role of ['cs_supervisor', 'dept_lead', 'manager', 'hq_cs']) {
      await agent.post('/api/dev/clock', { advanceMinutes: 15 });
      expect((await alertsOf(r.id)).at(-1)).toMatchObject({ kind: 'escalation', recipient_role: role });
    }
    await agent.post('/api/dev/clock', { advanceMinutes: 60 });
    const all = await alertsOf(r.id);
    expect(all.map((a) => a.level)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('stops climbing once the late arrival meets the clock', async () => {
    const r = await dispatchedRepair('迟到后停止升级测试');
    // One jump past the due time: the miss, without a stale warning first.
    await agent.post('/api/dev/clock', { advanceMinutes: 16 });
    const lead = await ctx.login('eng_lead');
    const current = (await lead.get(`/api/requests/${r.id}`)).body;
    await lead.post(`/api/requests/${r.id}/transitions`, { action: 'accept', version: current.version });
    await lead.post(`/api/requests/${r.id}/transitions`, { action: 'arrive', version: current.version + 1 });
    await agent.post('/api/dev/clock', { advanceMinutes: 60 });
    expect((await alertsOf(r.id)).map((a) => a.kind)).toEqual(['missed']);
    const onSite = (await agent.get(`/api/requests/${r.id}`)).body.deadlines.find(
      (d: any) => d.kind === 'on_site',
    );
    expect(onSite).toMatchObject({ status: 'missed', metAt: expect.any(String) });
  });

  it('lets the people addressed acknowledge an alert, and no one else', async () => {
    const r = await dispatchedRepair('确认警报测试');
    await agent.post('/api/dev/clock', { advanceMinutes: 31 });
    const supervisor = await ctx.login('supervisor');
    const mine = (await supervisor.get('/api/alerts?open=true&pageSize=200')).body.items.filter(
      (a: any) => a.requestId === r.id,
    );
    expect(mine.map((a: any) => a.kind).sort()).toEqual(['escalation', 'missed']);
    const lobby = await ctx.login('lobby');
    expect((await lobby.post(`/api/alerts/${mine[0].id}/acknowledge`)).status).toBe(403);
    const ack = await supervisor.post(`/api/alerts/${mine[0].id}/acknowledge`);
    expect(ack.status).toBe(200);
    const again = (await supervisor.get('/api/alerts?open=true&pageSize=200')).body.items.map(
      (a: any) => a.id,
    );
    expect(again).not.toContain(mine[0].id);
    const timeline = (await agent.get(`/api/requests/${r.id}`)).body.events.map((e: any) => e.action);
    expect(timeline).toContain('alert_acknowledged');
  });
});

const testDb = inject('testDb');
describe('exactly once with two processes (real PostgreSQL)', () => {
  it.runIf(testDb.kind === 'postgres')(
    'raises each of 10 000 missed clocks’ alerts once while two worker processes sweep',
    async () => {
      const db = ctx.database.db;
      const [req] = await rows<{ id: string; company_id: string; estate_id: string }>(
        db,
        sql`select id, company_id, estate_id from requests where estate_id = ${estate} order by id limit 1`,
      );
      const now = ctx.clock.now();
      await db.execute(sql`insert into request_deadlines (id, company_id, estate_id, request_id, kind, started_at, due_at, warn_at, status)
      select 'bulk-' || g, ${req!.company_id}, ${req!.estate_id}, ${req!.id}, 'fix',
             ${now}::timestamptz - interval '10 hours', ${now}::timestamptz - (g || ' seconds')::interval,
             ${now}::timestamptz - interval '3 hours', 'pending'
      from generate_series(1, 10000) g`);
      const url = (ctx.database.pool as unknown as { options: { connectionString: string } }).options
        .connectionString;
      const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sweeper.worker.ts');
      const run = () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', worker], {
          env: { ...process.env, DATABASE_URL: url, SWEEP_AT: now.toISOString(), BATCH: '250' },
        });
      const outputs = await Promise.all([run(), run()]);
      const claimed = outputs.map((o) => JSON.parse(o.stdout.trim()).missed as number);
      expect(claimed[0]! + claimed[1]!).toBe(10000);
      expect(Math.min(...claimed)).toBeGreaterThan(0); // both processes did part of the work
      const [counts] = await rows<{ alerts: number; distinct_deadlines: number; still_pending: number }>(
        db,
        sql`select (select count(*)::int from request_alerts where deadline_id like 'bulk-%' and kind = 'missed') as alerts,
                 (select count(distinct deadline_id)::int from request_alerts where deadline_id like 'bulk-%') as distinct_deadlines,
                 (select count(*)::int from request_deadlines where id like 'bulk-%' and status = 'pending') as still_pending`,
      );
      expect(counts).toEqual({ alerts: 10000, distinct_deadlines: 10000, still_pending: 0 });
    },
  );
});
