import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RequestState, RequestType } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { RequestList } from '../../shared/api/types';

export type RequestFilters = {
  estateId?: string;
  type?: RequestType;
  state?: RequestState;
  q?: string;
  page: number;
  pageSize: number;
};

export function useRequestList(filters: RequestFilters) {
  return useQuery({
    queryKey: ['requests', filters],
    queryFn: ({ signal }) => api.get<RequestList>('/requests', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}
