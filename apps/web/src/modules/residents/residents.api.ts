import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  AddAuthorisationBody,
  AddUnitRelationBody,
  AuditAction,
  AuditList,
  CreateResidentBody,
  PatchResidentBody,
  ResidentDetail,
  RevealField,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { ResidentList } from '../../shared/api/types';

export type { ResidentDetail };

export type ResidentFilters = {
  estateId?: string;
  q?: string;
  phone?: string;
  unitId?: string;
  page: number;
  pageSize: number;
};

/** The server's rule for a phone search (contracts ResidentsQuery). */
export const PHONE_QUERY = /^[0-9+\- ]{3,20}$/;

export function useResidents(filters: ResidentFilters, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['residents', filters],
    queryFn: ({ signal }) => api.get<ResidentList>('/residents', filters, { signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export const residentKey = (id: string) => ['resident', id] as const;

export function useResident(id: string | undefined) {
  return useQuery({
    queryKey: residentKey(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<ResidentDetail>(`/residents/${encodeURIComponent(id!)}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

/** After a change: the record's answer is the new record; lists and the audit may have moved. */
export function storeResident(client: QueryClient, detail: ResidentDetail) {
  client.setQueryData(residentKey(detail.id), detail);
  void client.invalidateQueries({ queryKey: ['residents'] });
  void client.invalidateQueries({ queryKey: ['audit'] });
}

const path = (id: string) => `/residents/${encodeURIComponent(id)}`;

export const createResident = (body: CreateResidentBody) => api.post<ResidentDetail>('/residents', body);
export const patchResident = (id: string, body: PatchResidentBody) =>
  api.patch<ResidentDetail>(path(id), body);
export const addRelation = (id: string, body: AddUnitRelationBody) =>
  api.post<ResidentDetail>(`${path(id)}/units`, body);
export const endRelation = (id: string, unitId: string, body: { endedOn?: string; reason?: string }) =>
  api.post<ResidentDetail>(`${path(id)}/units/${encodeURIComponent(unitId)}/end`, body);
export const addAuthorisation = (id: string, body: AddAuthorisationBody) =>
  api.post<ResidentDetail>(`${path(id)}/authorisations`, body);

/** One number in full; the server records the view. */
export const revealResidentField = (id: string, field: RevealField, index?: number) =>
  api.post<{ value: string }>(`${path(id)}/reveal`, { field, index }).then((r) => r.value);
export const revealReporterPhone = (requestId: string) =>
  api
    .post<{ value: string }>(`/requests/${encodeURIComponent(requestId)}/reveal`, { field: 'reporterPhone' })
    .then((r) => r.value);

export type AuditFilters = {
  estateId?: string;
  residentId?: string;
  actorId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export function useAudit(filters: AuditFilters, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<AuditList>('/audit', filters, { signal }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
