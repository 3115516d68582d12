import { useQuery } from '@tanstack/react-query';
import type { RequestType } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { CategoryTree } from '../../shared/api/types';

export function useCategories(type: RequestType) {
  return useQuery({
    queryKey: ['categories', type],
    queryFn: ({ signal }) => api.get<CategoryTree>('/categories', { type }, { signal }),
    staleTime: 5 * 60_000,
  });
}
