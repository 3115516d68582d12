/**
 * The callback list (回访) as an xlsx file: the due list's tab filters and order (mine first, then by
 * the callback clock), the reporter's phone masked, the tries and the sampled quota callbacks.
 */
import { type Locale, label, ROLE_LABELS, type Role } from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
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
  completedAt: { 'zh-CN': '完工时间', en: 'Completed' },
  dueAt: { 'zh-CN': '回访时限', en: 'Callback due' },
  tries: { 'zh-CN': '未接通次数', en: 'Unreached tries' },
  lastTry: { 'zh-CN': '上次拨打', en: 'Last try' },
  nextTry: { 'zh-CN': '下次重拨', en: 'Next try' },
  fee: { 'zh-CN': '收费（元）', en: 'Fee (yuan)' },
  sampled: { 'zh-CN': '抽查回访', en: 'Sampled callbacks' },
  mine: { 'zh-CN': '我的', en: 'Mine' },
} satisfies Record<string, Text>;

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
      columns: ({ t, col }) => [
        col.number((r) => r.number),
        col.estate((r) => r.estateId),
        col.type((r) => r.type),
        col.state((r) => r.state),
        col.unit((r) => r.unitLabel),
        col.description((r) => r.description),
        col.reporter((r) => r.reporterName),
        col.phone((r) => r.reporterPhone),
        col.owner((r) => r.ownerName),
        col.time(HEADERS.completedAt, (r) => r.completedAt),
        col.time(HEADERS.dueAt, (r) => r.clock?.dueAt ?? null),
        col.overdue((r) => r.overdue),
        col.text(HEADERS.tries, 10, (r) => (r.tries ? `${r.tries}/${r.maxTries}` : '')),
        col.time(HEADERS.lastTry, (r) => r.lastTryAt),
        col.time(HEADERS.nextTry, (r) => r.nextTryAt),
        col.yuan(HEADERS.fee, (r) => r.feeFen),
        col.text(
          HEADERS.sampled,
          36,
          (r) =>
            r.assignments
              .map(
                (a) =>
                  `${label(ROLE_LABELS, a.role as Role, locale)} ${a.assigneeName ?? t(TEXT.pool)}${paren(t(a.status === 'done' ? TEXT.done : TEXT.pending))}`,
              )
              .join(locale === 'zh-CN' ? '、' : ', '),
          true,
        ),
        col.flag(HEADERS.mine, (r) => r.mine, 6),
      ],
    },
    limit,
  );
}
