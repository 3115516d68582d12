import { useQueries } from '@tanstack/react-query';
import type { RequestState } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { RequestList, RequestListItem, SessionUser } from '../../shared/api/types';

/** The states in which an order is the technician's to work on. */
export const TECH_STATES: readonly RequestState[] = [
  'dispatched',
  'accepted',
  'on_site',
  'in_progress',
  'on_hold',
];
const ORDER: Partial<Record<RequestState, number>> = {
  in_progress: 0,
  on_site: 1,
  accepted: 2,
  dispatched: 3,
  on_hold: 4,
};

/**
 * My open orders: those assigned to me, and my department's unassigned ones (a department lead sees
 * the whole department's). Two list queries merged; refreshed every 30 s.
 */
export function useTechOrders(user: SessionUser) {
  const lead = user.roles.includes('dept_lead');
  const base = { open: true, sort: 'dueAt', page: 1, pageSize: 100 } as const;
  const results = useQueries({
    queries: [
      {
        queryKey: ['requests', 'tech', 'mine', user.id],
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<RequestList>('/requests', { ...base, assigneeId: user.id }, { signal }),
        refetchInterval: 30_000,
      },
      {
        queryKey: ['requests', 'tech', 'department', user.departmentId],
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<RequestList>(
            '/requests',
            { ...base, departmentId: user.departmentId ?? undefined },
            { signal },
          ),
        enabled: Boolean(user.departmentId),
        refetchInterval: 30_000,
      },
    ],
  });
  const [mine, department] = results;
  const seen = new Set<string>();
  const items: RequestListItem[] = [];
  for (const r of [...(mine.data?.items ?? []), ...(department.data?.items ?? [])]) {
    if (seen.has(r.id) || !TECH_STATES.includes(r.state)) continue;
    if (r.assigneeId && r.assigneeId !== user.id && !lead) continue;
    seen.add(r.id);
    items.push(r);
  }
  items.sort(
    (a, b) =>
      (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9) ||
      (a.nextDue?.dueAt ?? '9').localeCompare(b.nextDue?.dueAt ?? '9') ||
      a.receivedAt.localeCompare(b.receivedAt),
  );
  return {
    items,
    isPending: mine.isPending,
    isFetching: results.some((r) => r.isFetching),
    error: mine.error ?? department.error,
    refetch: () => Promise.all(results.map((r) => r.refetch())),
    updatedAt: Math.max(mine.dataUpdatedAt, department.dataUpdatedAt),
  };
}
