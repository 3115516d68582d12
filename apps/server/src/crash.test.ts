/**
 * Crash safety (08-non-functional §3): with real PostgreSQL, killing the server process in the middle of
 * a load of intakes loses no request that was acknowledged — each is there after a restart, whole (its
 * clocks and its `created` event with it) — and the desk's retry of an intake whose answer never came
 * (the same Idempotency-Key) gives exactly one request, never two.
 */
import { describe, expect, it } from 'vitest';
import { openPostgres } from './platform/db.ts';
import { onPostgres } from './testing/harness.ts';
import { type CallResult, call, serverTestBed, signIn } from './testing/server-process.ts';

const LOOPS = 12;
/** Acknowledged intakes before the kill: enough that many more are in flight when it comes. */
const ACKED_BEFORE_KILL = 60;

interface Intake {
  key: string;
  body: Record<string, unknown>;
  answer?: CallResult;
}

describe.runIf(onPostgres())('crash safety on PostgreSQL', () => {
  const bed = serverTestBed();

  it('keeps every acknowledged intake through a SIGKILL mid-load, and a retry makes no second request', async () => {
    const url = await bed.database();
    let server = await bed.start(url);
    const first = server;
    const agent = await signIn(first.port, 'agent');
    const estateId = (await call(first.port, 'GET', '/api/estates', agent)).body.items[0].id as string;

    // Twelve desks taking calls as fast as the server answers, until the server dies under them.
    const intakes: Intake[] = [];
    let acked = 0;
    let killed = false;
    const desk = async (d: number) => {
      for (let i = 0; ; i++) {
        const intake: Intake = {
          key: `crash-${d}-${i}`,
          body: {
            estateId,
            locationText: `${d + 1}栋大堂`,
            channel: 'phone',
            reporter: { name: `${d + 1}栋住户`, phone: `139123400${String(d).padStart(2, '0')}` },
            type: i % 3 === 0 ? 'enquiry' : 'repair',
            description: `第${d + 1}台第${i + 1}个来电：大堂灯不亮 crash-${d}-${i}`,
          },
        };
        intakes.push(intake);
        try {
          intake.answer = await call(first.port, 'POST', '/api/requests', {
            ...agent,
            body: intake.body,
            headers: { 'idempotency-key': intake.key },
          });
        } catch {
          return; // the connection broke: the server is gone; this answer never came
        }
        expect(intake.answer.status, JSON.stringify(intake.answer.body)).toBe(201);
        if (++acked >= ACKED_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: LOOPS }, (_, d) => desk(d)));
    expect(await first.exited).toBeNull(); // killed by the signal, no clean shutdown
    const answered = intakes.filter((x) => x.answer);
    const unanswered = intakes.filter((x) => !x.answer);
    expect(answered.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
    expect(unanswered.length).toBe(LOOPS); // each desk had one call in flight

    server = await bed.start(url);
    const again = await signIn(server.port, 'agent');

    // Every acknowledged request is there, as it was answered, with its clocks and its created event.
    for (const x of answered) {
      const read = await call(server.port, 'GET', `/api/requests/${x.answer!.body.id}`, again);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        number: x.answer!.body.number,
        description: x.body.description,
        state: 'new',
        version: 1,
      });
      expect(read.body.events.map((e: { action: string }) => e.action)).toContain('created');
      expect(read.body.deadlines.length).toBe(x.answer!.body.deadlines.length);
    }

    // The desk retries each call whose answer never came, with its key: one request each, never two.
    for (const x of unanswered) {
      const retry = await call(server.port, 'POST', '/api/requests', {
        ...again,
        body: x.body,
        headers: { 'idempotency-key': x.key },
      });
      expect(retry.status, JSON.stringify(retry.body)).toBe(201);
      expect(retry.body.description).toBe(x.body.description);
    }
    const check = await openPostgres(url);
    try {
      const { rows } = await check.pool!.query<{ description: string; n: number }>(
        `select description, count(*)::int as n from requests where description like '%crash-%' group by 1`,
      );
      const counts = new Map(rows.map((r) => [r.description, r.n]));
      expect(counts.size).toBe(intakes.length);
      for (const x of intakes) expect(counts.get(x.body.description as string), x.key).toBe(1);
      const numbers = await check.pool!.query<{ n: number; distinct: number }>(
        `select count(*)::int as n, count(distinct number)::int as distinct from requests where description like '%crash-%'`,
      );
      expect(numbers.rows[0]!.distinct).toBe(numbers.rows[0]!.n);
    } finally {
      await check.close();
    }

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
