/**
 * A department board (部门看板) as an xlsx file: the cards the board shows, in its order (late ones
 * first, then by the nearest clock), each with its column, assignee and clock, the reporter's phone
 * masked. Who may export it is who may see the board.
 */
import {
  DEADLINE_KIND_LABELS,
  type Locale,
  label,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  URGENCY_LABELS,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import { buildListExport, EXPORT_ROW_LIMIT } from '../../platform/list-export.ts';
import { maskPhone } from '../../platform/mask.ts';
import { type BoardCardWithPhone, boardCardsWithPhones } from './board.repository.ts';
import { type BoardDeps, visibleDepartment } from './board.usecases.ts';

const HEADERS = {
  number: { 'zh-CN': '工单号', en: 'Number' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  type: { 'zh-CN': '类型', en: 'Type' },
  state: { 'zh-CN': '状态', en: 'State' },
  urgency: { 'zh-CN': '处理方式', en: 'Urgency' },
  unit: { 'zh-CN': '房号/位置', en: 'Unit / place' },
  description: { 'zh-CN': '内容', en: 'Description' },
  reporter: { 'zh-CN': '报事人', en: 'Reporter' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  assignee: { 'zh-CN': '处理人', en: 'Assignee' },
  appointmentAt: { 'zh-CN': '预约时间', en: 'Appointment' },
  clock: { 'zh-CN': '当前时限', en: 'Clock' },
  dueAt: { 'zh-CN': '时限截止', en: 'Due' },
  overdue: { 'zh-CN': '已超时', en: 'Overdue' },
  receivedAt: { 'zh-CN': '受理时间', en: 'Received' },
  vip: { 'zh-CN': 'VIP', en: 'VIP' },
  night: { 'zh-CN': '夜间受理', en: 'Night' },
};

export async function exportDepartmentBoard(
  deps: BoardDeps,
  actor: Actor,
  departmentId: string,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  const dept = await visibleDepartment(deps.db, actor, departmentId);
  const now = deps.clock.now();
  return buildListExport<BoardCardWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'board',
      title: { 'zh-CN': `部门看板_${dept.name}`, en: `Board_${dept.name}` },
      scope: [dept.estateId],
      estateId: dept.estateId,
      filters: { departmentId: dept.id },
      describe: () => [`${locale === 'zh-CN' ? '部门：' : 'Department: '}${dept.name}`],
      read: async () => ({ rows: await boardCardsWithPhones(deps.db, dept.id, now) }),
      estateOf: (r) => r.estateId,
      columns: ({ t, yes, estateName }) => [
        { header: t(HEADERS.number), width: 17, value: (r) => r.number },
        { header: t(HEADERS.estate), width: 12, value: (r) => estateName(r.estateId) },
        { header: t(HEADERS.type), width: 9, value: (r) => label(REQUEST_TYPE_LABELS, r.type, locale) },
        {
          header: t(HEADERS.state),
          width: 11,
          value: (r) => label(REQUEST_STATE_LABELS, r.state, locale),
        },
        { header: t(HEADERS.urgency), width: 9, value: (r) => label(URGENCY_LABELS, r.urgency, locale) },
        { header: t(HEADERS.unit), width: 16, value: (r) => r.unitLabel },
        { header: t(HEADERS.description), width: 40, wrap: true, value: (r) => r.description },
        { header: t(HEADERS.reporter), width: 10, value: (r) => r.reporterName },
        {
          header: t(HEADERS.phone),
          width: 14,
          value: (r) => (r.reporterPhone ? maskPhone(r.reporterPhone) : null),
        },
        { header: t(HEADERS.assignee), width: 10, value: (r) => r.assigneeName },
        {
          header: t(HEADERS.appointmentAt),
          width: 17,
          kind: 'datetime',
          value: (r) => (r.appointmentAt ? new Date(r.appointmentAt) : null),
        },
        {
          header: t(HEADERS.clock),
          width: 10,
          value: (r) => (r.clock ? label(DEADLINE_KIND_LABELS, r.clock.kind, locale) : null),
        },
        {
          header: t(HEADERS.dueAt),
          width: 17,
          kind: 'datetime',
          value: (r) => (r.clock ? new Date(r.clock.dueAt) : null),
        },
        { header: t(HEADERS.overdue), width: 7, value: (r) => (r.overdue ? yes : '') },
        {
          header: t(HEADERS.receivedAt),
          width: 17,
          kind: 'datetime',
          value: (r) => new Date(r.receivedAt),
        },
        { header: t(HEADERS.vip), width: 6, value: (r) => (r.vip ? yes : '') },
        { header: t(HEADERS.night), width: 8, value: (r) => (r.night ? yes : '') },
      ],
    },
    limit,
  );
}
