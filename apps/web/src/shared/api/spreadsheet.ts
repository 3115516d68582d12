/**
 * Spreadsheet imports (房屋和住户, 欠费名单): the xlsx goes up as the raw body of a POST, which the shared
 * JSON client cannot send, so the CSRF token and the headers are set here. The server answers with a
 * report when it read the file (a check, a refused import with its errors, or done) and with an error
 * when it could not (not an xlsx, too large, no access, a bad field such as the list's date).
 */

import type { QueryClient } from '@tanstack/react-query';
import type { ImportError } from '@wuye/contracts';
import { ApiError, api, type ClientErrorCode, type QueryParams, withQuery } from './client';

/** What every import report has: whether it went through, and the errors by sheet, row and column. */
export interface SpreadsheetReport {
  ok: boolean;
  dryRun: boolean;
  errors: ImportError[];
  errorTotal: number;
}

/**
 * The session's CSRF token for the few writes the shared client cannot make (extra headers, files):
 * read once, then kept until a write is refused with 403.
 */
export async function csrfToken(client: QueryClient): Promise<string> {
  const me = await client.fetchQuery({
    queryKey: ['csrf-token'],
    queryFn: () => api.get<{ csrfToken: string }>('/auth/me'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return me.csrfToken;
}

/**
 * POST `path` (an /api/… import route) with `file` as the body: the report on 2xx and 422, an ApiError
 * otherwise — its `fields` carry the server's field messages (`file`, `asOf` …) and its message the
 * file's problem when there is one.
 */
export async function postSpreadsheet<R extends SpreadsheetReport>(
  client: QueryClient,
  path: string,
  file: File,
  query: QueryParams = {},
): Promise<R> {
  const token = await csrfToken(client);
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: {
        'Content-Type': file.type || 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
        'X-CSRF-Token': token,
        Accept: 'application/json',
      },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '' });
  }
  const json = (await res.json().catch(() => null)) as
    | (R & { error?: undefined })
    | { error?: { code?: string; message?: string; fields?: Record<string, string> } }
    | null;
  if (json && 'errors' in json && (res.ok || res.status === 422)) return json as R;
  // A refused CSRF token (a new session since it was read): read it again on the next try.
  if (res.status === 403) client.removeQueries({ queryKey: ['csrf-token'] });
  const err = json && 'error' in json ? json.error : undefined;
  throw new ApiError({
    status: res.status,
    code: (err?.code as ClientErrorCode | undefined) ?? 'UNKNOWN',
    message: err?.fields?.file ?? err?.message ?? String(res.status),
    fields: err?.fields,
  });
}
