import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { EstateList } from '../../shared/api/types';

export function useEstates(enabled = true) {
  return useQuery({
    queryKey: ['estates'],
    queryFn: ({ signal }) => api.get<EstateList>('/estates', undefined, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}
