/**
 * Any request list as an xlsx file (spec 01 §6, "export any list"): the list's own filters and order,
 * phones masked, at most EXPORT_ROW_LIMIT rows (the file and the headers say when it was cut short),
 * and an event row recording who exported which filter and how many rows (spec 08 §4: exports of
 * personal data are audited).
 */
import {
  CHANNEL_LABELS,
  DEADLINE_KIND_LABELS,
  type DeadlineKind,
  type Locale,
  label,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
} from '@wuye/contracts';
import { inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import {
  buildListExport,
  EXPORT_ROW_LIMIT,
  type ExportContext,
  filterLine,
  type ListExport,
  type Text,
} from '../../platform/list-export.ts';
import { users } from '../auth/auth.table.ts';
import { departments } from '../organisation/organisation.table.ts';
import { countRequests, type ListRow, listRows, type RequestListQuery } from './requests.repository.ts';

export type ExportFilters = Omit<RequestListQuery, 'page' | 'pageSize'> & { estateId?: string };

const TEXT = {
  title: { 'zh-CN': '工单', en: 'Requests' },
  none: { 'zh-CN': '无（全部工单）', en: 'none (all requests)' },
  type: { 'zh-CN': '类型', en: 'Type' },
  state: { 'zh-CN': '状态', en: 'State' },
  q: { 'zh-CN': '关键词', en: 'Search' },
  open: { 'zh-CN': '仅未完成', en: 'Open only' },
  overdue: { 'zh-CN': '超时', en: 'Overdue' },
  owner: { 'zh-CN': '首接责任人', en: 'Owner' },
  department: { 'zh-CN': '部门', en: 'Department' },
  assignee: { 'zh-CN': '处理人', en: 'Assignee' },
  sort: { 'zh-CN': '排序', en: 'Order' },
  sortPriority: {
    'zh-CN': '优先级（紧急、超时、VIP、时限）',
    en: 'priority (emergency, overdue, VIP, deadline)',
  },
  sortDueAt: { 'zh-CN': '最近时限', en: 'nearest deadline' },
  sortReceivedAt: { 'zh-CN': '最新受理', en: 'newest first' },
} satisfies Record<string, Text>;

const HEADERS = {
  channel: { 'zh-CN': '来源', en: 'Channel' },
  emergency: { 'zh-CN': '紧急', en: 'Emergency' },
  nextKind: { 'zh-CN': '最近时限', en: 'Next deadline' },
} satisfies Record<string, Text>;

/**
 * Reads the rows, records the export, and returns the file to stream. `scope` is already checked
 * against the caller (the estate asked for, or all of theirs).
 */
export async function exportRequests(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  scope: string[],
  filters: ExportFilters,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
): Promise<ListExport> {
  const now = deps.clock.now();
  const listScope = { companyId: actor.companyId, estateIds: scope };
  const names = await namesOf(deps.db, [filters.ownerId, filters.assigneeId], filters.departmentId);
  return buildListExport<ListRow>(
    deps,
    actor,
    locale,
    {
      resource: 'requests',
      title: TEXT.title,
      scope,
      estateId: filters.estateId,
      filters,
      describe: (ctx) => {
        const parts = describeFilters(filters, ctx, names);
        return parts.length ? parts : [ctx.t(TEXT.none)];
      },
      read: async (n) => ({
        rows: await listRows(deps.db, listScope, filters, now, { limit: n, offset: 0 }),
      }),
      count: () => countRequests(deps.db, listScope, filters, now),
      estateOf: (r) => r.estate_id,
      columns: ({ col }) => [
        col.number((r) => r.number),
        col.estate((r) => r.estate_id),
        col.type((r) => r.type),
        col.state((r) => r.state),
        col.text(HEADERS.channel, 11, (r) => label(CHANNEL_LABELS, r.channel, locale)),
        col.flag(HEADERS.emergency, (r) => r.emergency, 6),
        col.vip((r) => r.vip),
        col.unit((r) => r.unit_label),
        col.description((r) => r.description, 48),
        col.reporter((r) => r.reporter_name),
        col.phone((r) => r.reporter_phone),
        col.owner((r) => r.owner_name),
        col.receivedAt((r) => r.received_at),
        col.text(HEADERS.nextKind, 11, (r) =>
          r.next_kind ? label(DEADLINE_KIND_LABELS, r.next_kind as DeadlineKind, locale) : null,
        ),
        col.dueAt((r) => r.next_due_at),
        col.overdue((r) => r.overdue),
        col.night((r) => r.night),
      ],
    },
    limit,
  );
}

/** Names for the ids in the filters (the description shows 李晓燕, not an id). */
async function namesOf(db: Db, userIds: (string | undefined)[], departmentId?: string) {
  const ids = userIds.filter((x): x is string => Boolean(x));
  const people = ids.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
    : [];
  const depts = departmentId
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(inArray(departments.id, [departmentId]))
    : [];
  return new Map([...people, ...depts].map((x) => [x.id, x.name]));
}

function describeFilters(f: ExportFilters, ctx: ExportContext, names: Map<string, string>): string[] {
  const { t, locale } = ctx;
  const name = (id: string) => names.get(id) ?? id;
  const parts: string[] = [];
  if (f.type) parts.push(filterLine(ctx, TEXT.type, label(REQUEST_TYPE_LABELS, f.type, locale)));
  if (f.state) parts.push(filterLine(ctx, TEXT.state, label(REQUEST_STATE_LABELS, f.state, locale)));
  if (f.q) parts.push(filterLine(ctx, TEXT.q, f.q));
  if (f.open) parts.push(t(TEXT.open));
  if (f.overdue) parts.push(t(TEXT.overdue));
  if (f.ownerId) parts.push(filterLine(ctx, TEXT.owner, name(f.ownerId)));
  if (f.departmentId) parts.push(filterLine(ctx, TEXT.department, name(f.departmentId)));
  if (f.assigneeId) parts.push(filterLine(ctx, TEXT.assignee, name(f.assigneeId)));
  if (f.sort)
    parts.push(
      filterLine(
        ctx,
        TEXT.sort,
        t(
          f.sort === 'priority'
            ? TEXT.sortPriority
            : f.sort === 'dueAt'
              ? TEXT.sortDueAt
              : TEXT.sortReceivedAt,
        ),
      ),
    );
  return parts;
}
