/**
 * Checking an import (pure): every row of 房屋 and 住户 against the layout, the person rules of
 * contracts (phones, 18-digit ID numbers), each other and what the estate already holds. The answer is
 * every error by sheet, row and column in Chinese, and — when there is none — the plan of what to write.
 */
import {
  BUILDING_MAX_FLOORS,
  type Gender,
  type ImportError,
  idBirthday,
  idGender,
  idNumberProblem,
  MAX_PHONES,
  normaliseIdNumber,
  normalisePhone,
  type ResidentRelation,
  type UnitStatus,
  type UnitUse,
  unitLabel,
} from '@wuye/contracts';
import { t } from '../../platform/i18n.ts';
import {
  GENDER_BY_LABEL,
  RELATION_BY_LABEL,
  RELATION_CHOICES,
  RESIDENT_COLUMNS,
  RESIDENT_EXAMPLE,
  RESIDENT_SHEET,
  UNIT_COLUMNS,
  UNIT_EXAMPLE,
  UNIT_SHEET,
  UNIT_STATUS_BY_LABEL,
  UNIT_STATUS_CHOICES,
  UNIT_USE_BY_LABEL,
  UNIT_USE_CHOICES,
} from './import.layout.ts';
import type { ReadSheet, SheetRow } from './import.read.ts';

/** What the estate holds that an import may collide with. */
export interface EstateFacts {
  estateName: string;
  /** Today in the estate (YYYY-MM-DD): no birthday or ID birth date after it. */
  today: string;
  buildings: Map<string, { id: string; floors: number }>;
  /** `unitKey(building, number)` → unit id. */
  units: Map<string, string>;
  /** ID number → the resident's name. */
  idNumbers: Map<string, string>;
  /** `personKey(name, phone)` of every phone of every resident. */
  namePhones: Set<string>;
  /** Units of the company's other estates that rows name (`unitKey` → that estate's name). */
  elsewhere: Map<string, string>;
}

export interface PlannedUnit {
  key: string;
  building: string;
  number: string;
  floor: number;
  areaM2: string | null;
  use: UnitUse;
  status: UnitStatus;
}

export interface PlannedResident {
  name: string;
  phones: string[];
  idNumber: string | null;
  gender: Gender | null;
  birthday: string | null;
  moveInDate: string | null;
  notes: string | null;
  relations: { unitKey: string; relation: ResidentRelation; since: string | null }[];
}

export interface ImportPlan {
  /** Buildings to create, with the floors their rows need. */
  buildings: { name: string; floors: number }[];
  units: PlannedUnit[];
  residents: PlannedResident[];
}

export const unitKey = (building: string, number: string) => `${building}\u0000${number}`;
export const personKey = (name: string, phone: string) => `${name}\u0000${phone}`;

const REQUIRED = '必填';

export class Errors {
  list: ImportError[] = [];
  add(sheet: string | null, row: number | null, column: string | null, message: string) {
    this.list.push({ sheet, row, column, message });
  }
}

export function checkHeader(
  errors: Errors,
  sheet: ReadSheet,
  columns: readonly { header: string; required: boolean }[],
): boolean {
  const known = new Set(columns.map((c) => c.header));
  const seen = new Set<string>();
  let ok = true;
  for (const h of sheet.header) {
    if (!known.has(h)) {
      errors.add(
        sheet.name,
        1,
        h,
        `无法识别的列「${h}」，可用的列：${columns.map((c) => c.header).join('、')}`,
      );
      ok = false;
    } else if (seen.has(h)) {
      errors.add(sheet.name, 1, h, `列「${h}」出现了两次`);
      ok = false;
    }
    seen.add(h);
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.header)).map((c) => c.header);
  if (missing.length) {
    errors.add(sheet.name, 1, null, `缺少必填列：${missing.join('、')}（请使用导入模板）`);
    ok = false;
  }
  return ok;
}

export function isExample(row: SheetRow, example: Record<string, string | number>): boolean {
  return Object.entries(example).every(([k, v]) => (row.cells.get(k) ?? '') === String(v));
}

/** YYYY-MM-DD from 2020-05-01, 2020/5/1, 2020.5.1, 2020年5月1日 or 20200501; null when none of them. */
export function parseDate(s: string): string | null {
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? null;
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const ID_MESSAGES = {
  format: 'validation.idNumberFormat',
  legacy: 'validation.idNumberLegacy',
  region: 'validation.idNumberRegion',
  birth: 'validation.idNumberBirth',
  checksum: 'validation.idNumberChecksum',
} as const;
const zh = (key: (typeof ID_MESSAGES)[keyof typeof ID_MESSAGES] | 'validation.phone') => t({ key }, 'zh-CN');
const MASKED = '号码已脱敏（含 *），无法导入，请填写完整号码';

export function checkImport(
  sheets: ReadSheet[],
  facts: EstateFacts,
): { errors: ImportError[]; plan: ImportPlan } {
  const errors = new Errors();
  const plan: ImportPlan = { buildings: [], units: [], residents: [] };
  const unitSheet = sheets.find((s) => s.name === UNIT_SHEET);
  const residentSheet = sheets.find((s) => s.name === RESIDENT_SHEET);
  if (!unitSheet && !residentSheet) {
    errors.add(
      null,
      null,
      null,
      `文件中没有「${UNIT_SHEET}」或「${RESIDENT_SHEET}」工作表（现有：${sheets.map((s) => s.name).join('、') || '无'}），请使用导入模板`,
    );
    return { errors: errors.list, plan };
  }
  const unitsOk = unitSheet ? checkHeader(errors, unitSheet, UNIT_COLUMNS) : true;
  const residentsOk = residentSheet ? checkHeader(errors, residentSheet, RESIDENT_COLUMNS) : true;
  if (!unitsOk || !residentsOk) return { errors: errors.list, plan };
  if ((unitSheet?.rows.length ?? 0) + (residentSheet?.rows.length ?? 0) === 0) {
    errors.add(null, null, null, '文件中没有数据行（表头下方为空）');
    return { errors: errors.list, plan };
  }

  const otherEstate = (row: SheetRow, sheet: string) => {
    const named = row.cells.get('项目');
    if (named && named !== facts.estateName)
      errors.add(
        sheet,
        row.row,
        '项目',
        `该行属于项目「${named}」，本次导入的是「${facts.estateName}」（一套房屋只能属于一个项目）`,
      );
  };

  // ---- 房屋 ----
  const fileUnits = new Map<string, { row: number; floor: number }>();
  /** Every unit the sheet names, valid or not (a resident of a unit whose row is wrong is not "unknown"). */
  const namedUnits = new Map<string, number>();
  const newBuildingFloors = new Map<string, number>();
  for (const row of unitSheet?.rows ?? []) {
    const S = UNIT_SHEET;
    const at = (column: string, message: string) => errors.add(S, row.row, column, message);
    if (isExample(row, UNIT_EXAMPLE)) {
      errors.add(S, row.row, null, '这是模板的示例行，请删除后再导入');
      continue;
    }
    otherEstate(row, S);
    const building = row.cells.get('楼栋') ?? '';
    const number = row.cells.get('房号') ?? '';
    if (!building) at('楼栋', REQUIRED);
    else if (building.length > 30) at('楼栋', '不能超过 30 个字符');
    if (!number) at('房号', REQUIRED);
    else if (number.length > 20 || /[\s/\\]/.test(number))
      at('房号', '不能超过 20 个字符，且不能含空格或斜杠');
    const floorText = (row.cells.get('楼层') ?? '').replace(/层$/, '');
    let floor: number | null = null;
    if (!floorText) at('楼层', REQUIRED);
    else if (!/^\d+$/.test(floorText) || Number(floorText) < 1 || Number(floorText) > BUILDING_MAX_FLOORS)
      at('楼层', `应为 1–${BUILDING_MAX_FLOORS} 的整数`);
    else floor = Number(floorText);
    const areaText = (row.cells.get('建筑面积') ?? '').replace(/\s*(㎡|m²|m2|平方米|平米)$/i, '');
    let areaM2: string | null = null;
    if (areaText) {
      const n = Number(areaText);
      if (!/^\d+(\.\d+)?$/.test(areaText) || !(n > 0) || n > 100_000)
        at('建筑面积', '应为大于 0 的数字（平方米）');
      else if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) at('建筑面积', '最多两位小数');
      else areaM2 = n.toFixed(2);
    }
    const useText = row.cells.get('用途');
    const use = useText ? UNIT_USE_BY_LABEL.get(useText) : 'residence';
    if (!use) at('用途', `取值无效，可选：${UNIT_USE_CHOICES}`);
    const statusText = row.cells.get('状态');
    const status = statusText ? UNIT_STATUS_BY_LABEL.get(statusText) : 'vacant';
    if (!status) at('状态', `取值无效，可选：${UNIT_STATUS_CHOICES}`);
    if (!building || !number) continue;
    const key = unitKey(building, number);
    const label = unitLabel(building, number);
    if (!namedUnits.has(key)) namedUnits.set(key, row.row);
    const earlier = fileUnits.get(key);
    if (earlier) {
      at('房号', `房屋「${label}」与第 ${earlier.row} 行重复`);
      continue;
    }
    if (facts.units.has(key)) {
      at('房号', `房屋「${label}」已存在于本项目（导入只新增房屋，不修改已有房屋）`);
      continue;
    }
    if (floor === null) continue;
    fileUnits.set(key, { row: row.row, floor });
    const existing = facts.buildings.get(building);
    if (existing && floor > existing.floors)
      at('楼层', `超出楼栋「${building}」的层数（共 ${existing.floors} 层）`);
    if (!existing) newBuildingFloors.set(building, Math.max(newBuildingFloors.get(building) ?? 1, floor));
    if (use && status) plan.units.push({ key, building, number, floor, areaM2, use, status });
  }
  plan.buildings = [...newBuildingFloors].map(([name, floors]) => ({ name, floors }));

  // ---- 住户 ----
  /** Rows of one person: by ID number, else by name and mobile. */
  const byId = new Map<string, { row: number; person: PlannedResident }>();
  const byNamePhone = new Map<string, { row: number; person: PlannedResident }>();
  const relationRows = new Map<string, number>();
  for (const row of residentSheet?.rows ?? []) {
    const S = RESIDENT_SHEET;
    const at = (column: string, message: string) => errors.add(S, row.row, column, message);
    if (isExample(row, RESIDENT_EXAMPLE)) {
      errors.add(S, row.row, null, '这是模板的示例行，请删除后再导入');
      continue;
    }
    otherEstate(row, S);
    let bad = false;
    const fail = (column: string, message: string) => {
      at(column, message);
      bad = true;
    };
    const name = row.cells.get('姓名') ?? '';
    if (!name) fail('姓名', REQUIRED);
    else if (name.length > 50) fail('姓名', '不能超过 50 个字符');

    const phones: string[] = [];
    const mobileText = row.cells.get('手机');
    if (mobileText) {
      const p = normalisePhone(mobileText);
      if (mobileText.includes('*')) fail('手机', MASKED);
      else if (!p) fail('手机', zh('validation.phone'));
      else phones.push(p);
    }
    const otherText = row.cells.get('其他电话');
    if (otherText) {
      for (const part of otherText
        .split(/[,，;；、/\n]+/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const p = normalisePhone(part);
        if (part.includes('*')) fail('其他电话', MASKED);
        else if (!p) fail('其他电话', `「${part}」：${zh('validation.phone')}`);
        else if (phones.includes(p)) fail('其他电话', `「${part}」重复`);
        else phones.push(p);
      }
      if (phones.length > MAX_PHONES) fail('其他电话', `每人最多 ${MAX_PHONES} 个号码`);
    }

    let idNumber: string | null = null;
    const idText = row.cells.get('身份证号');
    if (idText) {
      const id = normaliseIdNumber(idText);
      const problem = idNumberProblem(id, facts.today);
      if (row.lossy.has('身份证号'))
        fail('身份证号', '身份证号被 Excel 存成了数字，后几位已丢失；请将该列设为文本格式后重新填写');
      else if (id.includes('*')) fail('身份证号', MASKED);
      else if (problem) fail('身份证号', zh(ID_MESSAGES[problem]));
      else idNumber = id;
    }

    let gender: Gender | null = null;
    const genderText = row.cells.get('性别');
    if (genderText) {
      gender = GENDER_BY_LABEL.get(genderText) ?? null;
      if (!gender) fail('性别', '应为「男」或「女」');
      else if (idNumber && idGender(idNumber) !== gender)
        fail('性别', `与身份证号不一致（身份证号为${idGender(idNumber) === 'male' ? '男' : '女'}性）`);
    }
    let birthday: string | null = null;
    const birthdayText = row.cells.get('生日');
    if (birthdayText) {
      birthday = parseDate(birthdayText);
      if (!birthday) fail('生日', '日期格式不正确，如 1985-06-01');
      else if (birthday > facts.today) fail('生日', '不能晚于今天');
      else if (birthday < '1900-01-01') fail('生日', '不能早于 1900-01-01');
      else if (idNumber && idBirthday(idNumber) !== birthday)
        fail('生日', `与身份证号中的日期（${idBirthday(idNumber)}）不一致`);
    }
    let since: string | null = null;
    const sinceText = row.cells.get('入住日期');
    if (sinceText) {
      since = parseDate(sinceText);
      if (!since) fail('入住日期', '日期格式不正确，如 2020-05-01');
    }
    const notes = row.cells.get('备注') ?? null;
    if (notes && notes.length > 1000) fail('备注', '不能超过 1000 个字符');

    const building = row.cells.get('楼栋') ?? '';
    const number = row.cells.get('房号') ?? '';
    if (!building) fail('楼栋', REQUIRED);
    if (!number) fail('房号', REQUIRED);
    const relationText = row.cells.get('与房屋关系');
    const relation = relationText ? RELATION_BY_LABEL.get(relationText) : undefined;
    if (!relationText) fail('与房屋关系', REQUIRED);
    else if (!relation) fail('与房屋关系', `取值无效，可选：${RELATION_CHOICES}`);
    let key: string | null = null;
    if (building && number) {
      key = unitKey(building, number);
      if (!fileUnits.has(key) && !facts.units.has(key)) {
        const other = facts.elsewhere.get(key);
        const namedAt = namedUnits.get(key);
        fail(
          '房号',
          namedAt !== undefined
            ? `房屋「${unitLabel(building, number)}」在「房屋」表第 ${namedAt} 行有错误，请先改正该行`
            : other
              ? `房屋「${unitLabel(building, number)}」属于项目「${other}」，不能在「${facts.estateName}」导入其住户`
              : `房屋「${unitLabel(building, number)}」不在本文件的「房屋」表中，也不在本项目中`,
        );
        key = null;
      }
    }
    if (bad || !key || !relation) continue;

    // Who this is: the same ID number, or without one the same name and mobile.
    const mobile = phones[0];
    const same = idNumber
      ? byId.get(idNumber)
      : mobile
        ? byNamePhone.get(personKey(name, mobile))
        : undefined;
    if (same) {
      if (same.person.name !== name) {
        at('姓名', `与第 ${same.row} 行身份证号相同，但姓名不同（「${same.person.name}」）`);
        continue;
      }
      const relKey = `${same.row}\u0000${key}`;
      const earlier = relationRows.get(relKey);
      if (earlier !== undefined) {
        at('房号', `与第 ${earlier} 行重复：同一人、同一套房屋`);
        continue;
      }
      relationRows.set(relKey, row.row);
      for (const p of phones)
        if (!same.person.phones.includes(p) && same.person.phones.length < MAX_PHONES)
          same.person.phones.push(p);
      same.person.relations.push({ unitKey: key, relation, since });
      if (since && (!same.person.moveInDate || since < same.person.moveInDate))
        same.person.moveInDate = since;
      continue;
    }
    if (idNumber) {
      const holder = facts.idNumbers.get(idNumber);
      if (holder) {
        at('身份证号', `该身份证号已登记在本项目住户「${holder}」名下（导入只新增住户）`);
        continue;
      }
    }
    const clash = phones.find((p) => facts.namePhones.has(personKey(name, p)));
    if (clash) {
      at('手机', `本项目已有同名同号码的住户「${name}」（导入只新增住户）`);
      continue;
    }
    if (idNumber && mobile) {
      const withoutId = byNamePhone.get(personKey(name, mobile));
      if (withoutId) {
        at('身份证号', `与第 ${withoutId.row} 行姓名、手机相同但身份证号不同`);
        continue;
      }
    }
    const person: PlannedResident = {
      name,
      phones,
      idNumber,
      gender,
      birthday,
      moveInDate: since,
      notes: notes || null,
      relations: [{ unitKey: key, relation, since }],
    };
    const entry = { row: row.row, person };
    if (idNumber) byId.set(idNumber, entry);
    if (mobile) for (const p of phones) byNamePhone.set(personKey(name, p), entry);
    relationRows.set(`${row.row}\u0000${key}`, row.row);
    plan.residents.push(person);
  }
  return { errors: errors.list, plan };
}
