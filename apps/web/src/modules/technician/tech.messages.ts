/** Strings of the technician's phone view. */

export const zhCN = {
  'tech.title': '我的工单',
  'tech.myOrders': '待处理工单',
  'tech.count': '共 {n} 单',
  'tech.empty': '暂时没有待处理的工单',
  'tech.unassigned': '待认领',
  'tech.back': '返回我的工单',
  'tech.toDesk': '回到工作台',
  'tech.nothingToDo': '该工单当前无需您处理',
  'tech.submitComplete': '提交完工',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'tech.title': 'My orders',
  'tech.myOrders': 'Orders to do',
  'tech.count': '{n} orders',
  'tech.empty': 'Nothing to do right now',
  'tech.unassigned': 'Unclaimed',
  'tech.back': 'Back to my orders',
  'tech.toDesk': 'Back to the desk',
  'tech.nothingToDo': 'Nothing for you to do on this order now',
  'tech.submitComplete': 'Submit completion',
};
