/**
 * Downloads of list exports (GET …/export, xlsx): fetched with the session cookie, saved under the
 * server's (Chinese) file name, with how many rows came and whether the server cut the list short.
 */
import { ApiError, type ClientErrorCode, type QueryParams, withQuery } from './client';

export interface ExportResult {
  rows: number;
  total: number;
  capped: boolean;
}

/** The file name a download names in Content-Disposition (filename*, RFC 5987, else filename). */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Downloads `path` (an /api/… export route) with the list's filters and saves the file. */
export async function downloadXlsx(path: string, query: QueryParams, locale: string): Promise<ExportResult> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      credentials: 'same-origin',
      headers: { 'Accept-Language': locale },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '' });
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError({
      status: res.status,
      code: (json?.error?.code as ClientErrorCode | undefined) ?? 'UNKNOWN',
      message: json?.error?.message ?? String(res.status),
    });
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionFilename(res.headers.get('content-disposition'), 'export.xlsx');
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return {
    rows: Number(res.headers.get('x-export-rows') ?? 0),
    total: Number(res.headers.get('x-export-total') ?? 0),
    capped: res.headers.get('x-export-capped') === 'true',
  };
}
