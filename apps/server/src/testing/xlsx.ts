/** Reading exported workbooks back in tests, as an office would open them. */
import ExcelJS from 'exceljs';

export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** The header row and the data rows of a sheet, as plain values. */
export function sheetTable(sheet: ExcelJS.Worksheet): { header: string[]; rows: unknown[][] } {
  const values = sheet.getSheetValues().slice(1) as unknown[][];
  const [header = [], ...rows] = values.map((r) => (r ?? []).slice(1));
  return { header: header as string[], rows };
}

/** The "about this export" sheet as label → value. */
export function infoLines(wb: ExcelJS.Workbook): Record<string, string> {
  const info = wb.getWorksheet('导出说明') ?? wb.getWorksheet('About this export');
  if (!info) return {};
  return Object.fromEntries((info.getSheetValues().slice(1) as unknown[][]).map((r) => [r[1], r[2]]));
}
