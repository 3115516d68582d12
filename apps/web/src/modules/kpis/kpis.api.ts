/** Reads of the KPIs (GET /api/kpis), the records behind one, and the monthly complaint analysis. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ComplaintAnalysis, KpiKey, KpiList, KpiRecordList } from '@wuye/contracts';
import { api } from '../../shared/api/client';

export type Period = { from: string; to: string };

export function useKpis(params: { estateId?: string } & Partial<Period>, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['kpis', params],
    queryFn: ({ signal }) => api.get<KpiList>('/kpis', params, { signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function useKpiRecords(
  key: KpiKey | null,
  params: { estateId?: string; page: number; pageSize: number; inNumerator?: boolean } & Period,
) {
  return useQuery({
    queryKey: ['kpis', 'records', key, params],
    queryFn: ({ signal }) =>
      api.get<KpiRecordList>(`/kpis/${encodeURIComponent(key!)}/records`, params, { signal }),
    placeholderData: keepPreviousData,
    enabled: key !== null,
  });
}

export function useComplaintAnalysis(params: { estateId?: string; month?: string }) {
  return useQuery({
    queryKey: ['complaints', 'analysis', params],
    queryFn: ({ signal }) => api.get<ComplaintAnalysis>('/complaints/analysis', params, { signal }),
    placeholderData: keepPreviousData,
  });
}
