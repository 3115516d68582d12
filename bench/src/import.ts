/**
 * The import benchmark (spec 08's "a 50 000-row file imports in under a minute", issue 5 item 4): a
 * generated workbook of 10 000 units and 40 000 residents (4 per unit: an owner, a co-owner and two
 * family members, half of them with ID numbers) is checked (dry run) and imported into a fresh
 * estate of the demo company through the real app (POST /api/estates/:id/import, in process), on
 * PGlite and/or a throwaway PostgreSQL. Beside it, the raw ceiling: the same rows written by plain
 * multi-row INSERTs of the same batch sizes, with no parsing or checking.
 *
 *   npm run bench:import                      # both databases when PostgreSQL binaries exist
 *   npm run bench:import -- --db pglite --units 2000 --out /tmp/import.md
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { idChecksum } from '@wuye/contracts';
import ExcelJS from 'exceljs';
import { buildApp } from '../../apps/server/src/app.ts';
import { prepareDatabase } from '../../apps/server/src/bootstrap.ts';
import { AdjustableClock } from '../../apps/server/src/platform/clock.ts';
import { type Database, openPglite, openPostgres, rows, sql } from '../../apps/server/src/platform/db.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    units: { type: 'string', default: '10000' },
    out: { type: 'string' },
  },
});
const UNITS = Number(opts.units);
const PER_UNIT = 4;
const NOW = new Date('2026-03-02T02:00:00Z');
const log = (s: string) => process.stdout.write(`${s}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** 10 000 units: 25 buildings × 20 floors × 20 rooms; 4 residents each. */
async function generate(): Promise<{ file: Buffer; units: number; residents: number; ms: number }> {
  const started = Date.now();
  const wb = new ExcelJS.Workbook();
  const us = wb.addWorksheet('房屋');
  const rs = wb.addWorksheet('住户');
  us.addRow(['楼栋', '房号', '楼层', '建筑面积', '用途', '状态']);
  rs.addRow([
    '姓名',
    '手机',
    '其他电话',
    '身份证号',
    '性别',
    '生日',
    '楼栋',
    '房号',
    '与房屋关系',
    '入住日期',
    '备注',
  ]);
  const relations = ['业主', '共有人', '家庭成员', '家庭成员'];
  let n = 0;
  let p = 0;
  for (let b = 1; n < UNITS; b++)
    for (let f = 1; f <= 20 && n < UNITS; f++)
      for (let r = 1; r <= 20 && n < UNITS; r++, n++) {
        const building = `${b}栋`;
        const number = `${f}${String(r).padStart(2, '0')}`;
        us.addRow([building, number, f, 80 + (n % 60), '住宅', n % 5 === 0 ? '出租' : '自住']);
        for (let k = 0; k < PER_UNIT; k++, p++) {
          // Unique ID numbers: the year from p / 1000, the sequence from p % 1000.
          const birthday = `${1950 + Math.floor(p / 1000)}-${String(1 + (p % 12)).padStart(2, '0')}-${10 + (p % 18)}`;
          const seq = String(p % 1000).padStart(3, '0');
          const first17 = `440305${birthday.replaceAll('-', '')}${seq}`;
          const withId = p % 2 === 0;
          rs.addRow([
            `住户${p}`,
            `13${String(100_000_000 + p).padStart(9, '0')}`,
            k === 0 && p % 10 === 0 ? `0755-8888${String(1000 + (p % 9000))}` : null,
            withId ? first17 + idChecksum(first17) : null,
            withId ? (Number(seq[2]) % 2 === 1 ? '男' : '女') : null,
            withId ? birthday : null,
            building,
            number,
            relations[k],
            k === 0 ? '2020-05-01' : null,
            null,
          ]);
        }
      }
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  return { file, units: n, residents: p, ms: Date.now() - started };
}

interface Result {
  db: string;
  dryRunMs: number;
  importMs: number;
  rawMs: number;
  counts: unknown;
  ok: boolean;
}

async function runOn(kind: 'pglite' | 'postgres', file: Buffer): Promise<Result> {
  let database: Database;
  let stop = async () => {};
  let note = '';
  if (kind === 'postgres') {
    const { startTempPostgres } = (await import(
      new URL('../../scripts/pg-temp.mjs', import.meta.url).href
    )) as { startTempPostgres(): Promise<{ url: string; version: string; stop(): Promise<void> }> };
    const pg = await startTempPostgres();
    note = `PostgreSQL ${pg.version} (throwaway, 127.0.0.1)`;
    database = await openPostgres(pg.url, { max: 20 });
    stop = async () => {
      await database.close();
      await pg.stop();
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-import-'));
    database = await openPglite({ dataDir: dir });
    note = 'PGlite (data directory on disk)';
    stop = async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  log(`${kind}: ${note}`);
  const clock = new AdjustableClock(NOW);
  await prepareDatabase(database, clock, { demo: true, initialAdmin: null });
  const app = await buildApp({
    database,
    clock,
    secret: 'bench-secret-bench-secret-bench-secret-0123',
    demo: true,
    production: false,
    logLevel: 'warn',
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'demo1234' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const headers = {
    cookie,
    'x-csrf-token': csrf,
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  // A fresh, empty estate of the demo company.
  const created = await app.inject({
    method: 'POST',
    url: '/api/estates',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { name: '导入基准小区', code: 'IMPB', type: 'residential' },
  });
  const estateId = (created.json() as { id: string }).id;
  if (!estateId) throw new Error(`estate not created: ${created.body}`);

  let t = Date.now();
  const check = await app.inject({
    method: 'POST',
    url: `/api/estates/${estateId}/import?dryRun=true`,
    headers,
    payload: file,
  });
  const dryRunMs = Date.now() - t;
  log(
    `  dry run: ${secs(dryRunMs)} → ${check.statusCode} ${JSON.stringify((check.json() as { ok: boolean }).ok)} ${JSON.stringify((check.json() as { counts: unknown }).counts)}`,
  );
  t = Date.now();
  const res = await app.inject({
    method: 'POST',
    url: `/api/estates/${estateId}/import`,
    headers,
    payload: file,
  });
  const importMs = Date.now() - t;
  const report = res.json() as { ok: boolean; counts: unknown; errors: unknown[] };
  log(
    `  import: ${secs(importMs)} → ${res.statusCode} ok=${report.ok} ${report.errors
      .slice(0, 3)
      .map((e) => JSON.stringify(e))
      .join(' ')}`,
  );
  const [written] = await rows<{ units: number; residents: number }>(
    database.db,
    sql`select (select count(*)::int from units where estate_id = ${estateId}) as units,
               (select count(*)::int from residents where estate_id = ${estateId}) as residents`,
  );
  log(`  written: ${JSON.stringify(written)}`);

  // The raw ceiling: the same number of rows by plain multi-row INSERTs into a second estate.
  const raw = await app.inject({
    method: 'POST',
    url: '/api/estates',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { name: '导入基准小区二', code: 'IMPC', type: 'residential' },
  });
  const rawEstate = (raw.json() as { id: string }).id;
  const [company] = await rows<{ company_id: string }>(
    database.db,
    sql`select company_id from estates where id = ${rawEstate}`,
  );
  t = Date.now();
  await database.db.transaction(async (tx) => {
    const c = company!.company_id;
    const bIds: string[] = [];
    const buildingCount = Math.ceil(UNITS / 400);
    for (let b = 0; b < buildingCount; b++) bIds.push(newId());
    await tx.execute(
      sql`insert into buildings (id, company_id, estate_id, name, floors, sort) values ${sql.join(
        bIds.map((id, i) => sql`(${id}, ${c}, ${rawEstate}, ${`${i + 1}栋`}, 20, ${i})`),
        sql`, `,
      )}`,
    );
    const unitIds: string[] = [];
    for (let i = 0; i < UNITS; i += 2000) {
      const chunk = [];
      for (let k = i; k < Math.min(UNITS, i + 2000); k++) {
        const id = newId();
        unitIds.push(id);
        chunk.push(
          sql`(${id}, ${c}, ${rawEstate}, ${bIds[Math.floor(k / 400)]}, ${String(k)}, ${1 + ((k % 400) % 20)}, 'residence', 'occupied')`,
        );
      }
      await tx.execute(
        sql`insert into units (id, company_id, estate_id, building_id, number, floor, use, status) values ${sql.join(chunk, sql`, `)}`,
      );
    }
    const total = UNITS * PER_UNIT;
    for (let i = 0; i < total; i += 2000) {
      const people = [];
      const links = [];
      for (let k = i; k < Math.min(total, i + 2000); k++) {
        const id = newId();
        people.push(
          sql`(${id}, ${c}, ${rawEstate}, ${`住户${k}`}, ${`{13${String(100_000_000 + k)}}`}::text[], ${NOW})`,
        );
        links.push(sql`(${id}, ${unitIds[Math.floor(k / PER_UNIT)]}, ${c}, ${rawEstate}, 'member')`);
      }
      await tx.execute(
        sql`insert into residents (id, company_id, estate_id, name, phones, created_at) values ${sql.join(people, sql`, `)}`,
      );
      await tx.execute(
        sql`insert into resident_units (resident_id, unit_id, company_id, estate_id, relation) values ${sql.join(links, sql`, `)}`,
      );
    }
  });
  const rawMs = Date.now() - t;
  log(`  raw inserts: ${secs(rawMs)}`);
  await app.close();
  await stop();
  return {
    db: note,
    dryRunMs,
    importMs,
    rawMs,
    counts: report.counts,
    ok: res.statusCode === 201 && report.ok,
  };
}

const kinds: ('pglite' | 'postgres')[] =
  opts.db === 'both' ? ['pglite', 'postgres'] : [opts.db as 'pglite' | 'postgres'];
const gen = await generate();
log(
  `generated ${gen.units} units + ${gen.residents} residents (${(gen.file.length / 1024 / 1024).toFixed(1)} MB) in ${secs(gen.ms)}`,
);
const results: Result[] = [];
for (const k of kinds) results.push(await runOn(k, gen.file));

const cpus = os.cpus();
const lines = [
  `# Import benchmark — ${gen.units.toLocaleString('en-US')} units + ${gen.residents.toLocaleString('en-US')} residents (${(gen.units + gen.residents).toLocaleString('en-US')} rows)`,
  '',
  `${new Date().toISOString()} · \`npm run bench:import -- ${process.argv.slice(2).join(' ')}\``,
  '',
  '## Machine',
  '',
  '|  |  |',
  '| --- | --- |',
  `| CPU | ${cpus[0]?.model ?? '?'} × ${cpus.length} (shared with other work) |`,
  `| memory | ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB |`,
  `| OS / Node | ${os.type()} ${os.release()} ${os.arch()} / Node ${process.version} |`,
  `| file | ${(gen.file.length / 1024 / 1024).toFixed(1)} MB xlsx, sheets 房屋 and 住户; half the residents with ID numbers, gender and birthday |`,
  '| how | POST /api/estates/:id/import through the real app (fastify inject, in process), into a new estate of the demo company |',
  '',
  '## Results (target: import under 60 s)',
  '',
  '| database | check (dry run) | import (check + write, one transaction) | raw INSERT ceiling (write only) | written | target |',
  '| --- | ---: | ---: | ---: | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.db} | ${secs(r.dryRunMs)} | ${secs(r.importMs)} | ${secs(r.rawMs)} | ${JSON.stringify(r.counts)} | ${r.ok && r.importMs < 60_000 ? '✓' : '✗'} |`,
  ),
  '',
  'The raw ceiling writes the same number of buildings, units, residents and relations by multi-row INSERTs of 2 000 rows in one transaction, with no parsing, checking or ids from the file: the part of the import time that is the database.',
  '',
];
const out =
  opts.out ??
  path.join('results', `${new Date().toISOString().slice(0, 10)}-import-${gen.units + gen.residents}.md`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n'));
writeFileSync(
  out.replace(/\.md$/, '.json'),
  `${JSON.stringify({ generated: gen.units + gen.residents, results }, null, 2)}\n`,
);
log(`wrote ${out}`);
process.exit(results.every((r) => r.ok && r.importMs < 60_000) ? 0 : 1);
