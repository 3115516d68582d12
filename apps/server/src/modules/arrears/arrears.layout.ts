/**
 * The arrears spreadsheet (欠费明细): one sheet, 欠费, a line per unit owing, with Chinese headers
 * matched by name (any order). The template and the export write the same layout, so an exported list
 * can be edited and loaded again.
 */
import type { LayoutColumn } from '../imports/import.layout.ts';

export const ARREARS_SHEET = '欠费';

export const ARREARS_COLUMNS = [
  { header: '楼栋', required: true, width: 12, note: '必填。本项目已有的楼栋名称，如 1栋。' },
  { header: '房号', required: true, width: 10, note: '必填。本项目已有的房号，如 1201；一套房屋只写一行。' },
  {
    header: '欠费金额',
    required: true,
    width: 12,
    note: '必填。元，大于 0，最多两位小数，如 1280.50（可带 ¥ 和千位逗号）。',
  },
  { header: '欠费月数', required: true, width: 10, note: '必填。1–600 的整数：欠了几个月。' },
  { header: '起欠月份', required: false, width: 12, note: '选填。第一个欠费的月份，如 2026-03。' },
  { header: '备注', required: false, width: 30, note: '选填。如 欠物业费、水费；已发催缴函。' },
] as const satisfies readonly LayoutColumn[];

export const ARREARS_EXAMPLE: Record<string, string | number> = {
  楼栋: '示例1栋',
  房号: '示例0101',
  欠费金额: '1280.50',
  欠费月数: 3,
  起欠月份: '2026-08',
  备注: '示例行，导入前请删除',
};

export const ARREARS_GUIDE_LINES: [string, string][] = [
  [
    '用途',
    '从收费系统导出的欠费明细：每次导入都是截止日期当天的整份名单，导入后替换本项目当前的欠费名单（旧名单保留为历史）。',
  ],
  ['没有欠费', '不在名单上的房屋视为无欠费；整个项目都无欠费时，导入只有表头的空表即可。'],
  ['截止日期', '在导入时选择：收费系统出具名单的日期，不能晚于今天，也不能早于当前名单的截止日期。'],
  ['示例行', '灰色斜体的示例行导入前请删除，否则会被拒绝。'],
];
