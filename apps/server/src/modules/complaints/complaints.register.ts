/**
 * The complaint register (投诉记录表 as a list): the supervisor's workbench — open complaints by their
 * nearest complaint clock, grade and class, proposals to confirm — and its xlsx export for the office's
 * files. One statement per page; phones masked; scoped to the caller's estates.
 */
import {
  COMPLAINT_FLAG_LABELS,
  COMPLAINT_GRADE_LABELS,
  COMPLAINT_VALIDITY_LABELS,
  type ComplaintFlag,
  type ComplaintGrade,
  type ComplaintRegisterItem,
  type ComplaintRegisterQuery,
  type ComplaintValidity,
  DEADLINE_KIND_LABELS,
  type DeadlineKind,
  type Locale,
  label,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows } from '../../platform/db.ts';
import {
  buildListExport,
  EXPORT_ROW_LIMIT,
  type ExportContext,
  filterLine,
  type ListExport,
  type Text,
} from '../../platform/list-export.ts';
import { maskPhone } from '../../platform/mask.ts';

export type RegisterFilters = Omit<ComplaintRegisterQuery, 'page' | 'pageSize'>;

interface RegisterRow {
  id: string;
  number: string;
  estate_id: string;
  state: string;
  received_at: Date;
  unit_label: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  description: string;
  category_name: string | null;
  validity: string | null;
  grade: string | null;
  grade_source: string | null;
  flags: string[] | null;
  collective_event_id: string | null;
  owner_name: string;
  responsible_name: string | null;
  linked: number;
  proposals: number;
  next_kind: string | null;
  next_started_at: Date | null;
  next_due_at: Date | null;
  next_warn_at: Date | null;
  next_status: string | null;
  closed_at: Date | null;
  result_text: string | null;
  root_cause: string | null;
  total: number;
}

function where(scope: { companyId: string; estateIds: string[] }, f: RegisterFilters): SQL {
  const parts: SQL[] = [
    sql`q.company_id = ${scope.companyId}`,
    sql`q.estate_id in ${scope.estateIds}`,
    sql`q.type = 'complaint'`,
  ];
  if (f.open) parts.push(sql`q.state not in ('closed', 'cancelled')`);
  if (f.grade) parts.push(sql`coalesce(c.grade, 'general') = ${f.grade}`);
  if (f.validity === 'none') parts.push(sql`c.validity is null`);
  else if (f.validity) parts.push(sql`c.validity = ${f.validity}`);
  if (f.from) parts.push(sql`q.received_at >= ${new Date(f.from)}`);
  if (f.to) parts.push(sql`q.received_at < ${new Date(f.to)}`);
  if (f.proposals)
    parts.push(
      sql`exists (select 1 from complaint_links l where (l.a = q.id or l.b = q.id) and l.status = 'proposed')`,
    );
  return sql.join(parts, sql` and `);
}

async function readRows(
  db: Db,
  scope: { companyId: string; estateIds: string[] },
  f: RegisterFilters,
  page: { limit: number; offset: number },
): Promise<RegisterRow[]> {
  if (scope.estateIds.length === 0) return [];
  return rows<RegisterRow>(
    db,
    sql`select q.id, q.number, q.estate_id, q.state, q.received_at, q.reporter_name, q.reporter_phone,
          q.description, q.closed_at, c.validity, c.grade, c.grade_source, c.flags, c.collective_event_id,
          c.result_text, c.root_cause,
          case when q.unit_id is null
            then coalesce((select l.name from locations l where l.id = q.location_id), q.location_text)
            else (select b.name || '-' || u.number from units u join buildings b on b.id = u.building_id
                  where u.id = q.unit_id) end as unit_label,
          (select cat.name from categories cat where cat.id = q.category_id) as category_name,
          (select o.name from users o where o.id = q.owner_id) as owner_name,
          (select ru.name from users ru where ru.id = c.responsible_user_id) as responsible_name,
          (select count(*)::int from complaint_links l where (l.a = q.id or l.b = q.id) and l.status = 'linked') as linked,
          (select count(*)::int from complaint_links l where (l.a = q.id or l.b = q.id) and l.status = 'proposed') as proposals,
          nd.kind as next_kind, nd.started_at as next_started_at, nd.due_at as next_due_at,
          nd.warn_at as next_warn_at, nd.status as next_status,
          count(*) over ()::int as total
        from requests q
        left join complaints c on c.request_id = q.id
        left join lateral (
          select d.kind, d.started_at, d.due_at, d.warn_at, d.status from request_deadlines d
          where d.request_id = q.id and d.kind like 'complaint%'
            and (d.status in ('pending', 'paused') or (d.status = 'missed' and d.met_at is null))
          order by d.due_at limit 1) nd on true
        where ${where(scope, f)}
        -- Open complaints by their nearest clock (missed first), then the newest.
        order by (q.state in ('closed', 'cancelled')), nd.due_at nulls last, q.received_at desc, q.id
        limit ${page.limit} offset ${page.offset}`,
  );
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function item(r: RegisterRow, now: Date): ComplaintRegisterItem {
  return {
    id: r.id,
    number: r.number,
    estateId: r.estate_id,
    state: r.state,
    receivedAt: iso(r.received_at)!,
    unitLabel: r.unit_label,
    reporterName: r.reporter_name,
    reporterPhone: r.reporter_phone ? maskPhone(r.reporter_phone) : null,
    description: r.description,
    categoryName: r.category_name,
    validity: r.validity as ComplaintValidity | null,
    grade: (r.grade ?? 'general') as ComplaintGrade,
    gradeSource: r.grade_source === 'manual' ? 'manual' : 'rule',
    flags: (r.flags ?? []) as ComplaintFlag[],
    collectiveEventId: r.collective_event_id,
    ownerName: r.owner_name,
    responsibleName: r.responsible_name,
    linked: r.linked,
    proposals: r.proposals,
    nextKind: r.next_kind,
    nextStartedAt: iso(r.next_started_at),
    nextDueAt: iso(r.next_due_at),
    nextWarnAt: iso(r.next_warn_at),
    nextStatus: r.next_status,
    overdue: r.next_due_at !== null && new Date(r.next_due_at) < now,
    closedAt: iso(r.closed_at),
    resultText: r.result_text,
    rootCause: r.root_cause,
  };
}

export async function listComplaintRegister(
  db: Db,
  scope: { companyId: string; estateIds: string[] },
  q: ComplaintRegisterQuery,
  now: Date,
): Promise<{ items: ComplaintRegisterItem[]; total: number }> {
  const list = await readRows(db, scope, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: list.map((r) => item(r, now)), total: list[0]?.total ?? 0 };
}

const TEXT = {
  title: { 'zh-CN': '投诉记录表', en: 'Complaint register' },
  none: { 'zh-CN': '无（全部投诉）', en: 'none (all complaints)' },
  open: { 'zh-CN': '仅未关闭', en: 'Open only' },
  proposals: { 'zh-CN': '有待确认的同类投诉', en: 'With proposals to confirm' },
  grade: { 'zh-CN': '等级', en: 'Grade' },
  validity: { 'zh-CN': '性质', en: 'Class' },
  from: { 'zh-CN': '受理自', en: 'Received from' },
  to: { 'zh-CN': '受理至', en: 'Received before' },
} satisfies Record<string, Text>;

const HEADERS = {
  category: { 'zh-CN': '类别', en: 'Category' },
  validity: { 'zh-CN': '投诉性质', en: 'Class' },
  grade: { 'zh-CN': '投诉等级', en: 'Grade' },
  flags: { 'zh-CN': '风险标记', en: 'Flags' },
  collective: { 'zh-CN': '集体投诉', en: 'Collective' },
  responsible: { 'zh-CN': '处理负责人', en: 'Responsible' },
  nextKind: { 'zh-CN': '最近时限', en: 'Next clock' },
  closedAt: { 'zh-CN': '关闭时间', en: 'Closed' },
  result: { 'zh-CN': '处理结果', en: 'Result' },
  rootCause: { 'zh-CN': '原因分析', en: 'Root cause' },
} satisfies Record<string, Text>;

const NOT_CLASSED: Text = { 'zh-CN': '待判定', en: 'Not classed' };

/** The register as an xlsx file (capped and audited like every list export, decision 0013). */
export async function exportComplaintRegister(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  scope: string[],
  filters: RegisterFilters,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
): Promise<ListExport> {
  const listScope = { companyId: actor.companyId, estateIds: scope };
  const describe = (ctx: ExportContext) => {
    const parts: string[] = [];
    if (filters.open) parts.push(ctx.t(TEXT.open));
    if (filters.proposals) parts.push(ctx.t(TEXT.proposals));
    if (filters.grade) parts.push(filterLine(ctx, TEXT.grade, ctx.t(COMPLAINT_GRADE_LABELS[filters.grade])));
    if (filters.validity)
      parts.push(
        filterLine(
          ctx,
          TEXT.validity,
          ctx.t(filters.validity === 'none' ? NOT_CLASSED : COMPLAINT_VALIDITY_LABELS[filters.validity]),
        ),
      );
    if (filters.from) parts.push(filterLine(ctx, TEXT.from, filters.from));
    if (filters.to) parts.push(filterLine(ctx, TEXT.to, filters.to));
    return parts.length ? parts : [ctx.t(TEXT.none)];
  };
  return buildListExport<RegisterRow>(
    deps,
    actor,
    locale,
    {
      resource: 'complaints',
      title: TEXT.title,
      scope,
      estateId: filters.estateId,
      filters,
      describe,
      read: async (n) => {
        const list = await readRows(deps.db, listScope, filters, { limit: n, offset: 0 });
        return { rows: list, total: list[0]?.total ?? 0 };
      },
      estateOf: (r) => r.estate_id,
      columns: ({ col, t }) => [
        col.number((r) => r.number),
        col.estate((r) => r.estate_id),
        col.state((r) => r.state),
        col.receivedAt((r) => r.received_at),
        col.unit((r) => r.unit_label),
        col.reporter((r) => r.reporter_name),
        col.phone((r) => r.reporter_phone),
        col.text(HEADERS.category, 10, (r) => r.category_name),
        col.description((r) => r.description, 40),
        col.text(HEADERS.validity, 11, (r) =>
          t(r.validity ? COMPLAINT_VALIDITY_LABELS[r.validity as ComplaintValidity] : NOT_CLASSED),
        ),
        col.text(HEADERS.grade, 10, (r) =>
          t(COMPLAINT_GRADE_LABELS[(r.grade ?? 'general') as ComplaintGrade]),
        ),
        col.text(HEADERS.flags, 12, (r) =>
          (r.flags ?? []).map((x) => t(COMPLAINT_FLAG_LABELS[x as ComplaintFlag])).join('、'),
        ),
        col.flag(HEADERS.collective, (r) => r.collective_event_id !== null, 9),
        col.owner((r) => r.owner_name),
        col.text(HEADERS.responsible, 11, (r) => r.responsible_name),
        col.text(HEADERS.nextKind, 11, (r) =>
          r.next_kind ? label(DEADLINE_KIND_LABELS, r.next_kind as DeadlineKind, locale) : null,
        ),
        col.dueAt((r) => r.next_due_at),
        col.time(HEADERS.closedAt, (r) => r.closed_at),
        col.text(HEADERS.result, 30, (r) => r.result_text, true),
        col.text(HEADERS.rootCause, 24, (r) => r.root_cause, true),
      ],
    },
    limit,
  );
}
