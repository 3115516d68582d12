import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { ResidentList } from '../../shared/api/types';

export type ResidentFilters = {
  estateId?: string;
  q?: string;
  phone?: string;
  unitId?: string;
  page: number;
  pageSize: number;
};

/** The server's rule for a phone search (contracts ResidentsQuery). */
export const PHONE_QUERY = /^[0-9+\- ]{3,20}$/;

export function useResidents(filters: ResidentFilters) {
  return useQuery({
    queryKey: ['residents', filters],
    queryFn: ({ signal }) => api.get<ResidentList>('/residents', filters, { signal }),
    placeholderData: keepPreviousData,
  });
}
