/** VIP cards (VIP客户卡): cards, applications, the assistant, the service log and reminders. */
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  VipApplication,
  VipCard,
  VipLevel,
  VipRegistrationForm,
  VipReminder,
  VipServiceType,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type VipService = {
  id: string;
  residentId: string;
  residentName: string;
  estateId: string;
  cardNumber: string | null;
  date: string;
  serviceType: VipServiceType;
  note: string | null;
  byName: string | null;
  createdAt: string;
};
export type VipAssistant = {
  estateId: string;
  estateName: string;
  userId: string | null;
  userName: string | null;
  setAt: string | null;
};
type Params = Record<string, string | number | undefined>;

export function useVipCards(params: Params, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['vip', 'cards', params],
    queryFn: ({ signal }) => api.get<Paged<VipCard>>('/vip/cards', params, { signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
export function useVipApplications(params: Params, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['vip', 'applications', params],
    queryFn: ({ signal }) => api.get<Paged<VipApplication>>('/vip/applications', params, { signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
export function useVipServices(params: Params) {
  return useQuery({
    queryKey: ['vip', 'services', params],
    queryFn: ({ signal }) => api.get<Paged<VipService>>('/vip/services', params, { signal }),
    placeholderData: keepPreviousData,
  });
}
export function useVipReminders(params: Params) {
  return useQuery({
    queryKey: ['vip', 'reminders', params],
    queryFn: ({ signal }) =>
      api.get<{ vipCount: number; items: VipReminder[] }>('/vip/reminders', params, { signal }),
  });
}
export function useVipAssistants(params: Params) {
  return useQuery({
    queryKey: ['vip', 'assistants', params],
    queryFn: ({ signal }) => api.get<{ items: VipAssistant[] }>('/vip/assistants', params, { signal }),
  });
}

/** After any VIP change: the VIP lists, the resident's record and the audit may have moved. */
export function refreshVip(client: QueryClient, residentId?: string) {
  void client.invalidateQueries({ queryKey: ['vip'] });
  if (residentId) void client.invalidateQueries({ queryKey: ['resident', residentId] });
  void client.invalidateQueries({ queryKey: ['audit'] });
}

const rid = (id: string) => encodeURIComponent(id);
export const issueVipCard = (residentId: string, level: VipLevel) =>
  api.post<{ number: string }>(`/residents/${rid(residentId)}/vip-card`, { level });
export const applyVipCard = (residentId: string, level: VipLevel, form: VipRegistrationForm) =>
  api.post<VipApplication>(`/residents/${rid(residentId)}/vip-applications`, { level, form });
export const approveVipApplication = (id: string) =>
  api.post<VipApplication>(`/vip/applications/${rid(id)}/approve`);
export const rejectVipApplication = (id: string, reason: string) =>
  api.post<VipApplication>(`/vip/applications/${rid(id)}/reject`, { reason });
export const renewVipCard = (id: string) => api.post<VipCard>(`/vip/cards/${rid(id)}/renew`, {});
export const reissueVipCard = (id: string, note?: string) =>
  api.post<VipCard>(`/vip/cards/${rid(id)}/reissue`, note ? { note } : {});
export const revokeVipCard = (id: string, reason: string) =>
  api.post<VipCard>(`/vip/cards/${rid(id)}/revoke`, { reason });
export const addVipService = (body: {
  residentId: string;
  date: string;
  serviceType: VipServiceType;
  note?: string;
}) => api.post<VipService>('/vip/services', body);
export const setVipAssistant = (estateId: string, userId: string) =>
  api.put<VipAssistant>(`/estates/${rid(estateId)}/vip-assistant`, { userId });
