/**
 * The import template (GET /api/estates/:id/import/template): the sheets 房屋 and 住户 with their
 * Chinese headers (each with a note saying what to write), one example row each, text format on the
 * number columns (so Excel keeps 18-digit ID numbers and leading zeros), and a 填写说明 sheet.
 */
import ExcelJS from 'exceljs';
import {
  GUIDE_LINES,
  GUIDE_SHEET,
  type LayoutColumn,
  RESIDENT_COLUMNS,
  RESIDENT_EXAMPLE,
  RESIDENT_SHEET,
  UNIT_COLUMNS,
  UNIT_EXAMPLE,
  UNIT_SHEET,
} from './import.layout.ts';

const TEXT_COLUMNS = new Set(['房号', '手机', '其他电话', '身份证号']);

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly LayoutColumn[],
  example: Record<string, string | number>,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width,
    style: TEXT_COLUMNS.has(c.header) ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFDE2E1' : 'FFE8EEF7' },
    };
    cell.note = c.note;
  });
  const row = ws.addRow(columns.map((c) => example[c.header] ?? ''));
  row.font = { italic: true, color: { argb: 'FF8A94A6' } };
}

/**
 * A template workbook: each sheet with its headers, notes and example row, then the 填写说明 sheet
 * (the required-column line and these lines).
 */
export async function layoutTemplate(
  sheets: { name: string; columns: readonly LayoutColumn[]; example: Record<string, string | number> }[],
  guideLines: readonly (readonly [string, string])[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物业客服台 Wuye Desk';
  for (const sheet of sheets) addSheet(wb, sheet.name, sheet.columns, sheet.example);
  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [{ width: 18 }, { width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  guide.addRow(['项目', '说明']).font = { bold: true };
  guide.addRow(['必填列', '表头为红色的列必填，其余选填。']);
  for (const line of guideLines) guide.addRow([...line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function templateWorkbook(): Promise<Buffer> {
  return layoutTemplate(
    [
      { name: UNIT_SHEET, columns: UNIT_COLUMNS, example: UNIT_EXAMPLE },
      { name: RESIDENT_SHEET, columns: RESIDENT_COLUMNS, example: RESIDENT_EXAMPLE },
    ],
    GUIDE_LINES,
  );
}
