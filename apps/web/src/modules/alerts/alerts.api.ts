/** The overdue and escalation view's calls: GET /api/alerts and POST /api/alerts/:id/acknowledge. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client';

export type AlertKind = 'warning' | 'missed' | 'escalation';

/** One alert (apps/server/src/modules/requests/requests.alerts.ts, `Alert`). */
export type AlertItem = {
  id: string;
  requestId: string;
  requestNumber: string;
  requestState: string;
  requestType: string;
  description: string;
  estateId: string;
  unitLabel: string | null;
  ownerName: string | null;
  deadlineKind: string;
  deadlineStatus: string;
  kind: AlertKind;
  level: number;
  recipientUserId: string | null;
  recipientRole: string | null;
  recipientName: string | null;
  dueAt: string;
  metAt: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  mine: boolean;
};

export type AlertList = { items: AlertItem[]; total: number; page: number; pageSize: number };

export type AlertFilters = {
  estateId?: string;
  all?: boolean;
  open?: boolean;
  kind?: AlertKind;
  sort?: 'raisedAt' | 'level';
  page: number;
  pageSize: number;
};

export function useAlerts(filters: AlertFilters) {
  return useQuery({
    queryKey: ['alerts', 'list', filters],
    queryFn: ({ signal }) => api.get<AlertList>('/alerts', filters, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** How many alerts addressed to me wait for my acknowledgement (the menu badge). */
export function useMyOpenAlertCount(enabled: boolean) {
  return useQuery({
    queryKey: ['alerts', 'open-count'],
    queryFn: ({ signal }) => api.get<AlertList>('/alerts', { open: true, page: 1, pageSize: 1 }, { signal }),
    select: (d) => d.total,
    refetchInterval: 60_000,
    enabled,
  });
}

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ id: string; acknowledgedAt: string }>(`/alerts/${encodeURIComponent(id)}/acknowledge`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }),
  });
}
