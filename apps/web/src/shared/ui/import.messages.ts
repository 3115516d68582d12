/** Strings of the spreadsheet-import dialog every import shares (房屋和住户, 欠费名单). */

export const zhCN = {
  'import.template': '下载导入模板',
  'import.choose': '点击或拖入 Excel 文件（.xlsx）',
  'import.hint': '最大 20 MB，每次最多 100 000 行',
  'import.cancel': '取消',
  'import.check': '检查',
  'import.run': '导入',
  'import.close': '完成',
  'import.checkedOk': '检查通过，可以导入',
  'import.imported': '导入完成',
  'import.errors': '发现 {n} 处错误，未写入任何数据。请修改文件后重新检查。',
  'import.moreErrors': '仅列出前 {shown} 处（共 {n} 处）',
  'import.sheet': '工作表',
  'import.row': '行',
  'import.column': '列',
  'import.message': '问题',
  'import.wholeFile': '整个文件',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'import.template': 'Download the template',
  'import.choose': 'Click or drop an Excel file (.xlsx)',
  'import.hint': 'At most 20 MB and 100,000 rows',
  'import.cancel': 'Cancel',
  'import.check': 'Check',
  'import.run': 'Import',
  'import.close': 'Done',
  'import.checkedOk': 'No errors: ready to import',
  'import.imported': 'Imported',
  'import.errors': '{n} errors found; nothing was written. Fix the file and check again.',
  'import.moreErrors': 'The first {shown} of {n} are listed',
  'import.sheet': 'Sheet',
  'import.row': 'Row',
  'import.column': 'Column',
  'import.message': 'Problem',
  'import.wholeFile': 'The file',
};
