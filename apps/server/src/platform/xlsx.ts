/**
 * Lists as Excel workbooks (offices live in xlsx): one sheet of rows with a bold, frozen and filterable
 * header row and set column widths, times as real date cells showing the estate's local time
 * (`YYYY-MM-DD HH:mm`), and optional extra sheets (what was exported, by whom). Streamed with exceljs's
 * WorkbookWriter, so 50 000 rows never sit in memory as a workbook.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type CellValue = string | number | boolean | Date | null;

export interface XlsxColumn<T> {
  header: string;
  /** In characters (a CJK character counts about two). */
  width: number;
  value(row: T): CellValue;
  /** `datetime`: an instant shown in `timeZone(row)` as YYYY-MM-DD HH:mm. */
  kind?: 'text' | 'datetime' | 'number';
  /** Long text wraps instead of overflowing. */
  wrap?: boolean;
}

export interface XlsxSheet<T> {
  name: string;
  columns: XlsxColumn<T>[];
  rows: Iterable<T>;
  /** The time zone a row's instants are shown in (the estate's). */
  timeZone(row: T): string;
  /** A line after the rows, e.g. "only the first 50 000 rows". */
  footer?: string;
}

/** A two-column sheet of labels and values (the export's description). */
export interface XlsxInfoSheet {
  name: string;
  lines: [string, string][];
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The instant's local date and time in `timeZone` as a Date whose UTC fields are that wall clock:
 * Excel has no time zones, and exceljs writes a Date's UTC fields, so the cell shows local time.
 */
export function wallClock(at: Date, timeZone: string): Date {
  let f = wallClockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!));
}

export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** Writes the workbook to `out` (an HTTP response, a file) and resolves when it is complete. */
export async function writeXlsx<T>(out: Writable, sheet: XlsxSheet<T>, info?: XlsxInfoSheet): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = '物业客服台 Wuye Desk';
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: {
      ...(c.kind === 'datetime' ? { numFmt: DATETIME_FORMAT } : {}),
      alignment: { vertical: 'top', wrapText: c.wrap ?? false },
    },
  }));
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF9AA9BF' } } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  header.commit();
  let n = 0;
  for (const row of sheet.rows) {
    const zone = sheet.timeZone(row);
    ws.addRow(
      sheet.columns.map((c) => {
        const v = c.value(row);
        return c.kind === 'datetime' && v instanceof Date ? wallClock(v, zone) : v;
      }),
    ).commit();
    // Let the response drain now and then instead of buffering the whole file.
    if (++n % 2000 === 0) await new Promise((r) => setImmediate(r));
  }
  if (sheet.footer) {
    const last = ws.addRow([sheet.footer]);
    last.font = { bold: true, color: { argb: 'FFB42318' } };
    last.commit();
  }
  ws.commit();
  if (info) {
    const is = wb.addWorksheet(info.name);
    is.columns = [{ width: 16 }, { width: 80, style: { alignment: { wrapText: true, vertical: 'top' } } }];
    for (const [k, v] of info.lines) {
      const r = is.addRow([k, v]);
      r.getCell(1).font = { bold: true };
      r.commit();
    }
    is.commit();
  }
  await wb.commit();
}

/**
 * `Content-Disposition` for a download named in Chinese: an ASCII `filename` for old clients and the
 * UTF-8 one as `filename*` (RFC 6266 / RFC 5987).
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
