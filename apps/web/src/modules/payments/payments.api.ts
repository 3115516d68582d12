import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CollectPaymentBody,
  ConfirmPaymentBody,
  PaymentListItem,
  PaymentMethod,
  PaymentStatus,
  PaymentSummary,
  RequestDetail,
  UncollectedItem,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { Paged } from '../../shared/api/types';

export type { PaymentListItem, PaymentMethod, PaymentStatus, PaymentSummary, UncollectedItem };
export type RequestPayment = RequestDetail['payments'][number];

export type PaymentFilters = {
  estateId?: string;
  status?: PaymentStatus;
  from?: string;
  to?: string;
  dateOf?: 'collected' | 'confirmed';
  page: number;
  pageSize: number;
};

// Keys live under ['requests', …]: every write on a request (storeRequest) refreshes them too.

export function usePayments(filters: PaymentFilters, enabled = true) {
  return useQuery({
    queryKey: ['requests', 'payments', filters],
    queryFn: ({ signal }) => api.get<Paged<PaymentListItem>>('/payments', filters, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

export function usePaymentSummary(estateId: string | undefined, date?: string) {
  return useQuery({
    queryKey: ['requests', 'payment-summary', estateId ?? 'all', date ?? 'today'],
    queryFn: ({ signal }) => api.get<PaymentSummary>('/payments/summary', { estateId, date }, { signal }),
    refetchInterval: 60_000,
  });
}

/** Completed chargeable requests with no payment recorded (for a technician: their own jobs). */
export function useUncollected(estateId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['requests', 'uncollected', estateId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<Paged<UncollectedItem>>(
        '/payments/uncollected',
        { estateId, page: 1, pageSize: 100 },
        { signal },
      ),
    refetchInterval: 60_000,
    enabled,
  });
}

export function postPayment(requestId: string, body: CollectPaymentBody) {
  return api.post<RequestDetail>(`/requests/${encodeURIComponent(requestId)}/payments`, body);
}

export function postConfirm(requestId: string, paymentId: string, body: ConfirmPaymentBody) {
  return api.post<RequestDetail>(
    `/requests/${encodeURIComponent(requestId)}/payments/${encodeURIComponent(paymentId)}/confirm`,
    body,
  );
}
