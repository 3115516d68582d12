/**
 * One sweeper process for the concurrency test: sweeps DATABASE_URL at the instant given in SWEEP_AT
 * until nothing is due, then prints what it claimed as JSON.
 */
import { openPostgres } from '../../platform/db.ts';
import { sweepClocks } from './requests.sweeper.ts';

const database = await openPostgres(process.env.DATABASE_URL!, { max: 4 });
try {
  const result = await sweepClocks(database.db, new Date(process.env.SWEEP_AT!), {
    batchSize: Number(process.env.BATCH ?? 500),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await database.close();
}
