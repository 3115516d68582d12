/**
 * Checking an arrears spreadsheet (pure): the 欠费 sheet's header, then each row — the unit by building
 * and room number within the estate, the amount in yuan to integer fen, the months owed, the first
 * month owed — and no unit twice. Every error by row and column in Chinese; the lines when there is none.
 */
import type { ImportError } from '@wuye/contracts';
import { checkHeader, Errors, isExample, unitKey } from '../imports/import.check.ts';
import type { ReadSheet } from '../imports/import.read.ts';
import { ARREARS_COLUMNS, ARREARS_EXAMPLE, ARREARS_SHEET } from './arrears.layout.ts';

export interface ArrearsFacts {
  /** `unitKey(building, number)` → unit id, of the estate. */
  units: Map<string, string>;
  /** Units of the company's other estates that rows name (`unitKey` → that estate's name). */
  elsewhere: Map<string, string>;
  /** The estate's last month that can be owed: the list's date (YYYY-MM-DD). */
  asOf: string;
}

export interface ArrearsLine {
  unitId: string;
  amountFen: number;
  months: number;
  since: string | null;
  note: string | null;
}

/** The most one unit can owe: what an integer column of fen holds. */
const MAX_FEN = 2_000_000_000;

/** Yuan as written (1280.5, 1,280.50, ¥1280, 1280元) to integer fen; null when it is not an amount. */
export function parseYuan(s: string): number | null {
  const m = /^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*元?$/.exec(s.trim());
  if (!m) return null;
  const yuan = Number(m[1]!.replaceAll(',', ''));
  const fen = yuan * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** YYYY-MM from 2026-03, 2026/3, 2026.3, 2026年3月, 202603 or a date in that month; null otherwise. */
export function parseMonth(s: string): string | null {
  const m =
    /^(\d{4})[-/.年](\d{1,2})月?(?:[-/.](\d{1,2})日?)?$/.exec(s.trim()) ??
    /^(\d{4})(\d{2})$/.exec(s.trim()) ??
    null;
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** The sheet named 欠费, or a workbook's only sheet whatever its name. */
export function arrearsSheet(sheets: ReadSheet[]): ReadSheet | undefined {
  return sheets.find((s) => s.name === ARREARS_SHEET) ?? (sheets.length === 1 ? sheets[0] : undefined);
}

export function checkArrears(
  sheets: ReadSheet[],
  facts: ArrearsFacts,
): { errors: ImportError[]; lines: ArrearsLine[] } {
  const errors = new Errors();
  const lines: ArrearsLine[] = [];
  const sheet = arrearsSheet(sheets);
  if (!sheet) {
    errors.add(
      null,
      null,
      null,
      `文件中没有「${ARREARS_SHEET}」工作表（现有：${sheets.map((s) => s.name).join('、') || '无'}），请使用欠费导入模板`,
    );
    return { errors: errors.list, lines };
  }
  if (sheet.header.length === 0) {
    errors.add(
      sheet.name,
      1,
      null,
      `缺少表头，请使用欠费导入模板（${ARREARS_COLUMNS.map((c) => c.header).join('、')}）`,
    );
    return { errors: errors.list, lines };
  }
  if (!checkHeader(errors, sheet, ARREARS_COLUMNS)) return { errors: errors.list, lines };

  const lastMonth = facts.asOf.slice(0, 7);
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    const add = (column: string | null, message: string) => errors.add(sheet.name, row.row, column, message);
    if (isExample(row, ARREARS_EXAMPLE)) {
      add(null, '这是模板的示例行，请删除后再导入');
      continue;
    }
    const building = row.cells.get('楼栋') ?? '';
    const number = row.cells.get('房号') ?? '';
    let unitId: string | undefined;
    if (!building) add('楼栋', '必填');
    if (!number) add('房号', '必填');
    if (building && number) {
      const key = unitKey(building, number);
      unitId = facts.units.get(key);
      const first = seen.get(key);
      if (first !== undefined) add('房号', `${building}-${number} 与第 ${first} 行重复，一套房屋只写一行`);
      else seen.set(key, row.row);
      if (!unitId) {
        const other = facts.elsewhere.get(key);
        add(
          '房号',
          other
            ? `${building}-${number} 属于「${other}」，不是本项目的房屋`
            : `本项目没有房屋 ${building}-${number}，请先在房屋档案中建立`,
        );
      }
    }
    const amountText = row.cells.get('欠费金额') ?? '';
    const amountFen = amountText ? parseYuan(amountText) : null;
    if (!amountText) add('欠费金额', '必填');
    else if (amountFen === null)
      add('欠费金额', `「${amountText}」不是金额，请填写元，最多两位小数，如 1280.50`);
    else if (amountFen <= 0) add('欠费金额', '欠费金额须大于 0；没有欠费的房屋不用写');
    else if (amountFen > MAX_FEN) add('欠费金额', '金额过大，请核对');
    const monthsText = row.cells.get('欠费月数') ?? '';
    const months = /^\d+$/.test(monthsText) ? Number(monthsText) : null;
    if (!monthsText) add('欠费月数', '必填');
    else if (months === null || months < 1 || months > 600)
      add('欠费月数', `「${monthsText}」不是 1–600 的整数`);
    const sinceText = row.cells.get('起欠月份') ?? '';
    const since = sinceText ? parseMonth(sinceText) : null;
    if (sinceText && since === null) add('起欠月份', `「${sinceText}」不是月份，请写成 2026-03`);
    else if (since && since > lastMonth)
      add('起欠月份', `起欠月份 ${since} 晚于名单的截止日期 ${facts.asOf}`);
    const note = row.cells.get('备注') ?? null;
    if (note && note.length > 200) add('备注', '最多 200 字');
    if (
      unitId &&
      amountFen &&
      amountFen > 0 &&
      amountFen <= MAX_FEN &&
      months &&
      months >= 1 &&
      months <= 600
    )
      lines.push({ unitId, amountFen, months, since, note: note?.slice(0, 200) ?? null });
  }
  return { errors: errors.list, lines };
}
