import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '@wuye/contracts';
import { api } from '../../shared/api/client';

export function useNotifications() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) => api.get<NotificationList>('/notifications', { limit: 30 }, { signal }),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return {
    one: async (id: string) => {
      await api.post(`/notifications/${encodeURIComponent(id)}/read`);
      await client.invalidateQueries({ queryKey: ['notifications'] });
    },
    all: async () => {
      await api.post('/notifications/read-all');
      await client.invalidateQueries({ queryKey: ['notifications'] });
    },
  };
}
