/** Strings of the front desk added with the one-call look-up, emergencies and the priority queue. */

export const zhCN = {
  'desk.emergency': '紧急',
  'desk.emergencyHint': '如电梯困人、水管爆裂、燃气泄漏：排在所有队列最前，立即派工。',
  'desk.emergencyByCategory': '所选类别为紧急类别，已按紧急受理',
  'desk.vip': 'VIP',
  'desk.vipHint': 'A 级重点客户：优先处理',
  'desk.notes': '备注',
  'desk.arrears': '欠费',
  'desk.arrearsUnknown': '未知（本项目未导入欠费名单）',
  'desk.arrearsNone': '无欠费（截至 {asOf}）',
  'desk.arrearsOwing': '欠费 {amount}（{months} 个月）',
  'desk.arrearsAsOf': '截至 {asOf}',
  'desk.moreResidents': '匹配的住户较多，只显示前 10 位，请输入更多号码',
  'desk.openMore': '另有 {n} 条未完成工单',
  'desk.queueOrder': '排序：紧急 → 超时 → VIP → 最近时限',
  'desk.export': '导出',
  'desk.exportQueue': '导出当前队列为 Excel',
  'desk.readbackEmergency': '【紧急】',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'desk.emergency': 'Emergency',
  'desk.emergencyHint':
    'E.g. people trapped in a lift, a burst pipe, a gas smell: first in every queue, dispatch at once.',
  'desk.emergencyByCategory': 'The chosen category is an emergency; taken as one',
  'desk.vip': 'VIP',
  'desk.vipHint': 'A-grade customer: first in line',
  'desk.notes': 'Notes',
  'desk.arrears': 'Arrears',
  'desk.arrearsUnknown': 'unknown (this estate has not loaded an arrears list)',
  'desk.arrearsNone': 'nothing owed (as of {asOf})',
  'desk.arrearsOwing': '{amount} owed ({months} months)',
  'desk.arrearsAsOf': 'as of {asOf}',
  'desk.moreResidents': 'Many residents match; the first 10 are shown — type more digits',
  'desk.openMore': '{n} more open requests',
  'desk.queueOrder': 'Order: emergency → overdue → VIP → nearest deadline',
  'desk.export': 'Export',
  'desk.exportQueue': 'Export this queue to Excel',
  'desk.readbackEmergency': '[EMERGENCY] ',
};
