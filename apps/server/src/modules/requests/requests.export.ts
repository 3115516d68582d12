/**
 * Any request list as an xlsx file (spec 01 §6, "export any list"): the list's own filters and order,
 * phones masked, at most EXPORT_ROW_LIMIT rows (the file and the headers say when it was cut short),
 * and an event row recording who exported which filter and how many rows (spec 08 §4: exports of
 * personal data are audited).
 */
import type { Writable } from 'node:stream';
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
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone } from '../../platform/mask.ts';
import { localParts } from '../../platform/time.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/xlsx.ts';
import { users } from '../auth/auth.table.ts';
import { departments, estates } from '../organisation/organisation.table.ts';
import { countRequests, type ListRow, listRows, type RequestListQuery } from './requests.repository.ts';

export const EXPORT_ROW_LIMIT = 50_000;

export type ExportFilters = Omit<RequestListQuery, 'page' | 'pageSize'> & { estateId?: string };

type L = { 'zh-CN': string; en: string };
const TEXT = {
  sheet: { 'zh-CN': '工单', en: 'Requests' },
  info: { 'zh-CN': '导出说明', en: 'About this export' },
  file: { 'zh-CN': '工单', en: 'requests' },
  allEstates: { 'zh-CN': '全部项目', en: 'all estates' },
  yes: { 'zh-CN': '是', en: 'yes' },
  capped: {
    'zh-CN': '已达导出上限：仅导出前 {limit} 条（符合条件共 {total} 条），请缩小筛选范围后分批导出。',
    en: 'Export limit reached: only the first {limit} of {total} matching requests; narrow the filters and export in parts.',
  },
  by: { 'zh-CN': '导出人', en: 'Exported by' },
  at: { 'zh-CN': '导出时间', en: 'Exported at' },
  filters: { 'zh-CN': '筛选条件', en: 'Filters' },
  none: { 'zh-CN': '无（全部工单）', en: 'none (all requests)' },
  rows: { 'zh-CN': '导出条数', en: 'Rows' },
  privacy: { 'zh-CN': '隐私', en: 'Privacy' },
  privacyText: {
    'zh-CN': '联系电话已脱敏；本次导出已记录在审计日志中。',
    en: 'Phone numbers are masked; this export is recorded in the audit log.',
  },
  estate: { 'zh-CN': '项目', en: 'Estate' },
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
} satisfies Record<string, L>;

const HEADERS = {
  number: { 'zh-CN': '工单号', en: 'Number' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  type: { 'zh-CN': '类型', en: 'Type' },
  state: { 'zh-CN': '状态', en: 'State' },
  channel: { 'zh-CN': '来源', en: 'Channel' },
  emergency: { 'zh-CN': '紧急', en: 'Emergency' },
  vip: { 'zh-CN': 'VIP', en: 'VIP' },
  unit: { 'zh-CN': '房号/位置', en: 'Unit / place' },
  description: { 'zh-CN': '内容', en: 'Description' },
  reporter: { 'zh-CN': '报事人', en: 'Reporter' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  owner: { 'zh-CN': '首接责任人', en: 'Owner' },
  receivedAt: { 'zh-CN': '受理时间', en: 'Received' },
  nextKind: { 'zh-CN': '最近时限', en: 'Next deadline' },
  nextDue: { 'zh-CN': '时限截止', en: 'Due' },
  overdue: { 'zh-CN': '已超时', en: 'Overdue' },
  night: { 'zh-CN': '夜间受理', en: 'Night' },
} satisfies Record<string, L>;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export interface RequestExport {
  filename: string;
  asciiFilename: string;
  rows: number;
  total: number;
  capped: boolean;
  /** Streams the workbook into `out`. */
  write(out: Writable): Promise<void>;
}

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
): Promise<RequestExport> {
  const now = deps.clock.now();
  const listScope = { companyId: actor.companyId, estateIds: scope };
  const found = scope.length
    ? await listRows(deps.db, listScope, filters, now, { limit: limit + 1, offset: 0 })
    : [];
  const capped = found.length > limit;
  const list = capped ? found.slice(0, limit) : found;
  const total = capped ? await countRequests(deps.db, listScope, filters, now) : list.length;
  const estateRows = scope.length
    ? await deps.db
        .select({ id: estates.id, name: estates.name, timeZone: estates.timeZone })
        .from(estates)
        .where(inArray(estates.id, scope))
    : [];
  const estateOf = new Map(estateRows.map((e) => [e.id, e]));
  const t = (l: L) => l[locale];

  await recordEvent(deps.db, {
    companyId: actor.companyId,
    estateId: filters.estateId ?? null,
    entityType: 'export',
    entityId: newId(now.getTime()),
    action: 'export',
    actorId: actor.userId,
    at: now,
    data: { resource: 'requests', format: 'xlsx', filters, rows: list.length, total, capped },
  });

  const names = await namesOf(deps.db, [filters.ownerId, filters.assigneeId], filters.departmentId);
  const named = filters.estateId ? estateOf.get(filters.estateId) : undefined;
  const zone = named?.timeZone ?? estateRows[0]?.timeZone ?? 'Asia/Shanghai';
  const p = localParts(now, zone);
  const stamp = `${p.compactDate}-${String(p.hour).padStart(2, '0')}${String(p.minute).padStart(2, '0')}`;
  const filename = `${t(TEXT.file)}_${named?.name ?? t(TEXT.allEstates)}_${stamp}.xlsx`;

  const columns: XlsxColumn<ListRow>[] = [
    { header: t(HEADERS.number), width: 17, value: (r) => r.number },
    { header: t(HEADERS.estate), width: 12, value: (r) => estateOf.get(r.estate_id)?.name ?? '' },
    { header: t(HEADERS.type), width: 9, value: (r) => label(REQUEST_TYPE_LABELS, r.type, locale) },
    { header: t(HEADERS.state), width: 11, value: (r) => label(REQUEST_STATE_LABELS, r.state, locale) },
    { header: t(HEADERS.channel), width: 11, value: (r) => label(CHANNEL_LABELS, r.channel, locale) },
    { header: t(HEADERS.emergency), width: 6, value: (r) => (r.emergency ? t(TEXT.yes) : '') },
    { header: t(HEADERS.vip), width: 6, value: (r) => (r.vip ? t(TEXT.yes) : '') },
    { header: t(HEADERS.unit), width: 16, value: (r) => r.unit_label },
    { header: t(HEADERS.description), width: 48, wrap: true, value: (r) => r.description },
    { header: t(HEADERS.reporter), width: 10, value: (r) => r.reporter_name },
    {
      header: t(HEADERS.phone),
      width: 14,
      value: (r) => (r.reporter_phone ? maskPhone(r.reporter_phone) : null),
    },
    { header: t(HEADERS.owner), width: 11, value: (r) => r.owner_name },
    { header: t(HEADERS.receivedAt), width: 17, kind: 'datetime', value: (r) => new Date(r.received_at) },
    {
      header: t(HEADERS.nextKind),
      width: 11,
      value: (r) => (r.next_kind ? label(DEADLINE_KIND_LABELS, r.next_kind as DeadlineKind, locale) : null),
    },
    {
      header: t(HEADERS.nextDue),
      width: 17,
      kind: 'datetime',
      value: (r) => (r.next_due_at ? new Date(r.next_due_at) : null),
    },
    { header: t(HEADERS.overdue), width: 7, value: (r) => (r.overdue ? t(TEXT.yes) : '') },
    { header: t(HEADERS.night), width: 8, value: (r) => (r.night ? t(TEXT.yes) : '') },
  ];

  const footer = capped ? fill(t(TEXT.capped), { limit: limit.toLocaleString('en-US'), total }) : undefined;
  const info: [string, string][] = [
    [t(TEXT.by), actor.name],
    [t(TEXT.at), `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`],
    [t(TEXT.estate), named?.name ?? t(TEXT.allEstates)],
    [t(TEXT.filters), describeFilters(filters, locale, t, names) || t(TEXT.none)],
    [t(TEXT.rows), capped ? footer! : String(list.length)],
    [t(TEXT.privacy), t(TEXT.privacyText)],
  ];
  return {
    filename,
    asciiFilename: `requests-${stamp}.xlsx`,
    rows: list.length,
    total,
    capped,
    write: (out) =>
      writeXlsx(
        out,
        {
          name: t(TEXT.sheet),
          columns,
          rows: list,
          timeZone: (r) => estateOf.get(r.estate_id)?.timeZone ?? zone,
          footer,
        },
        { name: t(TEXT.info), lines: info },
      ),
  };
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

function describeFilters(
  f: ExportFilters,
  locale: Locale,
  t: (l: L) => string,
  names: Map<string, string>,
): string {
  const name = (id: string) => names.get(id) ?? id;
  const parts: string[] = [];
  const sep = locale === 'zh-CN' ? '：' : ': ';
  if (f.type) parts.push(`${t(TEXT.type)}${sep}${label(REQUEST_TYPE_LABELS, f.type, locale)}`);
  if (f.state) parts.push(`${t(TEXT.state)}${sep}${label(REQUEST_STATE_LABELS, f.state, locale)}`);
  if (f.q) parts.push(`${t(TEXT.q)}${sep}${f.q}`);
  if (f.open) parts.push(t(TEXT.open));
  if (f.overdue) parts.push(t(TEXT.overdue));
  if (f.ownerId) parts.push(`${t(TEXT.owner)}${sep}${name(f.ownerId)}`);
  if (f.departmentId) parts.push(`${t(TEXT.department)}${sep}${name(f.departmentId)}`);
  if (f.assigneeId) parts.push(`${t(TEXT.assignee)}${sep}${name(f.assigneeId)}`);
  if (f.sort)
    parts.push(
      `${t(TEXT.sort)}${sep}${t(f.sort === 'priority' ? TEXT.sortPriority : f.sort === 'dueAt' ? TEXT.sortDueAt : TEXT.sortReceivedAt)}`,
    );
  return parts.join(locale === 'zh-CN' ? '；' : '; ');
}
