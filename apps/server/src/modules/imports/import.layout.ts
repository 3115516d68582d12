/**
 * The import/export layout (spec 03 §6): two sheets, 房屋 and 住户, with Chinese headers matched by name
 * (any order), the values offices write (用途 住宅, 关系 业主 …) and the template's example rows and
 * notes. The exports write the same layout, so an exported file can be edited and imported again.
 */
import {
  GENDER_LABELS,
  RELATION_LABELS,
  RESIDENT_RELATIONS,
  UNIT_STATUS_LABELS,
  UNIT_STATUSES,
  UNIT_USE_LABELS,
  UNIT_USES,
} from '@wuye/contracts';

export const UNIT_SHEET = '房屋';
export const RESIDENT_SHEET = '住户';
export const GUIDE_SHEET = '填写说明';

export interface LayoutColumn {
  header: string;
  required: boolean;
  /** In characters (a CJK character counts about two). */
  width: number;
  /** The header cell's note and the guide's line. */
  note: string;
}

const labels = (list: readonly string[], map: Record<string, { 'zh-CN': string }>) =>
  list.map((k) => map[k]!['zh-CN']).join('/');

export const UNIT_USE_CHOICES = labels(UNIT_USES, UNIT_USE_LABELS);
export const UNIT_STATUS_CHOICES = labels(UNIT_STATUSES, UNIT_STATUS_LABELS);
export const RELATION_CHOICES = labels(RESIDENT_RELATIONS, RELATION_LABELS);

export const UNIT_COLUMNS = [
  {
    header: '楼栋',
    required: true,
    width: 12,
    note: '必填。楼栋名称，如 1栋、A座；本项目没有的楼栋会自动创建。',
  },
  { header: '房号', required: true, width: 10, note: '必填。同一楼栋内不能重复，如 1201。' },
  { header: '楼层', required: true, width: 8, note: '必填。1–200 的整数；不能超过已有楼栋的层数。' },
  { header: '建筑面积', required: false, width: 10, note: '选填。平方米，最多两位小数，如 89.50。' },
  {
    header: '用途',
    required: false,
    width: 8,
    note: `选填，默认住宅。可填：${labels(UNIT_USES, UNIT_USE_LABELS)}。`,
  },
  {
    header: '状态',
    required: false,
    width: 8,
    note: `选填，默认空置。可填：${labels(UNIT_STATUSES, UNIT_STATUS_LABELS)}。`,
  },
  {
    header: '项目',
    required: false,
    width: 14,
    note: '选填。填写时必须是本项目的名称（一套房屋只属于一个项目）。',
  },
] as const satisfies readonly LayoutColumn[];

export const RESIDENT_COLUMNS = [
  { header: '姓名', required: true, width: 10, note: '必填。' },
  { header: '手机', required: false, width: 14, note: '选填。11 位手机号；请将该列设为文本格式。' },
  {
    header: '其他电话',
    required: false,
    width: 20,
    note: '选填。可填多个，用顿号或逗号分隔；固定电话带区号，如 0755-88886666。每人最多 5 个号码。',
  },
  {
    header: '身份证号',
    required: false,
    width: 22,
    note: '选填。18 位（末位可为 X），请将该列设为文本格式，否则 Excel 会丢失后几位。',
  },
  { header: '性别', required: false, width: 6, note: '选填。男/女；须与身份证号一致。' },
  { header: '生日', required: false, width: 12, note: '选填。日期，如 1985-06-01；须与身份证号一致。' },
  {
    header: '楼栋',
    required: true,
    width: 12,
    note: '必填。住户所在房屋的楼栋，须在本文件「房屋」表或本项目中。',
  },
  { header: '房号', required: true, width: 10, note: '必填。' },
  {
    header: '与房屋关系',
    required: true,
    width: 12,
    note: `必填。可填：${labels(RESIDENT_RELATIONS, RELATION_LABELS)}。同一人有多套房屋时每套一行，姓名、身份证号等保持一致。`,
  },
  { header: '入住日期', required: false, width: 12, note: '选填。日期，如 2020-05-01。' },
  { header: '备注', required: false, width: 24, note: '选填。仅员工可见。' },
  { header: '项目', required: false, width: 14, note: '选填。填写时必须是本项目的名称。' },
] as const satisfies readonly LayoutColumn[];

export type UnitHeader = (typeof UNIT_COLUMNS)[number]['header'];
export type ResidentHeader = (typeof RESIDENT_COLUMNS)[number]['header'];

/** The template's example rows (an import refuses them left unchanged). */
export const UNIT_EXAMPLE: Record<UnitHeader, string | number> = {
  楼栋: '示例1栋',
  房号: '101',
  楼层: 1,
  建筑面积: 89.5,
  用途: '住宅',
  状态: '自住',
  项目: '',
};
export const RESIDENT_EXAMPLE: Record<ResidentHeader, string> = {
  姓名: '示例张三',
  手机: '13800138000',
  其他电话: '0755-88886666',
  身份证号: '11010519491231002X',
  性别: '女',
  生日: '1949-12-31',
  楼栋: '示例1栋',
  房号: '101',
  与房屋关系: '业主',
  入住日期: '2020-05-01',
  备注: '',
  项目: '',
};

/** The guide sheet's lines. */
export const GUIDE_LINES: [string, string][] = [
  ['用途', '批量导入本项目的房屋和住户。先「检查」再「导入」；有任何错误时不会写入任何数据。'],
  ['示例行', '两张表的第 2 行是示例（楼栋「示例1栋」），导入前请删除。'],
  ['房屋', '每行一套房屋。楼栋 + 房号不能与本文件或本项目已有的房屋重复。'],
  [
    '住户',
    '每行一人与一套房屋的关系。身份证号相同（没有身份证号时姓名和手机相同）的行视为同一人；同一人的同一套房屋只能出现一次。已在本项目登记的住户不会重复导入，会报错。',
  ],
  [
    '重新导入',
    '导入只新增，不修改已有记录：导出的文件再次导入时，已存在的房屋和住户会作为重复报错，请只保留新增的行。',
  ],
  ['号码', '导出文件中的号码默认已脱敏（含 *），不能导入；请填写完整号码。'],
  ...UNIT_COLUMNS.map((c): [string, string] => [`房屋·${c.header}`, c.note]),
  ...RESIDENT_COLUMNS.map((c): [string, string] => [`住户·${c.header}`, c.note]),
];

const reverse = <K extends string>(list: readonly K[], map: Record<K, { 'zh-CN': string }>) =>
  new Map<string, K>(list.flatMap((k) => [[map[k]['zh-CN'], k] as [string, K], [k, k] as [string, K]]));

export const UNIT_USE_BY_LABEL = reverse(UNIT_USES, UNIT_USE_LABELS);
export const UNIT_STATUS_BY_LABEL = reverse(UNIT_STATUSES, UNIT_STATUS_LABELS);
export const RELATION_BY_LABEL = reverse(RESIDENT_RELATIONS, RELATION_LABELS);
export const GENDER_BY_LABEL = new Map<string, 'male' | 'female'>([
  ['男', 'male'],
  ['女', 'female'],
  ['male', 'male'],
  ['female', 'female'],
  [GENDER_LABELS.male['zh-CN'], 'male'],
  [GENDER_LABELS.female['zh-CN'], 'female'],
]);
