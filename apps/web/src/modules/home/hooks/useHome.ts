import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';
import type { HomeResponse } from '../../../shared/api/types';

/** The home dashboard: live counts per estate and the latest requests, refreshed every 30 s. */
export function useHome(estateId: string | undefined) {
  return useQuery({
    queryKey: ['home', estateId ?? 'all'],
    queryFn: ({ signal }) => api.get<HomeResponse>('/home', { estateId }, { signal }),
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  });
}
