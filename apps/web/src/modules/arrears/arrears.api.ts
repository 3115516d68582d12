/**
 * The estate's arrears list over the API (decision 0024): the current list with its summary and
 * history as a TanStack query, the check and load of a new list as a raw-xlsx POST.
 */
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type { ArrearsAge, ArrearsImportReport, ArrearsPage } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import { postSpreadsheet } from '../../shared/api/spreadsheet';

export type { ArrearsItem, ArrearsList, ArrearsPage } from '@wuye/contracts';

export const ARREARS_SORT_KEYS = ['amount', 'months', 'unit'] as const;
export type ArrearsSort = (typeof ARREARS_SORT_KEYS)[number];

export type ArrearsFilters = {
  q?: string;
  buildingId?: string;
  age?: ArrearsAge;
  sort?: ArrearsSort;
  page: number;
  pageSize: number;
};

const e = encodeURIComponent;

export const arrearsPath = (estateId: string) => `/api/estates/${e(estateId)}/arrears`;

export function useArrears(estateId: string | undefined, filters: ArrearsFilters) {
  return useQuery({
    queryKey: ['arrears', estateId, filters],
    queryFn: ({ signal }) => api.get<ArrearsPage>(`/estates/${e(estateId!)}/arrears`, filters, { signal }),
    enabled: Boolean(estateId),
    placeholderData: keepPreviousData,
  });
}

/** Checks (`dryRun`) or loads a list as of `asOf`; a bad date comes back as ApiError fields.asOf. */
export const importArrears = (
  client: QueryClient,
  estateId: string,
  file: File,
  opts: { dryRun: boolean; asOf: string },
) =>
  postSpreadsheet<ArrearsImportReport>(client, `${arrearsPath(estateId)}/import`, file, {
    dryRun: opts.dryRun || undefined,
    asOf: opts.asOf,
  });

/** After a load: the list, and what shows a unit's arrears (the unit file, the desk's look-up). */
export function refreshArrears(client: QueryClient) {
  for (const key of ['arrears', 'unit-file', 'desk-lookup'])
    void client.invalidateQueries({ queryKey: [key] });
}
