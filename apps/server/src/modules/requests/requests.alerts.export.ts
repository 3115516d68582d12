/**
 * The overdue and escalation view (超时与升级) as an xlsx file: the list's filters and order, the
 * reporter's phone masked, each alert with its clock, rung and who acknowledged it.
 */
import {
  ALERT_KIND_LABELS,
  DEADLINE_KIND_LABELS,
  type DeadlineKind,
  type Locale,
  label,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  type RequestState,
  type RequestType,
  ROLE_LABELS,
  type Role,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
import { maskPhone } from '../../platform/mask.ts';
import { type AlertFilters, type AlertWithPhone, listAlerts } from './requests.alerts.repository.ts';

const TEXT = {
  title: { 'zh-CN': '超时与升级', en: 'Overdue & escalations' },
  all: { 'zh-CN': '本项目全部提醒', en: 'All alerts of the estates' },
  open: { 'zh-CN': '仅未确认', en: 'Not acknowledged only' },
  kind: { 'zh-CN': '类别', en: 'Kind' },
  sortLevel: { 'zh-CN': '排序：升级级别', en: 'Order: escalation level' },
} satisfies Record<string, Text>;

const HEADERS = {
  number: { 'zh-CN': '工单号', en: 'Number' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  type: { 'zh-CN': '类型', en: 'Type' },
  state: { 'zh-CN': '工单状态', en: 'State' },
  unit: { 'zh-CN': '房号/位置', en: 'Unit / place' },
  description: { 'zh-CN': '内容', en: 'Description' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  owner: { 'zh-CN': '首接责任人', en: 'Owner' },
  deadline: { 'zh-CN': '时限', en: 'Clock' },
  kind: { 'zh-CN': '提醒类别', en: 'Alert' },
  level: { 'zh-CN': '升级级别', en: 'Level' },
  recipient: { 'zh-CN': '提醒对象', en: 'Addressed to' },
  dueAt: { 'zh-CN': '时限截止', en: 'Due' },
  raisedAt: { 'zh-CN': '提醒时间', en: 'Raised' },
  metAt: { 'zh-CN': '完成时间', en: 'Met' },
  acknowledgedAt: { 'zh-CN': '确认时间', en: 'Acknowledged' },
  acknowledgedBy: { 'zh-CN': '确认人', en: 'Acknowledged by' },
} satisfies Record<string, Text>;

const at = (iso: string | null) => (iso ? new Date(iso) : null);

export async function exportAlerts(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  scope: string[],
  filters: AlertFilters & { estateId?: string },
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  return buildListExport<AlertWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'alerts',
      title: TEXT.title,
      scope,
      estateId: filters.estateId,
      filters,
      describe: (ctx) => [
        ...(filters.all ? [filterLine(ctx, TEXT.all)] : []),
        ...(filters.open ? [filterLine(ctx, TEXT.open)] : []),
        ...(filters.kind ? [filterLine(ctx, TEXT.kind, label(ALERT_KIND_LABELS, filters.kind, locale))] : []),
        ...(filters.sort === 'level' ? [filterLine(ctx, TEXT.sortLevel)] : []),
      ],
      read: async (n) => {
        const found = await listAlerts(deps.db, actor, scope, { ...filters, page: 1, pageSize: n });
        return { rows: found.items, total: found.total };
      },
      estateOf: (r) => r.estateId,
      columns: ({ t, estateName }) => [
        { header: t(HEADERS.number), width: 17, value: (r) => r.requestNumber },
        { header: t(HEADERS.estate), width: 12, value: (r) => estateName(r.estateId) },
        {
          header: t(HEADERS.type),
          width: 9,
          value: (r) => label(REQUEST_TYPE_LABELS, r.requestType as RequestType, locale),
        },
        {
          header: t(HEADERS.state),
          width: 11,
          value: (r) => label(REQUEST_STATE_LABELS, r.requestState as RequestState, locale),
        },
        { header: t(HEADERS.unit), width: 16, value: (r) => r.unitLabel },
        { header: t(HEADERS.description), width: 40, wrap: true, value: (r) => r.description },
        {
          header: t(HEADERS.phone),
          width: 14,
          value: (r) => (r.reporterPhone ? maskPhone(r.reporterPhone) : null),
        },
        { header: t(HEADERS.owner), width: 11, value: (r) => r.ownerName },
        {
          header: t(HEADERS.deadline),
          width: 10,
          value: (r) => label(DEADLINE_KIND_LABELS, r.deadlineKind as DeadlineKind, locale),
        },
        { header: t(HEADERS.kind), width: 9, value: (r) => label(ALERT_KIND_LABELS, r.kind, locale) },
        { header: t(HEADERS.level), width: 8, kind: 'number', value: (r) => r.level },
        {
          header: t(HEADERS.recipient),
          width: 14,
          value: (r) =>
            r.recipientName ?? (r.recipientRole ? label(ROLE_LABELS, r.recipientRole as Role, locale) : null),
        },
        { header: t(HEADERS.dueAt), width: 17, kind: 'datetime', value: (r) => at(r.dueAt) },
        { header: t(HEADERS.raisedAt), width: 17, kind: 'datetime', value: (r) => at(r.raisedAt) },
        { header: t(HEADERS.metAt), width: 17, kind: 'datetime', value: (r) => at(r.metAt) },
        {
          header: t(HEADERS.acknowledgedAt),
          width: 17,
          kind: 'datetime',
          value: (r) => at(r.acknowledgedAt),
        },
        { header: t(HEADERS.acknowledgedBy), width: 11, value: (r) => r.acknowledgedByName },
      ],
    },
    limit,
  );
}
