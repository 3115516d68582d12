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
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine, type Text } from '../../platform/list-export.ts';
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
      columns: ({ col }) => [
        col.number((r) => r.requestNumber),
        col.estate((r) => r.estateId),
        col.type((r) => r.requestType),
        col.unit((r) => r.unitLabel),
        col.description((r) => r.description, 36),
        col.phone((r) => r.reporterPhone),
        col.yuan(HEADERS.amount, (r) => r.amountFen),
        col.yuan(HEADERS.expected, (r) => r.expectedFen),
        col.text(HEADERS.method, 14, (r) => label(PAYMENT_METHOD_LABELS, r.method, locale)),
        col.text(HEADERS.status, 13, (r) => label(PAYMENT_STATUS_LABELS, r.status, locale)),
        col.text(HEADERS.collectedBy, 10, (r) => r.collectedByName),
        col.time(HEADERS.collectedAt, (r) => r.collectedAt),
        col.text(HEADERS.receiptNo, 14, (r) => r.receiptNo),
        col.text(HEADERS.confirmedBy, 10, (r) => r.confirmedByName),
        col.time(HEADERS.confirmedAt, (r) => r.confirmedAt),
        col.text(HEADERS.note, 24, (r) => [r.note, r.confirmNote].filter(Boolean).join(' / ') || null, true),
      ],
    },
    limit,
  );
}
