import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CreateHandoverBody, NightHandover, NightShift } from '@wuye/contracts';
import { api } from '../../shared/api/client';

export type { NightHandover, NightRequest, NightShift } from '@wuye/contracts';

/** One morning's hand-over (the current or last night when `date` is unset). Under ['requests'] so a dispatch refreshes it. */
export function useNightShift(estateId: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['requests', 'night-shift', estateId, date ?? 'current'],
    queryFn: ({ signal }) => api.get<NightShift>('/handovers/night', { estateId, date }, { signal }),
    enabled: Boolean(estateId),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function postHandover(body: CreateHandoverBody) {
  return api.post<NightHandover>('/handovers', body);
}
