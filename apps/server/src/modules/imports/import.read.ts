/**
 * Reading an uploaded workbook with exceljs's streaming reader (a 50 000-row file never becomes a
 * workbook object): each sheet's header row and its data rows as trimmed text, numbered as Excel shows
 * them. Cells become text the way the office sees them: numbers as written, dates as YYYY-MM-DD,
 * rich text and formulas as their text and result. A number that cannot be an ID number exactly (Excel
 * keeps 15 significant digits) stays recognisable so the check can say why.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface SheetRow {
  /** As Excel numbers it: the header is row 1. */
  row: number;
  cells: Map<string, string>;
  /** Columns whose cell was a number too long to be exact (an ID number typed as a number). */
  lossy: Set<string>;
}

export interface ReadSheet {
  name: string;
  header: string[];
  rows: SheetRow[];
}

export class UnreadableWorkbook extends Error {}
export class TooManyRows extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: unknown): { text: string; lossy: boolean } {
  if (v === null || v === undefined) return { text: '', lossy: false };
  if (typeof v === 'string') return { text: v.trim(), lossy: false };
  if (typeof v === 'number') {
    // Beyond 2^53 the digits Excel stored are not the ones typed.
    const lossy = Math.abs(v) >= 1e15;
    return { text: lossy ? v.toFixed(0) : String(v), lossy };
  }
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', lossy: false };
  if (v instanceof Date) {
    // exceljs reads a date cell as the UTC instant of its wall clock.
    return { text: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`, lossy: false };
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return {
        text: o.richText
          .map((p: { text?: string }) => p.text ?? '')
          .join('')
          .trim(),
        lossy: false,
      };
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return { text: o.text.trim(), lossy: false };
    if ('error' in o) return { text: String(o.error), lossy: false };
  }
  return { text: String(v).trim(), lossy: false };
}

/**
 * Every sheet of the workbook (names as given), its first non-empty row as the header and the rows
 * after it that have any value. More than `maxRows` data rows in all → TooManyRows.
 */
export async function readWorkbook(content: Buffer, maxRows: number): Promise<ReadSheet[]> {
  // An xlsx is a zip: anything else is refused before the parser guesses.
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) throw new UnreadableWorkbook('not a zip');
  const sheets: ReadSheet[] = [];
  let total = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const ws of reader) {
      const sheet: ReadSheet = {
        name: String((ws as unknown as { name?: string }).name ?? '').trim(),
        header: [],
        rows: [],
      };
      sheets.push(sheet);
      let headerSeen = false;
      let columns: (string | null)[] = [];
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]) ?? [];
        if (!headerSeen) {
          columns = values.map((v) => cellText(v).text || null);
          columns[0] = null;
          if (columns.every((c) => c === null)) continue;
          headerSeen = true;
          sheet.header = columns.filter((c): c is string => c !== null);
          continue;
        }
        const cells = new Map<string, string>();
        const lossy = new Set<string>();
        let any = false;
        for (let i = 1; i < values.length; i++) {
          const name = columns[i];
          const { text, lossy: l } = cellText(values[i]);
          if (text) any = true;
          if (!name) continue;
          if (text) cells.set(name, text);
          if (l) lossy.add(name);
        }
        if (!any) continue;
        if (++total > maxRows) throw new TooManyRows(String(maxRows));
        sheet.rows.push({ row: row.number, cells, lossy });
      }
    }
  } catch (err) {
    if (err instanceof TooManyRows) throw err;
    throw new UnreadableWorkbook(err instanceof Error ? err.message : String(err));
  }
  return sheets;
}
