/**
 * The columns list exports share, each a request's field under the same Chinese header and width in
 * every file (工单号, 项目, 类型, 状态 …): a module picks them in its own order and adds its own.
 * Phones are masked here, so no export can forget to.
 */
import {
  type Locale,
  label,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  type RequestState,
  type RequestType,
} from '@wuye/contracts';
import { maskPhone } from './mask.ts';
import type { CellValue, XlsxColumn } from './xlsx.ts';

export type Text = { 'zh-CN': string; en: string };

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
  assignee: { 'zh-CN': '处理人', en: 'Assignee' },
  receivedAt: { 'zh-CN': '受理时间', en: 'Received' },
  dueAt: { 'zh-CN': '时限截止', en: 'Due' },
  overdue: { 'zh-CN': '已超时', en: 'Overdue' },
  vip: { 'zh-CN': 'VIP', en: 'VIP' },
  night: { 'zh-CN': '夜间受理', en: 'Night' },
} satisfies Record<string, Text>;

const instant = (v: string | Date | null) => (v ? new Date(v) : null);

/** Column makers in the caller's language; `get` reads the field from a row of the list. */
export function exportColumns<T>(ctx: { locale: Locale; estateName(id: string): string }) {
  const { locale } = ctx;
  const t = (text: Text) => text[locale];
  const yes = t({ 'zh-CN': '是', en: 'yes' });
  const text = (header: Text, width: number, get: (r: T) => CellValue, wrap = false): XlsxColumn<T> => ({
    header: t(header),
    width,
    wrap,
    value: get,
  });
  /** An instant, shown in the row's estate's local time. */
  const time = (header: Text, get: (r: T) => string | Date | null): XlsxColumn<T> => ({
    header: t(header),
    width: 17,
    kind: 'datetime',
    value: (r) => instant(get(r)),
  });
  /** 是 when set, empty otherwise. */
  const flag = (header: Text, get: (r: T) => boolean, width = 7) =>
    text(header, width, (r) => (get(r) ? yes : ''));
  return {
    text,
    time,
    flag,
    number: (get: (r: T) => string) => text(HEADERS.number, 17, get),
    estate: (get: (r: T) => string) => text(HEADERS.estate, 12, (r) => ctx.estateName(get(r))),
    type: (get: (r: T) => string) =>
      text(HEADERS.type, 9, (r) => label(REQUEST_TYPE_LABELS, get(r) as RequestType, locale)),
    state: (get: (r: T) => string, header: Text = HEADERS.state) =>
      text(header, 11, (r) => label(REQUEST_STATE_LABELS, get(r) as RequestState, locale)),
    unit: (get: (r: T) => string | null) => text(HEADERS.unit, 16, get),
    description: (get: (r: T) => string, width = 40) => text(HEADERS.description, width, get, true),
    reporter: (get: (r: T) => string | null) => text(HEADERS.reporter, 10, get),
    /** The phone, always masked (138****5678). */
    phone: (get: (r: T) => string | null) =>
      text(HEADERS.phone, 14, (r) => {
        const p = get(r);
        return p ? maskPhone(p) : null;
      }),
    owner: (get: (r: T) => string | null) => text(HEADERS.owner, 11, get),
    assignee: (get: (r: T) => string | null) => text(HEADERS.assignee, 10, get),
    receivedAt: (get: (r: T) => string | Date) => time(HEADERS.receivedAt, get),
    dueAt: (get: (r: T) => string | Date | null) => time(HEADERS.dueAt, get),
    overdue: (get: (r: T) => boolean) => flag(HEADERS.overdue, get),
    vip: (get: (r: T) => boolean) => flag(HEADERS.vip, get, 6),
    night: (get: (r: T) => boolean) => flag(HEADERS.night, get, 8),
    /** An amount in fen, shown in yuan. */
    yuan: (header: Text, get: (r: T) => number | null): XlsxColumn<T> => ({
      header: t(header),
      width: 10,
      kind: 'number',
      value: (r) => {
        const fen = get(r);
        return fen === null ? null : fen / 100;
      },
    }),
  };
}
