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
  ROLE_LABELS,
  type Role,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
import { type AlertFilters, type AlertWithPhone, listAlerts } from './requests.alerts.repository.ts';

const TEXT = {
  title: { 'zh-CN': '超时与升级', en: 'Overdue & escalations' },
  all: { 'zh-CN': '本项目全部提醒', en: 'All alerts of the estates' },
  open: { 'zh-CN': '仅未确认', en: 'Not acknowledged only' },
  kind: { 'zh-CN': '类别', en: 'Kind' },
  sortLevel: { 'zh-CN': '排序：升级级别', en: 'Order: escalation level' },
} satisfies Record<string, Text>;

const HEADERS = {
  state: { 'zh-CN': '工单状态', en: 'State' },
  deadline: { 'zh-CN': '时限', en: 'Clock' },
  kind: { 'zh-CN': '提醒类别', en: 'Alert' },
  level: { 'zh-CN': '升级级别', en: 'Level' },
  recipient: { 'zh-CN': '提醒对象', en: 'Addressed to' },
  raisedAt: { 'zh-CN': '提醒时间', en: 'Raised' },
  metAt: { 'zh-CN': '完成时间', en: 'Met' },
  acknowledgedAt: { 'zh-CN': '确认时间', en: 'Acknowledged' },
  acknowledgedBy: { 'zh-CN': '确认人', en: 'Acknowledged by' },
} satisfies Record<string, Text>;

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
      columns: ({ col }) => [
        col.number((r) => r.requestNumber),
        col.estate((r) => r.estateId),
        col.type((r) => r.requestType),
        col.state((r) => r.requestState, HEADERS.state),
        col.unit((r) => r.unitLabel),
        col.description((r) => r.description),
        col.phone((r) => r.reporterPhone),
        col.owner((r) => r.ownerName),
        col.text(HEADERS.deadline, 10, (r) =>
          label(DEADLINE_KIND_LABELS, r.deadlineKind as DeadlineKind, locale),
        ),
        col.text(HEADERS.kind, 9, (r) => label(ALERT_KIND_LABELS, r.kind, locale)),
        { ...col.text(HEADERS.level, 8, (r) => r.level), kind: 'number' },
        col.text(
          HEADERS.recipient,
          14,
          (r) =>
            r.recipientName ?? (r.recipientRole ? label(ROLE_LABELS, r.recipientRole as Role, locale) : null),
        ),
        col.dueAt((r) => r.dueAt),
        col.time(HEADERS.raisedAt, (r) => r.raisedAt),
        col.time(HEADERS.metAt, (r) => r.metAt),
        col.time(HEADERS.acknowledgedAt, (r) => r.acknowledgedAt),
        col.text(HEADERS.acknowledgedBy, 11, (r) => r.acknowledgedByName),
      ],
    },
    limit,
  );
}
