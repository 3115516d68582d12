/**
 * Any staff list as an xlsx download (spec 01 §6 "export any list", decision 0013): what every list's
 * export shares — the row cap, the audit event (spec 08 §4: exports of personal data are audited), the
 * file name in the estate's time zone, the "about this export" sheet and the X-Export-* response
 * headers. A module gives the list's own rows (its statement, filters and order), its columns and its
 * filters in words; phones are masked by the module's columns with `maskPhone`.
 */
import { PassThrough, type Writable } from 'node:stream';
import type { Locale } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Actor } from './access.ts';
import { recordEvent } from './audit.ts';
import type { Clock } from './clock.ts';
import { type Db, rows } from './db.ts';
import { exportColumns, type Text } from './export-columns.ts';
import { newId } from './ids.ts';
import { localParts } from './time.ts';
import { attachmentDisposition, writeXlsx, XLSX_CONTENT_TYPE, type XlsxColumn } from './xlsx.ts';

export const EXPORT_ROW_LIMIT = 50_000;

export type { Text };

export interface ExportEstate {
  id: string;
  name: string;
  timeZone: string;
}

/** What a column definition gets to work with. */
export interface ExportContext<T = unknown> {
  locale: Locale;
  t(text: Text): string;
  estateName(estateId: string): string;
  /** The columns every list shares (工单号, 项目 … 联系电话, masked), in the caller's language. */
  col: ReturnType<typeof exportColumns<T>>;
}

export interface ListExportSpec<T> {
  /** The list's name in the audit event and the ASCII file name (`callbacks-20261122-1000.xlsx`). */
  resource: string;
  /** The sheet's name and the start of the (Chinese) file name. */
  title: Text;
  /** The estates the rows come from, already checked against the caller. */
  scope: string[];
  /** The one estate the caller asked for, if any (the file name and the audit event name it). */
  estateId?: string;
  /** The query as the audit event records it. */
  filters: object;
  /** The filters in the caller's words, for the info sheet; empty when nothing narrows the list. */
  describe(ctx: ExportContext): string[];
  /**
   * Up to `limit` rows, in the list's own order, and how many match in all if the list's statement
   * counts them anyway.
   */
  read(limit: number): Promise<{ rows: T[]; total?: number }>;
  /** How many rows match in all, when `read` does not say; asked only when the export was cut short. */
  count?(): Promise<number>;
  columns(ctx: ExportContext<T>): XlsxColumn<T>[];
  estateOf(row: T): string;
  /** The info sheet's privacy line, when it is not the usual "phones are masked". */
  privacy?: Text;
}

export interface ListExport {
  filename: string;
  asciiFilename: string;
  rows: number;
  total: number;
  capped: boolean;
  /** Streams the workbook into `out`. */
  write(out: Writable): Promise<void>;
}

const TEXT = {
  info: { 'zh-CN': '导出说明', en: 'About this export' },
  allEstates: { 'zh-CN': '全部项目', en: 'all estates' },
  capped: {
    'zh-CN': '已达导出上限：仅导出前 {limit} 条（符合条件共 {total} 条），请缩小筛选范围后分批导出。',
    en: 'Export limit reached: only the first {limit} of {total} matching rows; narrow the filters and export in parts.',
  },
  by: { 'zh-CN': '导出人', en: 'Exported by' },
  at: { 'zh-CN': '导出时间', en: 'Exported at' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  filters: { 'zh-CN': '筛选条件', en: 'Filters' },
  none: { 'zh-CN': '无（全部）', en: 'none (everything)' },
  rows: { 'zh-CN': '导出条数', en: 'Rows' },
  privacy: { 'zh-CN': '隐私', en: 'Privacy' },
  privacyText: {
    'zh-CN': '联系电话已脱敏；本次导出已记录在审计日志中。',
    en: 'Phone numbers are masked; this export is recorded in the audit log.',
  },
} satisfies Record<string, Text>;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads the rows (one more than the limit, to know whether it was cut short), records the export, and
 * returns the file to stream.
 */
export async function buildListExport<T>(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  locale: Locale,
  spec: ListExportSpec<T>,
  limit = EXPORT_ROW_LIMIT,
): Promise<ListExport> {
  const now = deps.clock.now();
  const found = spec.scope.length ? await spec.read(limit + 1) : { rows: [] };
  const capped = found.rows.length > limit;
  const list = capped ? found.rows.slice(0, limit) : found.rows;
  const total = capped ? (found.total ?? (await spec.count?.()) ?? list.length) : list.length;
  const estateRows = spec.scope.length
    ? await rows<{ id: string; name: string; time_zone: string }>(
        deps.db,
        sql`select id, name, time_zone from estates where id in ${spec.scope} order by code`,
      )
    : [];
  const estates = new Map<string, ExportEstate>(
    estateRows.map((e) => [e.id, { id: e.id, name: e.name, timeZone: e.time_zone }]),
  );

  await recordEvent(deps.db, {
    companyId: actor.companyId,
    estateId: spec.estateId ?? null,
    entityType: 'export',
    entityId: newId(now.getTime()),
    action: 'export',
    actorId: actor.userId,
    at: now,
    data: {
      resource: spec.resource,
      format: 'xlsx',
      filters: spec.filters,
      // The estates the rows came from (the audit of an export across estates shows it to each).
      scope: spec.scope,
      rows: list.length,
      total,
      capped,
    },
  });

  const t = (text: Text) => text[locale];
  const estateName = (id: string) => estates.get(id)?.name ?? '';
  const ctx: ExportContext<T> = { locale, t, estateName, col: exportColumns<T>({ locale, estateName }) };
  const named = spec.estateId ? estates.get(spec.estateId) : undefined;
  const zone = named?.timeZone ?? estateRows[0]?.time_zone ?? 'Asia/Shanghai';
  const p = localParts(now, zone);
  const stamp = `${p.compactDate}-${pad(p.hour)}${pad(p.minute)}`;
  const namedEstate = named?.name ?? t(TEXT.allEstates);
  const footer = capped ? fill(t(TEXT.capped), { limit: limit.toLocaleString('en-US'), total }) : undefined;
  const described = spec.describe(ctx).join(locale === 'zh-CN' ? '；' : '; ');
  const info: [string, string][] = [
    [t(TEXT.by), actor.name],
    [t(TEXT.at), `${p.date} ${pad(p.hour)}:${pad(p.minute)}`],
    [t(TEXT.estate), namedEstate],
    [t(TEXT.filters), described || t(TEXT.none)],
    [t(TEXT.rows), footer ?? String(list.length)],
    [t(TEXT.privacy), t(spec.privacy ?? TEXT.privacyText)],
  ];
  const columns = spec.columns(ctx);
  return {
    filename: `${t(spec.title)}_${namedEstate}_${stamp}.xlsx`,
    asciiFilename: `${spec.resource}-${stamp}.xlsx`,
    rows: list.length,
    total,
    capped,
    write: (out) =>
      writeXlsx(
        out,
        {
          name: t(spec.title),
          columns,
          rows: list,
          timeZone: (r) => estates.get(spec.estateOf(r))?.timeZone ?? zone,
          footer,
        },
        { name: t(TEXT.info), lines: info },
      ),
  };
}

/** Sends the file: its type, its (Chinese) name, and how many rows and whether it was cut short. */
export function sendListExport(reply: FastifyReply, file: ListExport) {
  const body = new PassThrough();
  file.write(body).catch((err) => body.destroy(err));
  return reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', attachmentDisposition(file.filename, file.asciiFilename))
    .header('x-export-rows', String(file.rows))
    .header('x-export-total', String(file.total))
    .header('x-export-capped', String(file.capped))
    .send(body);
}

/** The description an export route gives in the API docs. */
export function exportDescription(list: string): string {
  return `${list} as an xlsx file: the same filters and order as the list, phones masked, at most ${EXPORT_ROW_LIMIT.toLocaleString('en-US')} rows (X-Export-Capped: true and a line in the file say when it was cut short; X-Export-Total counts all matches). Each export is recorded in the audit log.`;
}

/** `label：value` in the caller's language (the info sheet's filter lines). */
export function filterLine(ctx: Pick<ExportContext, 'locale' | 't'>, name: Text, value?: string): string {
  if (value === undefined) return ctx.t(name);
  return `${ctx.t(name)}${ctx.locale === 'zh-CN' ? '：' : ': '}${value}`;
}
