/**
 * The cashier's list (收款) as an xlsx file: the list's filters (status, method, local days by
 * collection or confirmation), newest first, amounts in yuan, the reporter's phone masked.
 */
import {
  type Locale,
  label,
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  type PaymentMethod,
  type PaymentStatus,
  REQUEST_TYPE_LABELS,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
import { maskPhone } from '../../platform/mask.ts';
import { listPaymentsWithPhones, type PaymentWithPhone } from './payments.repository.ts';
import { dayWindows } from './payments.usecases.ts';

export interface PaymentExportFilters {
  estateId?: string;
  status?: PaymentStatus;
  method?: PaymentMethod;
  from?: string;
  to?: string;
  dateOf?: 'collected' | 'confirmed';
}

const TEXT = {
  title: { 'zh-CN': '收款记录', en: 'Payments' },
  status: { 'zh-CN': '状态', en: 'Status' },
  method: { 'zh-CN': '收款方式', en: 'Method' },
  collectedDays: { 'zh-CN': '收款日期', en: 'Collected' },
  confirmedDays: { 'zh-CN': '确认日期', en: 'Confirmed' },
} satisfies Record<string, Text>;

const HEADERS = {
  number: { 'zh-CN': '工单号', en: 'Number' },
  estate: { 'zh-CN': '项目', en: 'Estate' },
  type: { 'zh-CN': '类型', en: 'Type' },
  unit: { 'zh-CN': '房号/位置', en: 'Unit / place' },
  description: { 'zh-CN': '内容', en: 'Description' },
  phone: { 'zh-CN': '联系电话', en: 'Phone' },
  amount: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' },
  expected: { 'zh-CN': '应收（元）', en: 'Fee due (yuan)' },
  method: { 'zh-CN': '收款方式', en: 'Method' },
  status: { 'zh-CN': '状态', en: 'Status' },
  collectedBy: { 'zh-CN': '收款人', en: 'Collected by' },
  collectedAt: { 'zh-CN': '收款时间', en: 'Collected' },
  receiptNo: { 'zh-CN': '收据号', en: 'Receipt no.' },
  confirmedBy: { 'zh-CN': '确认人', en: 'Confirmed by' },
  confirmedAt: { 'zh-CN': '确认时间', en: 'Confirmed' },
  note: { 'zh-CN': '备注', en: 'Note' },
} satisfies Record<string, Text>;

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

export async function exportPayments(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  scope: string[],
  filters: PaymentExportFilters,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  const windows = await dayWindows(deps.db, scope, filters.from, filters.to);
  return buildListExport<PaymentWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'payments',
      title: TEXT.title,
      scope,
      estateId: filters.estateId,
      filters,
      describe: (ctx) => {
        const parts: string[] = [];
        if (filters.status)
          parts.push(filterLine(ctx, TEXT.status, label(PAYMENT_STATUS_LABELS, filters.status, locale)));
        if (filters.method)
          parts.push(filterLine(ctx, TEXT.method, label(PAYMENT_METHOD_LABELS, filters.method, locale)));
        if (filters.from || filters.to)
          parts.push(
            filterLine(
              ctx,
              filters.dateOf === 'confirmed' ? TEXT.confirmedDays : TEXT.collectedDays,
              `${filters.from ?? ''} ~ ${filters.to ?? ''}`,
            ),
          );
        return parts;
      },
      read: async (n) => {
        const found = await listPaymentsWithPhones(deps.db, windows, { ...filters, page: 1, pageSize: n });
        return { rows: found.items, total: found.total };
      },
      estateOf: (r) => r.estateId,
      columns: ({ t, estateName }) => [
        { header: t(HEADERS.number), width: 17, value: (r) => r.requestNumber },
        { header: t(HEADERS.estate), width: 12, value: (r) => estateName(r.estateId) },
        {
          header: t(HEADERS.type),
          width: 9,
          value: (r) => label(REQUEST_TYPE_LABELS, r.requestType, locale),
        },
        { header: t(HEADERS.unit), width: 16, value: (r) => r.unitLabel },
        { header: t(HEADERS.description), width: 36, wrap: true, value: (r) => r.description },
        {
          header: t(HEADERS.phone),
          width: 14,
          value: (r) => (r.reporterPhone ? maskPhone(r.reporterPhone) : null),
        },
        { header: t(HEADERS.amount), width: 10, kind: 'number', value: (r) => yuan(r.amountFen) },
        { header: t(HEADERS.expected), width: 10, kind: 'number', value: (r) => yuan(r.expectedFen) },
        {
          header: t(HEADERS.method),
          width: 14,
          value: (r) => label(PAYMENT_METHOD_LABELS, r.method, locale),
        },
        {
          header: t(HEADERS.status),
          width: 13,
          value: (r) => label(PAYMENT_STATUS_LABELS, r.status, locale),
        },
        { header: t(HEADERS.collectedBy), width: 10, value: (r) => r.collectedByName },
        {
          header: t(HEADERS.collectedAt),
          width: 17,
          kind: 'datetime',
          value: (r) => new Date(r.collectedAt),
        },
        { header: t(HEADERS.receiptNo), width: 14, value: (r) => r.receiptNo },
        { header: t(HEADERS.confirmedBy), width: 10, value: (r) => r.confirmedByName },
        {
          header: t(HEADERS.confirmedAt),
          width: 17,
          kind: 'datetime',
          value: (r) => (r.confirmedAt ? new Date(r.confirmedAt) : null),
        },
        {
          header: t(HEADERS.note),
          width: 24,
          wrap: true,
          value: (r) => [r.note, r.confirmNote].filter(Boolean).join(' / ') || null,
        },
      ],
    },
    limit,
  );
}
