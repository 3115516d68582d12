import { useQuery } from '@tanstack/react-query';
import type { DepartmentBoard, DepartmentMemberList } from '@wuye/contracts';
import { api } from '../../shared/api/client';

export type { BoardCard, DepartmentBoard, DepartmentMember, DepartmentMemberList } from '@wuye/contracts';

/** The department's open orders by state; refreshed every 30 s (and after every action on a request). */
export function useDepartmentBoard(departmentId: string | undefined) {
  return useQuery({
    // Under ['requests'] so that every action on a request (storeRequest) refreshes the board too.
    queryKey: ['requests', 'board', departmentId],
    queryFn: ({ signal }) =>
      api.get<DepartmentBoard>(`/departments/${encodeURIComponent(departmentId!)}/board`, undefined, {
        signal,
      }),
    enabled: Boolean(departmentId),
    refetchInterval: 30_000,
  });
}

/** The department's people with their open-order counts. */
export function useDepartmentMembers(departmentId: string | undefined) {
  return useQuery({
    queryKey: ['requests', 'members', departmentId],
    queryFn: ({ signal }) =>
      api.get<DepartmentMemberList>(`/departments/${encodeURIComponent(departmentId!)}/members`, undefined, {
        signal,
      }),
    enabled: Boolean(departmentId),
    refetchInterval: 30_000,
  });
}
