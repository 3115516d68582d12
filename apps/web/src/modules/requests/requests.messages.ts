/** Strings of the request list added with the priority order, markers and the xlsx export. */

export const zhCN = {
  'request.emergency': '紧急',
  'request.vip': 'VIP',
  'request.vipHint': 'A 级重点客户',
  'requests.sort': '排序',
  'requests.sortReceivedAt': '最新受理',
  'requests.sortPriority': '优先级',
  'requests.sortDueAt': '最近时限',
  'requests.openOnly': '仅未完成',
  'requests.export': '导出 Excel',
  'requests.exported': '已导出 {rows} 条工单',
  'requests.exportCapped': '已达导出上限：仅导出前 {rows} 条（共 {total} 条），请缩小筛选范围后分批导出',
  'requests.exportFailed': '导出失败：{message}',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'request.emergency': 'Emergency',
  'request.vip': 'VIP',
  'request.vipHint': 'A-grade customer',
  'requests.sort': 'Order',
  'requests.sortReceivedAt': 'Newest first',
  'requests.sortPriority': 'Priority',
  'requests.sortDueAt': 'Nearest deadline',
  'requests.openOnly': 'Open only',
  'requests.export': 'Export to Excel',
  'requests.exported': '{rows} requests exported',
  'requests.exportCapped':
    'Export limit reached: only the first {rows} of {total}; narrow the filters and export in parts',
  'requests.exportFailed': 'Export failed: {message}',
};
