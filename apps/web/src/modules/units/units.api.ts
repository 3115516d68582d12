import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UnitStatus } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { BuildingList, UnitList } from '../../shared/api/types';

export function useBuildings(estateId: string | undefined) {
  return useQuery({
    queryKey: ['buildings', estateId],
    queryFn: ({ signal }) =>
      api.get<BuildingList>(`/estates/${encodeURIComponent(estateId!)}/buildings`, undefined, { signal }),
    enabled: Boolean(estateId),
    staleTime: 60_000,
  });
}

export type UnitFilters = {
  buildingId?: string;
  status?: UnitStatus;
  q?: string;
  page: number;
  pageSize: number;
};

export function useUnits(estateId: string | undefined, filters: UnitFilters) {
  return useQuery({
    queryKey: ['units', estateId, filters],
    queryFn: ({ signal }) =>
      api.get<UnitList>(`/estates/${encodeURIComponent(estateId!)}/units`, filters, { signal }),
    enabled: Boolean(estateId),
    placeholderData: keepPreviousData,
  });
}
