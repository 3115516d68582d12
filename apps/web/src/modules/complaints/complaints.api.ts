import { useQuery } from '@tanstack/react-query';
import type {
  ComplaintEventList,
  ComplaintLinkBody,
  ComplaintPatchBody,
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
