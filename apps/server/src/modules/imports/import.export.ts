/**
 * Units and residents as xlsx in the import layout (房屋 / 住户, the same headers), so an export can be
 * edited and imported again (new rows only: rows already on file come back as duplicates). Phones and
 * ID numbers are masked unless the caller may export them in full and asks (`full`); either way the
 * export is an audit event (`export`, with `full` in its filters) written before the file leaves.
 */
import {
  formatPhone,
  GENDER_LABELS,
  type Gender,
  type Locale,
  RELATION_LABELS,
  RESIDENT_FULL_EXPORT_ROLES,
  type ResidentRelation,
  UNIT_STATUS_LABELS,
  UNIT_USE_LABELS,
  type UnitStatus,
  type UnitUse,
} from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { type Actor, assertEstate, hasAnyRole } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows, textArray } from '../../platform/db.ts';
import { forbidden } from '../../platform/errors.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import type { XlsxColumn } from '../../platform/xlsx.ts';
import { RESIDENT_COLUMNS, RESIDENT_SHEET, UNIT_COLUMNS, UNIT_SHEET } from './import.layout.ts';

export const FULL_EXPORT_ROLES = RESIDENT_FULL_EXPORT_ROLES;

const TEXT = {
  units: { 'zh-CN': UNIT_SHEET, en: UNIT_SHEET },
  residents: { 'zh-CN': RESIDENT_SHEET, en: RESIDENT_SHEET },
  full: { 'zh-CN': '号码', en: 'Numbers' },
  fullValue: { 'zh-CN': '完整（未脱敏）', en: 'in full (not masked)' },
  noPersonal: {
    'zh-CN': '本表不含个人信息；本次导出已记录在审计日志中。',
    en: 'No personal data in this sheet; this export is recorded in the audit log.',
  },
  masked: {
    'zh-CN': '手机、其他电话、身份证号已脱敏（不能再次导入）；本次导出已记录在审计日志中。',
    en: 'Phones and ID numbers are masked (they cannot be imported again); this export is recorded in the audit log.',
  },
  unmasked: {
    'zh-CN': '本文件含完整的手机号和身份证号，请妥善保管、勿外传；本次导出已记录在审计日志中。',
    en: 'This file holds phone and ID numbers in full: keep it safe; this export is recorded in the audit log.',
  },
} satisfies Record<string, Text>;

interface UnitExportRow {
  estate_id: string;
  estate: string;
  building: string;
  number: string;
  floor: number;
  area_m2: number | null;
  use: UnitUse;
  status: UnitStatus;
}

function widths(columns: readonly { header: string; width: number }[]) {
  return new Map(columns.map((c) => [c.header, c.width]));
}

export async function exportUnits(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  estateId: string,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  assertEstate(actor, estateId);
  const w = widths(UNIT_COLUMNS);
  const col = (
    header: string,
    value: (r: UnitExportRow) => string | number | null,
  ): XlsxColumn<UnitExportRow> => ({
    header,
    width: w.get(header) ?? 10,
    value,
  });
  return buildListExport<UnitExportRow>(
    deps,
    actor,
    locale,
    {
      resource: 'units',
      title: TEXT.units,
      scope: [estateId],
      estateId,
      filters: { estateId },
      describe: () => [],
      privacy: TEXT.noPersonal,
      read: async (n) => ({
        rows: await rows<UnitExportRow>(
          deps.db,
          sql`select u.estate_id, e.name as estate, b.name as building, u.number, u.floor, u.area_m_2 as area_m2, u.use, u.status
            from units u join buildings b on b.id = u.building_id join estates e on e.id = u.estate_id
            where u.estate_id = ${estateId} and u.company_id = ${actor.companyId}
            order by b.sort, b.name, u.floor, u.number
            limit ${n}`,
        ),
      }),
      count: async () =>
        (
          await rows<{ n: number }>(
            deps.db,
            sql`select count(*)::int as n from units where estate_id = ${estateId}`,
          )
        )[0]?.n ?? 0,
      columns: () => [
        col('楼栋', (r) => r.building),
        col('房号', (r) => r.number),
        col('楼层', (r) => r.floor),
        col('建筑面积', (r) => (r.area_m2 === null ? null : Number(r.area_m2))),
        col('用途', (r) => UNIT_USE_LABELS[r.use]['zh-CN']),
        col('状态', (r) => UNIT_STATUS_LABELS[r.status]['zh-CN']),
        col('项目', (r) => r.estate),
      ],
      estateOf: (r) => r.estate_id,
    },
    limit,
  );
}

interface ResidentExportRow {
  estate_id: string;
  estate: string;
  name: string;
  phones: string[];
  id_number: string | null;
  gender: Gender | null;
  birthday: string | null;
  building: string | null;
  number: string | null;
  relation: ResidentRelation | null;
  since: string | null;
  notes: string | null;
}

/**
 * GET /api/residents/export: one row per resident and current unit (a resident without a unit: one row
 * without one), by estate, building and unit.
 */
export async function exportResidents(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  scope: string[],
  q: { estateId?: string; full: boolean },
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  if (q.full && !hasAnyRole(actor, FULL_EXPORT_ROLES)) throw forbidden();
  const w = widths(RESIDENT_COLUMNS);
  const phone = (p: string) => (q.full ? formatPhone(p) : maskPhone(p));
  const col = (
    header: string,
    value: (r: ResidentExportRow) => string | number | null,
  ): XlsxColumn<ResidentExportRow> => ({ header, width: w.get(header) ?? 10, value });
  const estates = textArray(scope);
  return buildListExport<ResidentExportRow>(
    deps,
    actor,
    locale,
    {
      resource: 'residents',
      title: TEXT.residents,
      scope,
      estateId: q.estateId,
      filters: { ...(q.estateId ? { estateId: q.estateId } : {}), full: q.full },
      describe: (ctx) => (q.full ? [filterLine(ctx, TEXT.full, ctx.t(TEXT.fullValue))] : []),
      privacy: q.full ? TEXT.unmasked : TEXT.masked,
      read: async (n) => ({
        rows: await rows<ResidentExportRow>(
          deps.db,
          sql`select r.estate_id, e.name as estate, r.name, r.phones, r.id_number, r.gender,
                     r.birthday::text as birthday, b.name as building, u.number, ru.relation,
                     ru.since::text as since, r.notes
              from residents r
              join estates e on e.id = r.estate_id
              left join resident_units ru on ru.resident_id = r.id
              left join units u on u.id = ru.unit_id
              left join buildings b on b.id = u.building_id
              where r.company_id = ${actor.companyId} and r.estate_id = any(${estates})
              order by e.name, b.sort nulls last, b.name, u.floor, u.number, r.name, r.id
              limit ${n}`,
        ),
      }),
      count: async () =>
        (
          await rows<{ n: number }>(
            deps.db,
            sql`select count(*)::int as n from residents r left join resident_units ru on ru.resident_id = r.id
                where r.company_id = ${actor.companyId} and r.estate_id = any(${estates})`,
          )
        )[0]?.n ?? 0,
      columns: () => [
        col('姓名', (r) => r.name),
        col('手机', (r) => (r.phones[0] ? phone(r.phones[0]) : null)),
        col('其他电话', (r) => r.phones.slice(1).map(phone).join('、') || null),
        col('身份证号', (r) => (r.id_number ? (q.full ? r.id_number : maskIdNumber(r.id_number)) : null)),
        col('性别', (r) => (r.gender ? GENDER_LABELS[r.gender]['zh-CN'] : null)),
        col('生日', (r) => r.birthday),
        col('楼栋', (r) => r.building),
        col('房号', (r) => r.number),
        col('与房屋关系', (r) => (r.relation ? RELATION_LABELS[r.relation]['zh-CN'] : null)),
        col('入住日期', (r) => r.since),
        col('备注', (r) => r.notes),
        col('项目', (r) => r.estate),
      ],
      estateOf: (r) => r.estate_id,
    },
    limit,
  );
}
