/** The callback centre's reads: the due list (per tab) and the month's quota progress. */
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type { CallbackDueItem, CallbackDueList, CallbackQuotas, QuotaProgress } from '@wuye/contracts';
import { api } from '../../shared/api/client';

export type { CallbackDueItem, CallbackDueList, CallbackQuotas, QuotaProgress };

export type DueTab = 'all' | 'mine' | 'overdue' | 'retrying';

/** The quota roles of @wuye/contracts' QUOTA_ROLES, in the order the strip shows them. */
export const QUOTA_ROLES = ['manager', 'cs_supervisor', 'dept_lead'] as const;

/** The due list's filters for a tab (the list and its export take the same). */
export function dueFilters(estateId: string | undefined, tab: DueTab) {
  return {
    estateId,
    mine: tab === 'mine' || undefined,
    overdue: tab === 'overdue' || undefined,
    retrying: tab === 'retrying' || undefined,
  };
}

export function useDueCallbacks(
  params: { estateId?: string; tab: DueTab; page: number; pageSize: number },
  opts: { enabled?: boolean } = {},
) {
  const { tab, estateId, ...paging } = params;
  const query = { ...dueFilters(estateId, tab), ...paging };
  return useQuery({
    queryKey: ['callbacks', 'due', params],
    queryFn: ({ signal }) => api.get<CallbackDueList>('/callbacks/due', query, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled: opts.enabled ?? true,
  });
}

export function useCallbackQuotas(
  params: { estateId?: string; month?: string },
  opts: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: ['callbacks', 'quotas', params],
    queryFn: ({ signal }) => api.get<CallbackQuotas>('/callbacks/quotas', params, { signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

/** After a callback or a close: the lists and the progress read again. */
export function refreshCallbacks(client: QueryClient) {
  void client.invalidateQueries({ queryKey: ['callbacks'] });
}
