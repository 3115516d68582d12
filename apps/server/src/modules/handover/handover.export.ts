/**
 * The night hand-over list (夜间交接) as an xlsx file: the requests of one night (and older ones still
 * undispatched, first), as the morning's hand-over shows them, the reporter's phone masked.
 */
import {
  CHANNEL_LABELS,
  type Locale,
  label,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  URGENCY_LABELS,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine } from '../../platform/list-export.ts';
import { maskPhone } from '../../platform/mask.ts';
import { type NightRequestWithPhone, nightRequestsWithPhones } from './handover.repository.ts';
import { type HandoverDeps, nightOf } from './handover.usecases.ts';

const HEADERS = {
  number: { 'zh-CN': '工单号', en: 'Number' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  type: { 'zh-CN': '类型', en: 'Type' },
  state: { 'zh-CN': '状态', en: 'State' },
  channel: { 'zh-CN': '来源', en: 'Channel' },
  urgency: { 'zh-CN': '处理方式', en: 'Urgency' },
  unit: { 'zh-CN': '房号/位置', en: 'Unit / place' },
  description: { 'zh-CN': '内容', en: 'Description' },
  reporter: { 'zh-CN': '报事人', en: 'Reporter' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  receivedAt: { 'zh-CN': '受理时间', en: 'Received' },
  receivedBy: { 'zh-CN': '受理人', en: 'Taken by' },
  department: { 'zh-CN': '派往部门', en: 'Department' },
  assignee: { 'zh-CN': '处理人', en: 'Assignee' },
  vip: { 'zh-CN': 'VIP', en: 'VIP' },
  carriedOver: { 'zh-CN': '往夜遗留', en: 'Carried over' },
};

export async function exportNightShift(
  deps: HandoverDeps,
  actor: Actor,
  q: { estateId: string; date?: string },
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  const { shiftDate, from, to } = await nightOf(deps, actor, q);
  return buildListExport<NightRequestWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'handover',
      title: { 'zh-CN': `夜间交接_${shiftDate}`, en: `Night_${shiftDate}` },
      scope: [q.estateId],
      estateId: q.estateId,
      filters: { estateId: q.estateId, date: shiftDate },
      describe: (ctx) => [filterLine(ctx, { 'zh-CN': '交接日期', en: 'Morning of' }, shiftDate)],
      read: async () => ({ rows: await nightRequestsWithPhones(deps.db, q.estateId, from, to) }),
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
        { header: t(HEADERS.channel), width: 11, value: (r) => label(CHANNEL_LABELS, r.channel, locale) },
        { header: t(HEADERS.urgency), width: 9, value: (r) => label(URGENCY_LABELS, r.urgency, locale) },
        { header: t(HEADERS.unit), width: 16, value: (r) => r.unitLabel },
        { header: t(HEADERS.description), width: 40, wrap: true, value: (r) => r.description },
        { header: t(HEADERS.reporter), width: 10, value: (r) => r.reporterName },
        {
          header: t(HEADERS.phone),
          width: 14,
          value: (r) => (r.reporterPhone ? maskPhone(r.reporterPhone) : null),
        },
        {
          header: t(HEADERS.receivedAt),
          width: 17,
          kind: 'datetime',
          value: (r) => new Date(r.receivedAt),
        },
        { header: t(HEADERS.receivedBy), width: 10, value: (r) => r.receivedByName },
        { header: t(HEADERS.department), width: 12, value: (r) => r.departmentName },
        { header: t(HEADERS.assignee), width: 10, value: (r) => r.assigneeName },
        { header: t(HEADERS.vip), width: 6, value: (r) => (r.vip ? yes : '') },
        { header: t(HEADERS.carriedOver), width: 9, value: (r) => (r.carriedOver ? yes : '') },
      ],
    },
    limit,
  );
}
