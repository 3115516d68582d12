import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CompanyCallbackList,
  ComplaintEventList,
  ComplaintGrade,
  ComplaintLinkBody,
  ComplaintPatchBody,
  ComplaintRegister,
  RequestDetail,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';

const path = (id: string) => `/requests/${encodeURIComponent(id)}/complaint`;

export function patchComplaint(id: string, body: ComplaintPatchBody) {
  return api.patch<RequestDetail>(path(id), body);
}

export function linkComplaint(id: string, body: ComplaintLinkBody) {
  return api.post<RequestDetail>(`${path(id)}/links`, body);
}

export function unlinkComplaint(id: string, otherId: string) {
  return api.delete<RequestDetail>(`${path(id)}/links/${encodeURIComponent(otherId)}`);
}

export function useComplaintEvents(estateId: string | undefined) {
  return useQuery({
    queryKey: ['complaint-events', estateId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<ComplaintEventList>('/complaint-events', estateId ? { estateId } : {}, { signal }),
  });
}

/** The register's filters as the list and its export take them (no paging). */
export type RegisterFilters = {
  estateId?: string;
  grade?: ComplaintGrade;
  validity?: 'effective' | 'assisted' | 'invalid' | 'none';
  open?: boolean;
  proposals?: boolean;
};

export function useComplaintRegister(q: RegisterFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['complaints', q],
    queryFn: ({ signal }) => api.get<ComplaintRegister>('/complaints', q, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** How many complaints match (a counter on the workbench). */
export function useComplaintCount(q: RegisterFilters) {
  return useQuery({
    queryKey: ['complaints', 'count', q],
    queryFn: async ({ signal }) =>
      (await api.get<ComplaintRegister>('/complaints', { ...q, pageSize: 1 }, { signal })).total,
    refetchInterval: 30_000,
  });
}

/** 公司回访: handled complaints the company complaint centre owes a callback (or has made). */
export function useCompanyCallbacks(q: {
  estateId?: string;
  status: 'due' | 'done';
  page: number;
  pageSize: number;
}) {
  return useQuery({
    // Under ['callbacks'] so a callback recorded anywhere refreshes it (refreshCallbacks).
    queryKey: ['callbacks', 'company', q],
    queryFn: ({ signal }) => api.get<CompanyCallbackList>('/complaints/company-callbacks', q, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
