/**
 * Repair fees collected and confirmed (spec 01 §3, "Payment of a repair fee"): collected by the
 * technician (cash or a scan) and handed to the cashier, or paid at the office or in the portal; the
 * cashier's confirmation, with the receipt number, is recorded on the order.
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { RequestState, RequestType } from './enums.ts';

export const PAYMENT_METHODS = ['technician_cash', 'technician_scan', 'office', 'portal'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;
/** Methods where the technician takes the money on site (recorded by them or their lead). */
export const TECHNICIAN_PAYMENT_METHODS: readonly PaymentMethod[] = ['technician_cash', 'technician_scan'];

export const PAYMENT_STATUSES = ['collected', 'confirmed'] as const;
export const PaymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

const Fen = z.number().int().min(1).max(100_000_000);
const ReceiptNo = z.string().trim().min(1).max(40);
const Note = z.string().trim().max(500).optional();

export const CollectPaymentBody = z.strictObject({
  amountFen: Fen,
  method: PaymentMethod,
  /** The number of a receipt given on the spot, if any. */
  receiptNo: ReceiptNo.optional(),
  /** Required when the amount differs from the fee recorded at completion. */
  note: Note,
});
export type CollectPaymentBody = z.infer<typeof CollectPaymentBody>;

export const ConfirmPaymentBody = z.strictObject({ receiptNo: ReceiptNo, note: Note });
export type ConfirmPaymentBody = z.infer<typeof ConfirmPaymentBody>;

export const RequestPayment = z.object({
  id: Id,
  requestId: Id,
  estateId: Id,
  amountFen: z.number().int(),
  /** The fee recorded at completion when the payment was taken. */
  expectedFen: z.number().int().nullable(),
  method: PaymentMethod,
  status: PaymentStatus,
  collectedById: Id,
  collectedByName: z.string(),
  collectedAt: z.string(),
  receiptNo: z.string().nullable(),
  confirmedById: Id.nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  note: z.string().nullable(),
  confirmNote: z.string().nullable(),
});
export type RequestPayment = z.infer<typeof RequestPayment>;

export const PaymentsQuery = PageQuery.extend({
  estateId: Id.optional(),
  status: PaymentStatus.optional(),
  method: PaymentMethod.optional(),
  /** On or after this local day (the estate's time zone). */
  from: z.iso.date().optional(),
  /** On or before this local day. */
  to: z.iso.date().optional(),
  /** Which day `from`/`to` are about: when collected (default) or when confirmed. */
  dateOf: z.enum(['collected', 'confirmed']).optional(),
});
/** GET /api/payments/export: the cashier's list filters, without paging (the file holds them all, capped). */
export const PaymentsExportQuery = PaymentsQuery.omit({ page: true, pageSize: true });
export const PaymentListItem = RequestPayment.extend({
  requestNumber: z.string(),
  requestType: RequestType,
  requestState: RequestState,
  unitLabel: z.string().nullable(),
  description: z.string(),
});
export type PaymentListItem = z.infer<typeof PaymentListItem>;
export const PaymentList = paged(PaymentListItem);

export const PaymentSummaryQuery = z.object({ estateId: Id.optional(), date: z.iso.date().optional() });
const Sum = z.object({ count: z.number().int(), amountFen: z.number().int() });
export const PaymentSummary = z.object({
  /** The estates the totals cover. */
  estateIds: z.array(Id),
  /** The local day the day totals are for (today in the estate's time zone unless asked). */
  date: z.string(),
  /** Collected and not yet confirmed, whenever collected. */
  pending: Sum,
  collectedToday: Sum,
  confirmedToday: Sum,
  confirmedByMethod: z.array(Sum.extend({ method: PaymentMethod })),
});
export type PaymentSummary = z.infer<typeof PaymentSummary>;

/** Completed chargeable requests with no payment recorded yet (the fee is still to be collected). */
export const UncollectedQuery = PageQuery.extend({ estateId: Id.optional() });
export const UncollectedItem = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  type: RequestType,
  state: RequestState,
  description: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  feeFen: z.number().int(),
  completedAt: z.string().nullable(),
  completedById: Id.nullable(),
  completedByName: z.string().nullable(),
  departmentId: Id.nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
});
export type UncollectedItem = z.infer<typeof UncollectedItem>;
export const UncollectedList = paged(UncollectedItem);
