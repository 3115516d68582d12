/**
 * The constants and labels of the property structure and the unit file (一户一档), without zod: the
 * web app imports them and must not pull the schemas (and zod) into its bundle — see structure.ts and
 * unit-file.ts for the shapes.
 */
import type { LocationKind } from './enums.ts';

type Labels<K extends string> = Record<K, { 'zh-CN': string; en: string }>;

export const LOCATION_KIND_LABELS: Labels<LocationKind> = {
  lobby: { 'zh-CN': '大堂', en: 'Lobby' },
  car_park: { 'zh-CN': '停车场', en: 'Car park' },
  lift: { 'zh-CN': '电梯', en: 'Lift' },
  garden: { 'zh-CN': '花园/绿地', en: 'Garden' },
  corridor: { 'zh-CN': '走廊/公共通道', en: 'Corridor' },
  plant_room: { 'zh-CN': '设备机房', en: 'Plant room' },
  gate: { 'zh-CN': '出入口/门岗', en: 'Gate' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** The most units one bulk creation makes (a large estate's building set; a typo of 10× is refused). */
export const BULK_UNIT_CAP = 5000;
/** How many of the duplicates a preview names (the count is always complete). */
export const BULK_DUPLICATES_SHOWN = 20;

/** "1栋-101": how a unit is named everywhere (lists, the desk, the file). */
export function unitLabel(buildingName: string, number: string): string {
  return `${buildingName}-${number}`;
}

/** The unit numbers a floor and a room make: floor 18, room 4, 2 digits → "1804". */
export function unitNumberOf(floor: number, room: number, digits: number): string {
  return `${floor}${String(room).padStart(digits, '0')}`;
}

export const METER_KINDS = ['water', 'electricity', 'gas'] as const;
export type MeterKind = (typeof METER_KINDS)[number];
export const METER_KIND_LABELS: Labels<MeterKind> = {
  water: { 'zh-CN': '水表', en: 'Water meter' },
  electricity: { 'zh-CN': '电表', en: 'Electricity meter' },
  gas: { 'zh-CN': '燃气表', en: 'Gas meter' },
};

export const DECORATION_STATUSES = ['applied', 'in_progress', 'completed', 'inspected', 'cancelled'] as const;
export type DecorationStatus = (typeof DECORATION_STATUSES)[number];
export const DECORATION_STATUS_LABELS: Labels<DecorationStatus> = {
  applied: { 'zh-CN': '已申请', en: 'Applied' },
  in_progress: { 'zh-CN': '施工中', en: 'In progress' },
  completed: { 'zh-CN': '已完工待验收', en: 'Completed, to inspect' },
  inspected: { 'zh-CN': '已验收', en: 'Inspected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** What the office checks when someone moves in (入住手续). */
export const MOVE_IN_DOCUMENTS = [
  'purchase_contract',
  'id_card',
  'lease',
  'authorisation',
  'service_agreement',
  'covenant',
] as const;
export type MoveInDocument = (typeof MOVE_IN_DOCUMENTS)[number];
export const MOVE_IN_DOCUMENT_LABELS: Labels<MoveInDocument> = {
  purchase_contract: { 'zh-CN': '购房合同/房产证', en: 'Purchase contract or title deed' },
  id_card: { 'zh-CN': '身份证', en: 'ID card' },
  lease: { 'zh-CN': '租赁合同', en: 'Lease' },
  authorisation: { 'zh-CN': '业主委托书', en: "Owner's authorisation" },
  service_agreement: { 'zh-CN': '前期物业服务协议', en: 'Property service agreement' },
  covenant: { 'zh-CN': '临时管理规约', en: 'Interim management covenant' },
};

/** The key names the office offers (free text is allowed too). */
export const KEY_NAME_SUGGESTIONS = [
  '入户门钥匙',
  '信报箱钥匙',
  '门禁卡',
  '电表箱钥匙',
  '车库遥控器',
] as const;

/** Record kinds of the file, as in the URL: /api/units/:id/<kind>/:recordId. */
export const UNIT_RECORD_KINDS = ['keys', 'meters', 'move-ins', 'decorations'] as const;
export type UnitRecordKind = (typeof UNIT_RECORD_KINDS)[number];

/** How many requests and callbacks the file lists (newest first; the totals count them all). */
export const UNIT_FILE_LIST_LIMIT = 100;
