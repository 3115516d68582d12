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
  'requests.exported': '已导出 {rows} 条工单',
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
  'requests.exported': '{rows} requests exported',
};
