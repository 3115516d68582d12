/**
 * Arrears lists (decision 0024): loading the fee system's list of an estate from a spreadsheet (check,
 * then write it all as the estate's new current list), reading the current list (filtered, paged, with
 * its summary by age and the lists before it), its template and its export in the same layout.
 */
import {
  ARREARS_AGES,
  type ArrearsImportReport,
  type ArrearsPage,
  type ArrearsQuery,
  IMPORT_ERRORS_LISTED,
  type Locale,
} from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { type Actor, assertEstate } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { buildListExport, filterLine, type Text } from '../../platform/list-export.ts';
import { localParts } from '../../platform/time.ts';
import type { XlsxColumn } from '../../platform/xlsx.ts';
import { unitKey } from '../imports/import.check.ts';
import { unitsByKey, unitsElsewhere } from '../imports/import.repository.ts';
import { layoutTemplate } from '../imports/import.template.ts';
import { estateOf, readSheets } from '../imports/import.usecases.ts';
import { arrearsSheet, checkArrears } from './arrears.check.ts';
import { ARREARS_COLUMNS, ARREARS_EXAMPLE, ARREARS_GUIDE_LINES, ARREARS_SHEET } from './arrears.layout.ts';
import {
  allLines,
  insertLines,
  insertList,
  listItems,
  listsOfEstate,
  summaryOf,
} from './arrears.repository.ts';

export interface ArrearsDeps {
  db: Db;
  clock: Clock;
}

const HISTORY_SHOWN = 12;

const EMPTY_SUMMARY = {
  units: 0,
  totalFen: 0,
  byAge: ARREARS_AGES.map((age) => ({ age, units: 0, totalFen: 0 })),
};

/** GET /api/estates/:id/arrears */
export async function arrearsPage(
  deps: ArrearsDeps,
  actor: Actor,
  estateId: string,
  query: ArrearsQuery,
): Promise<ArrearsPage> {
  await estateOf(deps.db, actor, estateId);
  const [current, ...history] = await listsOfEstate(deps.db, estateId, HISTORY_SHOWN + 1);
  const base = { page: query.page, pageSize: query.pageSize, history };
  if (!current) return { ...base, list: null, items: [], total: 0, summary: EMPTY_SUMMARY };
  const [{ items, total }, summary] = await Promise.all([
    listItems(deps.db, current.id, query),
    summaryOf(deps.db, current.id),
  ]);
  return { ...base, list: current, items, total, summary };
}

/**
 * POST /api/estates/:id/arrears/import: checks the sheet and, unless `dryRun`, writes it as the estate's
 * current list in one transaction when there is no error. `asOf` (the list's date) may not be after
 * today in the estate nor before the current list's date.
 */
export async function importArrears(
  deps: ArrearsDeps,
  actor: Actor,
  estateId: string,
  content: Buffer | undefined,
  options: { dryRun: boolean; asOf?: string; fileName?: string },
): Promise<ArrearsImportReport> {
  const estate = await estateOf(deps.db, actor, estateId);
  const now = deps.clock.now();
  const today = localParts(now, estate.time_zone).date;
  const asOf = options.asOf ?? today;
  if (asOf > today) throw fieldError('asOf', { key: 'validation.arrearsAsOfFuture', params: { today } });
  const sheets = await readSheets(content);

  const run = async (db: Db) => {
    const [current] = await listsOfEstate(db, estateId, 1);
    if (current && asOf < current.asOf)
      throw fieldError('asOf', {
        key: 'validation.arrearsAsOfBeforeCurrent',
        params: { current: current.asOf },
      });
    const units = await unitsByKey(db, estateId);
    const sheet = arrearsSheet(sheets);
    const missing = (sheet?.rows ?? [])
      .map((r) => ({ building: r.cells.get('楼栋') ?? '', number: r.cells.get('房号') ?? '' }))
      .filter((p) => p.building && p.number && !units.has(unitKey(p.building, p.number)))
      .slice(0, 500);
    const elsewhere = await unitsElsewhere(db, actor.companyId, estateId, missing);
    const { errors, lines } = checkArrears(sheets, { units, elsewhere, asOf });
    const report: ArrearsImportReport = {
      ok: errors.length === 0,
      dryRun: options.dryRun,
      asOf,
      counts: { units: lines.length, totalFen: lines.reduce((n, l) => n + l.amountFen, 0) },
      errors: errors.slice(0, IMPORT_ERRORS_LISTED),
      errorTotal: errors.length,
    };
    return { report, lines };
  };

  if (options.dryRun) return (await run(deps.db)).report;

  return deps.db.transaction(async (tx) => {
    // Two loads of one estate at once: the second waits, then checks against the first's list.
    await tx.execute(sql`select id from estates where id = ${estateId} for update`);
    const { report, lines } = await run(tx);
    if (!report.ok) return report;
    const listId = newId(now.getTime());
    await insertList(tx, {
      id: listId,
      companyId: estate.company_id,
      estateId,
      asOf,
      fileName: options.fileName ?? null,
      unitCount: report.counts.units,
      totalFen: report.counts.totalFen,
      importedById: actor.userId,
      importedAt: now,
    });
    await insertLines(
      tx,
      lines.map((l) => ({ ...l, listId, companyId: estate.company_id, estateId })),
    );
    await recordEvent(tx, {
      companyId: estate.company_id,
      estateId,
      entityType: 'arrears_list',
      entityId: listId,
      action: 'imported',
      actorId: actor.userId,
      at: now,
      data: { asOf, ...report.counts, ...(options.fileName ? { fileName: options.fileName } : {}) },
    });
    return report;
  });
}

export function arrearsTemplate(): Promise<Buffer> {
  return layoutTemplate(
    [{ name: ARREARS_SHEET, columns: ARREARS_COLUMNS, example: ARREARS_EXAMPLE }],
    ARREARS_GUIDE_LINES,
  );
}

const TEXT = {
  title: { 'zh-CN': ARREARS_SHEET, en: ARREARS_SHEET },
  asOf: { 'zh-CN': '截止日期', en: 'As of' },
  privacy: {
    'zh-CN': '本表不含联系电话；本次导出已记录在审计日志中。',
    en: 'No phone numbers in this sheet; this export is recorded in the audit log.',
  },
} satisfies Record<string, Text>;

type LineRow = Awaited<ReturnType<typeof allLines>>[number];

/** GET /api/estates/:id/arrears/export — the current list in the import layout (loadable again). */
export async function exportArrears(deps: ArrearsDeps, actor: Actor, estateId: string, locale: Locale) {
  assertEstate(actor, estateId);
  const [current] = await listsOfEstate(deps.db, estateId, 1);
  if (!current) throw fieldError('estateId', 'validation.arrearsNoList');
  const width = new Map<string, number>(ARREARS_COLUMNS.map((c) => [c.header, c.width]));
  const col = (header: string, value: (r: LineRow) => string | number | null): XlsxColumn<LineRow> => ({
    header,
    width: width.get(header) ?? 10,
    value,
  });
  return buildListExport<LineRow>(deps, actor, locale, {
    resource: 'arrears',
    title: TEXT.title,
    scope: [estateId],
    estateId,
    filters: { estateId, listId: current.id, asOf: current.asOf },
    describe: (ctx) => [filterLine(ctx, TEXT.asOf, current.asOf)],
    privacy: TEXT.privacy,
    read: async () => ({ rows: await allLines(deps.db, current.id) }),
    columns: () => [
      col('楼栋', (r) => r.building_name),
      col('房号', (r) => r.unit_number),
      col('欠费金额', (r) => r.amount_fen / 100),
      col('欠费月数', (r) => r.months),
      col('起欠月份', (r) => r.since),
      col('备注', (r) => r.note),
    ],
    estateOf: () => estateId,
  });
}
