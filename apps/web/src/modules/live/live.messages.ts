/** Strings of the live updates: the notice for a clock alert addressed to me. */

export const zhCN = {
  'live.alert.warning': '{kind}时限即将到期',
  'live.alert.missed': '{kind}时限已超时',
  'live.alert.escalation': '{kind}超时升级至第 {level} 级',
  'live.alert.body': '工单 {number}，请尽快处理',
  'live.open': '查看工单',
  'live.requestUpdated': '工单 {number} 已由他人更新，已刷新为最新状态',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'live.alert.warning': '{kind} deadline is near',
  'live.alert.missed': '{kind} deadline missed',
  'live.alert.escalation': '{kind} miss escalated to level {level}',
  'live.alert.body': 'Request {number} needs you',
  'live.open': 'Open the request',
  'live.requestUpdated': 'Request {number} was changed by someone else and is now up to date',
};
