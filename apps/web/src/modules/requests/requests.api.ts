import { keepPreviousData, type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CallbackBody,
  CreateRequestBody,
  RequestDetail,
  RequestState,
  RequestType,
  Role,
  TransitionBody,
} from '@wuye/contracts';
import { ApiError, api, type ClientErrorCode } from '../../shared/api/client';
import { csrfToken } from '../../shared/api/spreadsheet';
import type { RequestList, StaffList } from '../../shared/api/types';

export type { RequestDetail };

export type RequestFilters = {
  estateId?: string;
  type?: RequestType;
  state?: RequestState;
  q?: string;
  ownerId?: string;
  departmentId?: string;
  assigneeId?: string;
  open?: boolean;
  sort?: RequestSort;
  page: number;
  pageSize: number;
};

/** `priority`: emergencies, overdue, VIP, then the nearest deadline (the front desk's queue). */
export type RequestSort = 'dueAt' | 'receivedAt' | 'priority';

export function useRequestList(
  filters: RequestFilters,
  opts: { refetchInterval?: number; enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: ['requests', filters],
    queryFn: ({ signal }) => api.get<RequestList>('/requests', filters, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
    enabled: opts.enabled ?? true,
  });
}

export const requestKey = (id: string) => ['request', id] as const;

export function fetchRequest(id: string, signal?: AbortSignal) {
  return api.get<RequestDetail>(`/requests/${encodeURIComponent(id)}`, undefined, { signal });
}

export function useRequestDetail(id: string | undefined) {
  return useQuery({
    queryKey: requestKey(id ?? ''),
    queryFn: ({ signal }) => fetchRequest(id!, signal),
    enabled: Boolean(id),
    staleTime: 5_000,
  });
}

/** A body for one action without the version (added from the request being acted on). */
export type ActionBody = TransitionBody extends infer B
  ? B extends unknown
    ? Omit<B, 'version'>
    : never
  : never;

export function postTransition(id: string, body: TransitionBody) {
  return api.post<RequestDetail>(`/requests/${encodeURIComponent(id)}/transitions`, body);
}

export function postCallback(id: string, body: CallbackBody) {
  return api.post<RequestDetail>(`/requests/${encodeURIComponent(id)}/callbacks`, body);
}

/**
 * POST /api/requests with its Idempotency-Key header (the shared client sends no extra headers):
 * the same key on every retry of one form, so a retried save never makes a second request.
 */
export async function postRequest(
  client: QueryClient,
  body: CreateRequestBody,
  idempotencyKey: string,
  locale: string,
): Promise<RequestDetail> {
  const token = await csrfToken(client);
  let res: Response;
  try {
    res = await fetch('/api/requests', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': locale,
        'Content-Type': 'application/json',
        'X-CSRF-Token': token,
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '' });
  }
  const json = (await res.json().catch(() => null)) as
    | (RequestDetail & { error?: undefined })
    | { error?: { code?: string; message?: string; fields?: Record<string, string> } }
    | null;
  if (!res.ok) {
    const err = json && 'error' in json ? json.error : undefined;
    // A refused CSRF token (a new session since it was read): read it again on the next try.
    if (res.status === 403) client.removeQueries({ queryKey: ['csrf-token'] });
    throw new ApiError({
      status: res.status,
      code: (err?.code as ClientErrorCode | undefined) ?? 'UNKNOWN',
      message: err?.message ?? String(res.status),
      fields: err?.fields,
    });
  }
  return json as RequestDetail;
}

/** After a write: the fresh request in the cache, every list that may show it refreshed. */
export function storeRequest(client: QueryClient, detail: RequestDetail) {
  client.setQueryData(requestKey(detail.id), detail);
  void client.invalidateQueries({ queryKey: ['requests'] });
  void client.invalidateQueries({ queryKey: ['home'] });
}

export function useStoreRequest() {
  const client = useQueryClient();
  return (detail: RequestDetail) => storeRequest(client, detail);
}

/** Staff of an estate (for dispatch, owner hand-over and names in the timeline). */
export function useEstateStaff(estateId: string | undefined, role?: Role) {
  return useQuery({
    queryKey: ['staff', { estateId, role, page: 1, pageSize: 200 }],
    queryFn: ({ signal }) =>
      api.get<StaffList>('/staff', { estateId, role, page: 1, pageSize: 200 }, { signal }),
    enabled: Boolean(estateId),
    staleTime: 5 * 60_000,
  });
}

export type LocationList = { items: { id: string; estateId: string; name: string; kind: string }[] };

export function useLocations(estateId: string | undefined) {
  return useQuery({
    queryKey: ['locations', estateId],
    queryFn: ({ signal }) =>
      api.get<LocationList>(`/estates/${encodeURIComponent(estateId!)}/locations`, undefined, { signal }),
    enabled: Boolean(estateId),
    staleTime: 5 * 60_000,
  });
}

export type UploadKind = 'signature' | 'photo' | 'document';

/**
 * Uploads a file (the resident's signature as a PNG, a photo, a document) and returns its id. POST /api/files takes the raw bytes as the body with their Content-Type,
 * `?estateId=&kind=signature`, an optional URI-encoded X-File-Name, and answers 201 `{ id, url, … }`.
 */
export async function uploadFile(
  client: QueryClient,
  blob: Blob,
  opts: { estateId: string; kind: UploadKind; name: string },
): Promise<string> {
  const token = await csrfToken(client);
  const url = `/api/files?estateId=${encodeURIComponent(opts.estateId)}&kind=${opts.kind}`;
  const send = (csrf: string) =>
    fetch(url, {
      method: 'POST',
      body: blob,
      credentials: 'same-origin',
      headers: {
        'Content-Type': blob.type || 'application/octet-stream',
        'X-File-Name': encodeURIComponent(opts.name),
        'X-CSRF-Token': csrf,
        Accept: 'application/json',
      },
    });
  const res = await send(token);
  const json = (await res.json().catch(() => null)) as {
    id?: string;
    error?: { code?: string; message?: string; fields?: Record<string, string> };
  } | null;
  if (!res.ok || !json?.id) {
    if (res.status === 403) client.removeQueries({ queryKey: ['csrf-token'] });
    throw new ApiError({
      status: res.status,
      code: (json?.error?.code as ClientErrorCode | undefined) ?? 'UNKNOWN',
      message: json?.error?.fields?.file ?? json?.error?.message ?? String(res.status),
    });
  }
  return json.id;
}
