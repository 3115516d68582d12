import { useQuery } from '@tanstack/react-query';
import type { EstateSlaSettings, SlaSettings } from '@wuye/contracts';
import { api } from '../../shared/api/client';

export type { EstateSlaSettings };

export const slaSettingsKey = (estateId: string) => ['sla-settings', estateId] as const;

const path = (estateId: string) => `/estates/${encodeURIComponent(estateId)}/sla-settings`;

export function useSlaSettings(estateId: string | undefined) {
  return useQuery({
    queryKey: slaSettingsKey(estateId ?? ''),
    queryFn: ({ signal }) => api.get<EstateSlaSettings>(path(estateId!), undefined, { signal }),
    enabled: Boolean(estateId),
  });
}

export function saveSlaSettings(estateId: string, settings: SlaSettings, version: number) {
  return api.put<EstateSlaSettings>(path(estateId), { settings, version });
}

export function resetSlaSettings(estateId: string, version: number) {
  return api.delete<EstateSlaSettings>(`${path(estateId)}?version=${version}`);
}

/**
 * The material cost above which a quote needs the resident's agreement and the manager's approval, for
 * one estate (fen): its own setting, or `fallbackFen` (the seeds') until the settings have loaded.
 */
/** The estate's callback tries before a request may close unreached (`fallback` until loaded). */
export function useCallbackRetries(estateId: string, fallback: number): number {
  return useSlaSettings(estateId).data?.settings.callbackRetries ?? fallback;
}

export function useQuoteApprovalLimit(estateId: string, fallbackFen: number): number {
  return useSlaSettings(estateId).data?.settings.quoteApprovalAboveFen ?? fallbackFen;
}
