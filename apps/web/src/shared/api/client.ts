/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF token
 * on writes, and the UI locale in Accept-Language so server messages come back in the user's language.
 * Failures become an ApiError carrying the server's `{ error: { code, message, fields } }`.
 */
import type { ErrorCode, Locale } from '@wuye/contracts';

export type ClientErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly fields: Record<string, string>;
  /** Seconds to wait, from the Retry-After header of a 429. */
  readonly retryAfter: number | null;

  constructor(opts: {
    status: number;
    code: ClientErrorCode;
    message: string;
    fields?: Record<string, string>;
    retryAfter?: number | null;
  }) {
    super(opts.message);
    this.name = 'ApiError';
    this.status = opts.status;
    this.code = opts.code;
    this.fields = opts.fields ?? {};
    this.retryAfter = opts.retryAfter ?? null;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type ClientState = {
  csrfToken: string | null;
  locale: Locale;
  /** Messages for failures that never reached the server (set by the i18n layer). */
  networkMessage: () => string;
  unknownMessage: (status: number) => string;
  /** Called when a request other than the auth calls answers 401 (the session ended). */
  onUnauthenticated: () => void;
};

const state: ClientState = {
  csrfToken: null,
  locale: 'zh-CN',
  networkMessage: () => '网络连接失败，请检查网络后重试',
  unknownMessage: (status) => `服务器错误（${status}）`,
  onUnauthenticated: () => {},
};

export function configureApiClient(patch: Partial<ClientState>): void {
  Object.assign(state, patch);
}

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  opts: { signal?: AbortSignal; skipAuthRedirect?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.locale,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;

  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK', message: state.networkMessage() });
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }

  if (!res.ok) {
    const err = readErrorBody(json);
    const retryAfterHeader = res.headers.get('Retry-After');
    const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
    const apiError = new ApiError({
      status: res.status,
      code: err?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : 'UNKNOWN'),
      message: err?.message || state.unknownMessage(res.status),
      fields: err?.fields,
      retryAfter,
    });
    if (res.status === 401 && !opts.skipAuthRedirect) state.onUnauthenticated();
    throw apiError;
  }
  return json as T;
}

function readErrorBody(
  json: unknown,
): { code: ClientErrorCode; message: string; fields?: Record<string, string> } | null {
  if (!json || typeof json !== 'object' || !('error' in json)) return null;
  const error = (json as { error: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const { code, message, fields } = error as { code?: unknown; message?: unknown; fields?: unknown };
  return {
    code: typeof code === 'string' ? (code as ClientErrorCode) : 'UNKNOWN',
    message: typeof message === 'string' ? message : '',
    fields: fields && typeof fields === 'object' ? (fields as Record<string, string>) : undefined,
  };
}

export const api = {
  get: <T>(path: string, params?: QueryParams, opts?: { signal?: AbortSignal; skipAuthRedirect?: boolean }) =>
    request<T>('GET', withQuery(path, params), undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: { skipAuthRedirect?: boolean }) =>
    request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
