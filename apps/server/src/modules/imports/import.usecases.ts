/**
 * Importing units and residents from a spreadsheet (spec 03 §6, issue 5 item 4): the file is read,
 * every row checked (import.check.ts), and — only when there is no error and it is not a dry run — all
 * of it written in one transaction by batched inserts: missing buildings (with the floors their rows
 * need), units, residents and their relations, and one audit event with the counts. Any error, and
 * nothing is written.
 */
import { IMPORT_ERRORS_LISTED, type ImportError, type ImportReport } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { type Actor, assertEstate } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { localParts } from '../../platform/time.ts';
import { checkImport, type ImportPlan, unitKey } from './import.check.ts';
import { RESIDENT_SHEET, UNIT_SHEET } from './import.layout.ts';
import { type ReadSheet, readWorkbook, TooManyRows, UnreadableWorkbook } from './import.read.ts';
import {
  estateFacts,
  insertBuildingRows,
  insertRelationRows,
  insertResidentRows,
  insertUnitRows,
  nextBuildingSort,
  unitsElsewhere,
} from './import.repository.ts';

export interface ImportDeps {
  db: Db;
  clock: Clock;
}

/** 20 MB holds well over 100 000 rows of this layout. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Data rows of both sheets together. */
export const IMPORT_MAX_ROWS = 100_000;

export interface EstateRow {
  id: string;
  company_id: string;
  name: string;
  time_zone: string;
}

export async function estateOf(db: Db, actor: Actor, estateId: string): Promise<EstateRow> {
  assertEstate(actor, estateId);
  const [row] = await rows<EstateRow>(
    db,
    sql`select id, company_id, name, time_zone from estates where id = ${estateId} and company_id = ${actor.companyId}`,
  );
  if (!row) throw notFound('notFound.estate');
  return row;
}

export async function readSheets(content: Buffer | undefined): Promise<ReadSheet[]> {
  if (!content || content.length === 0) throw fieldError('file', 'validation.importFileRequired');
  try {
    return await readWorkbook(content, IMPORT_MAX_ROWS);
  } catch (err) {
    if (err instanceof TooManyRows)
      throw fieldError('file', { key: 'validation.importTooManyRows', params: { n: IMPORT_MAX_ROWS } });
    if (err instanceof UnreadableWorkbook) throw fieldError('file', 'validation.importNotXlsx');
    throw err;
  }
}

const SHEET_ORDER = new Map<string | null, number>([
  [null, 0],
  [UNIT_SHEET, 1],
  [RESIDENT_SHEET, 2],
]);

function sortErrors(list: ImportError[]): ImportError[] {
  return list
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        (SHEET_ORDER.get(a.e.sheet) ?? 3) - (SHEET_ORDER.get(b.e.sheet) ?? 3) ||
        (a.e.row ?? 0) - (b.e.row ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.e);
}

function countsOf(plan: ImportPlan): ImportReport['counts'] {
  return {
    units: plan.units.length,
    buildings: plan.buildings.length,
    residents: plan.residents.length,
    relations: plan.residents.reduce((n, r) => n + r.relations.length, 0),
  };
}

/** Rows of 住户 naming a unit neither in the file nor the estate (to say which estate has it). */
function missingPairs(sheets: ReadSheet[], known: Set<string>): { building: string; number: string }[] {
  const inFile = new Set<string>();
  for (const r of sheets.find((s) => s.name === UNIT_SHEET)?.rows ?? [])
    inFile.add(unitKey(r.cells.get('楼栋') ?? '', r.cells.get('房号') ?? ''));
  const out = new Map<string, { building: string; number: string }>();
  for (const r of sheets.find((s) => s.name === RESIDENT_SHEET)?.rows ?? []) {
    const building = r.cells.get('楼栋') ?? '';
    const number = r.cells.get('房号') ?? '';
    const key = unitKey(building, number);
    if (building && number && !inFile.has(key) && !known.has(key)) out.set(key, { building, number });
    if (out.size >= 500) break;
  }
  return [...out.values()];
}

/**
 * POST /api/estates/:id/import: checks the workbook and, unless `dryRun`, writes it all in one
 * transaction when there is no error. The report lists at most IMPORT_ERRORS_LISTED errors.
 */
export async function importWorkbook(
  deps: ImportDeps,
  actor: Actor,
  estateId: string,
  content: Buffer | undefined,
  options: { dryRun: boolean; fileName?: string },
): Promise<ImportReport> {
  const estate = await estateOf(deps.db, actor, estateId);
  const sheets = await readSheets(content);
  const now = deps.clock.now();
  const today = localParts(now, estate.time_zone).date;

  const run = async (
    db: Db,
  ): Promise<{ report: ImportReport; plan: ImportPlan; facts: Awaited<ReturnType<typeof estateFacts>> }> => {
    const facts = await estateFacts(db, estateId);
    const pairs = missingPairs(sheets, new Set(facts.units.keys()));
    const elsewhere = await unitsElsewhere(db, actor.companyId, estateId, pairs);
    const { errors, plan } = checkImport(sheets, { ...facts, estateName: estate.name, today, elsewhere });
    const sorted = sortErrors(errors);
    return {
      report: {
        ok: sorted.length === 0,
        dryRun: options.dryRun,
        counts: countsOf(plan),
        errors: sorted.slice(0, IMPORT_ERRORS_LISTED),
        errorTotal: sorted.length,
      },
      plan,
      facts,
    };
  };

  if (options.dryRun) return (await run(deps.db)).report;

  try {
    return await deps.db.transaction(async (tx) => {
      // The estate's rows are locked against a second import at once; the check reads them again here.
      await tx.execute(sql`select id from estates where id = ${estateId} for update`);
      const { report, plan, facts } = await run(tx);
      if (!report.ok) return report;
      await writePlan(tx, estate, plan, facts, now);
      await recordEvent(tx, {
        companyId: estate.company_id,
        estateId,
        entityType: 'estate',
        entityId: estateId,
        action: 'imported',
        actorId: actor.userId,
        at: now,
        data: {
          ...report.counts,
          buildingsCreated: plan.buildings.slice(0, 50).map((b) => b.name),
          ...(options.fileName ? { fileName: options.fileName } : {}),
        },
      });
      return report;
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if (e?.code === '23505' || e?.cause?.code === '23505') throw new AppError('CONFLICT', 'import.conflict');
    throw err;
  }
}

async function writePlan(
  tx: Db,
  estate: EstateRow,
  plan: ImportPlan,
  facts: Awaited<ReturnType<typeof estateFacts>>,
  now: Date,
) {
  const ms = now.getTime();
  const base = { companyId: estate.company_id, estateId: estate.id };
  const buildingIds = new Map([...facts.buildings].map(([name, b]) => [name, b.id]));
  let sort = plan.buildings.length ? await nextBuildingSort(tx, estate.id) : 0;
  const newBuildings = plan.buildings.map((b) => {
    const id = newId(ms);
    buildingIds.set(b.name, id);
    return { ...base, id, name: b.name, floors: b.floors, sort: sort++ };
  });
  await insertBuildingRows(tx, newBuildings);

  const unitIds = new Map(facts.units);
  const newUnits = plan.units.map((u) => {
    const id = newId(ms);
    unitIds.set(u.key, id);
    return {
      ...base,
      id,
      buildingId: buildingIds.get(u.building)!,
      number: u.number,
      floor: u.floor,
      areaM2: u.areaM2,
      use: u.use,
      status: u.status,
    };
  });
  await insertUnitRows(tx, newUnits);

  const residentRows = [];
  const relationRows = [];
  for (const r of plan.residents) {
    const id = newId(ms);
    residentRows.push({
      ...base,
      id,
      name: r.name,
      gender: r.gender,
      phones: r.phones,
      idNumber: r.idNumber,
      birthday: r.birthday,
      grade: 'C',
      moveInDate: r.moveInDate,
      notes: r.notes,
      createdAt: now,
    });
    for (const rel of r.relations)
      relationRows.push({
        ...base,
        residentId: id,
        unitId: unitIds.get(rel.unitKey)!,
        relation: rel.relation,
        since: rel.since,
      });
  }
  await insertResidentRows(tx, residentRows);
  await insertRelationRows(tx, relationRows);
}
