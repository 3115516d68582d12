/**
 * One sweeper process of the SLA-sweep benchmark (see sweep.ts): connects to DATABASE_URL, says it
 * is ready, and on the parent's "go" runs the app's sweepClocks at the given instant until nothing
 * is due, then reports what it claimed and how long it took.
 */
import { sweepClocks } from '../../apps/server/src/modules/requests/requests.sweeper.ts';
import { openPostgres, sql } from '../../apps/server/src/platform/db.ts';

const url = process.env.DATABASE_URL;
if (!url || !process.send) throw new Error('sweep-worker.ts runs as a child of the benchmark');
const database = await openPostgres(url, { max: 4 });
await database.db.execute(sql`select 1`);
process.once('message', async (m: { at: string; batchSize: number }) => {
  let reply: unknown;
  try {
    const t0 = performance.now();
    const result = await sweepClocks(database.db, new Date(m.at), { batchSize: m.batchSize });
    reply = { result, ms: performance.now() - t0 };
  } catch (err) {
    reply = { error: err instanceof Error ? err.message : String(err) };
  }
  await database.close().catch(() => undefined);
  process.send?.(reply, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
