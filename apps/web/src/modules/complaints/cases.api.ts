/** 案例库: the library (company-wide), one case, the draft of a closed complaint, saving and editing. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ComplaintCase,
  ComplaintCaseBody,
  ComplaintCaseDraft,
  ComplaintCaseList,
  ComplaintCasePatchBody,
  ComplaintGrade,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';

export const CASES_KEY = ['complaint-cases'] as const;

export type CaseFilters = {
  q?: string;
  tag?: string;
  grade?: ComplaintGrade;
  estateId?: string;
  page: number;
  pageSize: number;
};

export function useCaseLibrary(f: CaseFilters) {
  return useQuery({
    queryKey: [...CASES_KEY, 'list', f],
    queryFn: ({ signal }) => api.get<ComplaintCaseList>('/complaint-cases', f, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...CASES_KEY, 'one', id],
    queryFn: ({ signal }) =>
      api.get<ComplaintCase>(`/complaint-cases/${encodeURIComponent(id!)}`, {}, { signal }),
    enabled: Boolean(id),
  });
}

/** The case made from one complaint, if any (the complaint card's 转为案例 / 查看案例). */
export function useCaseOfRequest(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, 'of-request', requestId],
    queryFn: async ({ signal }) =>
      (await api.get<ComplaintCaseList>('/complaint-cases', { requestId, pageSize: 1 }, { signal }))
        .items[0] ?? null,
    enabled,
  });
}

export function useCaseDraft(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, 'draft', requestId],
    queryFn: ({ signal }) =>
      api.get<ComplaintCaseDraft>(
        `/requests/${encodeURIComponent(requestId)}/complaint/case-draft`,
        {},
        { signal },
      ),
    enabled,
    // A fresh draft each time the dialog opens (the complaint may have changed since).
    gcTime: 0,
    staleTime: 0,
  });
}

export function createCase(requestId: string, body: ComplaintCaseBody) {
  return api.post<ComplaintCase>(`/requests/${encodeURIComponent(requestId)}/complaint/case`, body);
}

export function updateCase(id: string, body: ComplaintCasePatchBody) {
  return api.patch<ComplaintCase>(`/complaint-cases/${encodeURIComponent(id)}`, body);
}
