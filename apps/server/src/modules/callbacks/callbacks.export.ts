/**
 * The callback list (回访) as an xlsx file: the due list's tab filters and order (mine first, then by
 * the callback clock), the reporter's phone masked, the tries and the sampled quota callbacks.
 */
import {
  type Locale,
  label,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  ROLE_LABELS,
  type Role,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
import { maskPhone } from '../../platform/mask.ts';
import { effectiveSlaSettingsOf } from '../settings/settings.usecases.ts';
import { type DueCallbackWithPhone, listDueCallbacksWithPhones } from './callbacks.repository.ts';

export interface CallbackExportFilters {
  estateId?: string;
  mine?: boolean;
  overdue?: boolean;
  retrying?: boolean;
}

const TEXT = {
  title: { 'zh-CN': '回访', en: 'Callbacks' },
  mine: { 'zh-CN': '我的回访', en: 'Mine' },
  overdue: { 'zh-CN': '回访超时', en: 'Overdue' },
  retrying: { 'zh-CN': '待重拨', en: 'To redial' },
  pending: { 'zh-CN': '待回访', en: 'pending' },
  done: { 'zh-CN': '已回访', en: 'done' },
  pool: { 'zh-CN': '待分配', en: 'unassigned' },
} satisfies Record<string, Text>;

const HEADERS = {
  number: { 'zh-CN': '工单号', en: 'Number' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  type: { 'zh-CN': '类型', en: 'Type' },
  state: { 'zh-CN': '状态', en: 'State' },
  unit: { 'zh-CN': '房号/位置', en: 'Unit / place' },
  description: { 'zh-CN': '内容', en: 'Description' },
  reporter: { 'zh-CN': '报事人', en: 'Reporter' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  owner: { 'zh-CN': '首接责任人', en: 'Owner' },
  completedAt: { 'zh-CN': '完工时间', en: 'Completed' },
  dueAt: { 'zh-CN': '回访时限', en: 'Callback due' },
  overdue: { 'zh-CN': '已超时', en: 'Overdue' },
  tries: { 'zh-CN': '未接通次数', en: 'Unreached tries' },
  lastTry: { 'zh-CN': '上次拨打', en: 'Last try' },
  nextTry: { 'zh-CN': '下次重拨', en: 'Next try' },
  fee: { 'zh-CN': '收费（元）', en: 'Fee (yuan)' },
  sampled: { 'zh-CN': '抽查回访', en: 'Sampled callbacks' },
  mine: { 'zh-CN': '我的', en: 'Mine' },
} satisfies Record<string, Text>;

const at = (iso: string | null) => (iso ? new Date(iso) : null);

export async function exportDueCallbacks(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  scope: string[],
  filters: CallbackExportFilters,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  const now = deps.clock.now();
  const paren = (x: string) => (locale === 'zh-CN' ? `（${x}）` : ` (${x})`);
  const rulesOf = await effectiveSlaSettingsOf(deps.db, scope);
  return buildListExport<DueCallbackWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'callbacks',
      title: TEXT.title,
      scope,
      estateId: filters.estateId,
      filters,
      describe: (ctx) =>
        (['mine', 'overdue', 'retrying'] as const)
          .filter((k) => filters[k])
          .map((k) => filterLine(ctx, TEXT[k])),
      read: async (n) => {
        const found = await listDueCallbacksWithPhones(
          deps.db,
          actor,
          scope,
          { ...filters, page: 1, pageSize: n },
          now,
          rulesOf,
        );
        return { rows: found.items, total: found.total };
      },
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
        { header: t(HEADERS.unit), width: 16, value: (r) => r.unitLabel },
        { header: t(HEADERS.description), width: 40, wrap: true, value: (r) => r.description },
        { header: t(HEADERS.reporter), width: 10, value: (r) => r.reporterName },
        {
          header: t(HEADERS.phone),
          width: 14,
          value: (r) => (r.reporterPhone ? maskPhone(r.reporterPhone) : null),
        },
        { header: t(HEADERS.owner), width: 11, value: (r) => r.ownerName },
        { header: t(HEADERS.completedAt), width: 17, kind: 'datetime', value: (r) => at(r.completedAt) },
        {
          header: t(HEADERS.dueAt),
          width: 17,
          kind: 'datetime',
          value: (r) => at(r.clock?.dueAt ?? null),
        },
        { header: t(HEADERS.overdue), width: 7, value: (r) => (r.overdue ? yes : '') },
        {
          header: t(HEADERS.tries),
          width: 10,
          value: (r) => (r.tries ? `${r.tries}/${r.maxTries}` : ''),
        },
        { header: t(HEADERS.lastTry), width: 17, kind: 'datetime', value: (r) => at(r.lastTryAt) },
        { header: t(HEADERS.nextTry), width: 17, kind: 'datetime', value: (r) => at(r.nextTryAt) },
        {
          header: t(HEADERS.fee),
          width: 10,
          kind: 'number',
          value: (r) => (r.feeFen === null ? null : r.feeFen / 100),
        },
        {
          header: t(HEADERS.sampled),
          width: 36,
          wrap: true,
          value: (r) =>
            r.assignments
              .map(
                (a) =>
                  `${label(ROLE_LABELS, a.role as Role, locale)} ${a.assigneeName ?? t(TEXT.pool)}${paren(t(a.status === 'done' ? TEXT.done : TEXT.pending))}`,
              )
              .join(locale === 'zh-CN' ? '、' : ', '),
        },
        { header: t(HEADERS.mine), width: 6, value: (r) => (r.mine ? yes : '') },
      ],
    },
    limit,
  );
}
