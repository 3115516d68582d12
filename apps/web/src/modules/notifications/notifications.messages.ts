/** Strings of the notifications inbox (the bell in the header). */

export const zhCN = {
  'notifications.title': '通知',
  'notifications.open': '查看通知',
  'notifications.none': '暂无通知',
  'notifications.readAll': '全部标为已读',
  'notifications.unread': '{n} 条未读',
  'notifications.kind.complaint_responsible': '由您负责',
  'notifications.kind.complaint_supervisor': '请您监督',
  'notifications.kind.complaint_collective': '集体投诉',
  'notifications.kind.vip_birthday': 'VIP 生日',
  'notifications.kind.vip_festival': 'VIP 节日问候',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'notifications.title': 'Notifications',
  'notifications.open': 'Open notifications',
  'notifications.none': 'No notifications',
  'notifications.readAll': 'Mark all read',
  'notifications.unread': '{n} unread',
  'notifications.kind.complaint_responsible': 'You are responsible',
  'notifications.kind.complaint_supervisor': 'You supervise',
  'notifications.kind.complaint_collective': 'Collective complaint',
  'notifications.kind.vip_birthday': 'VIP birthday',
  'notifications.kind.vip_festival': 'VIP festival greeting',
};
