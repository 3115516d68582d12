import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Role } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { DepartmentList, StaffList } from '../../shared/api/types';

export function useDepartments(estateId: string | undefined) {
  return useQuery({
    queryKey: ['departments', estateId ?? 'all'],
    queryFn: ({ signal }) => api.get<DepartmentList>('/departments', { estateId }, { signal }),
    staleTime: 60_000,
  });
}

export type StaffFilters = { estateId?: string; role?: Role; page: number; pageSize: number };

export function useStaff(filters: StaffFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['staff', filters],
    queryFn: ({ signal }) => api.get<StaffList>('/staff', filters, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
