/**
 * The property structure and the unit file over the API: reads as TanStack queries, writes as plain
 * calls (the callers refresh what a write changes with `refreshStructure` / `refreshUnitFile`).
 */
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  BuildingCreateBody,
  BuildingPatchBody,
  Estate,
  EstateCreateBody,
  EstatePatchBody,
  ImportReport,
  Location,
  LocationCreateBody,
  LocationPatchBody,
  UnitBulkBody,
  UnitBulkPreview,
  UnitBulkResult,
  UnitCreateBody,
  UnitDecoration,
  UnitDecorationBody,
  UnitDecorationPatch,
  UnitDetail,
  UnitDocument,
  UnitDocumentBody,
  UnitFile,
  UnitKey,
  UnitKeyBody,
  UnitKeyPatch,
  UnitMeter,
  UnitMeterBody,
  UnitMeterPatch,
  UnitMoveIn,
  UnitMoveInBody,
  UnitMoveInPatch,
  UnitPatchBody,
  UnitRecordKind,
  UnitStatus,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';
import { postSpreadsheet } from '../../shared/api/spreadsheet';
import type { Building, BuildingList, UnitList } from '../../shared/api/types';

export type {
  Location,
  UnitBulkBody,
  UnitBulkPreview,
  UnitDecoration,
  UnitDetail,
  UnitDocument,
  UnitFile,
  UnitKey,
  UnitMeter,
  UnitMoveIn,
};

const e = encodeURIComponent;

export function useBuildings(estateId: string | undefined) {
  return useQuery({
    queryKey: ['buildings', estateId],
    queryFn: ({ signal }) =>
      api.get<BuildingList>(`/estates/${e(estateId!)}/buildings`, undefined, { signal }),
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
    queryFn: ({ signal }) => api.get<UnitList>(`/estates/${e(estateId!)}/units`, filters, { signal }),
    enabled: Boolean(estateId),
    placeholderData: keepPreviousData,
  });
}

/** Every location of the estate, retired ones too (the settings page; intake asks without them). */
export function useAllLocations(estateId: string | undefined) {
  return useQuery({
    queryKey: ['locations', estateId, 'all'],
    queryFn: ({ signal }) =>
      api.get<{ items: Location[] }>(
        `/estates/${e(estateId!)}/locations`,
        { includeRetired: true },
        { signal },
      ),
    enabled: Boolean(estateId),
  });
}

export const unitFileKey = (id: string) => ['unit-file', id] as const;

export function useUnitFile(id: string | undefined) {
  return useQuery({
    queryKey: unitFileKey(id ?? ''),
    queryFn: ({ signal }) => api.get<UnitFile>(`/units/${e(id!)}/file`, undefined, { signal }),
    enabled: Boolean(id),
  });
}

/** After a change of estates, buildings, units or locations: every list that shows them. */
export function refreshStructure(client: QueryClient) {
  for (const key of ['estates', 'buildings', 'units', 'locations', 'unit-file', 'home'])
    void client.invalidateQueries({ queryKey: [key] });
}

export function refreshUnitFile(client: QueryClient, unitId: string) {
  void client.invalidateQueries({ queryKey: unitFileKey(unitId) });
}

// ---- writes -------------------------------------------------------------------------------------

export const createEstate = (body: EstateCreateBody) => api.post<Estate>('/estates', body);
export const patchEstate = (id: string, body: EstatePatchBody) =>
  api.patch<Estate>(`/estates/${e(id)}`, body);

export const createBuilding = (estateId: string, body: BuildingCreateBody) =>
  api.post<Building>(`/estates/${e(estateId)}/buildings`, body);
export const patchBuilding = (id: string, body: BuildingPatchBody) =>
  api.patch<Building>(`/buildings/${e(id)}`, body);

export const createUnit = (estateId: string, body: UnitCreateBody) =>
  api.post<UnitDetail>(`/estates/${e(estateId)}/units`, body);
export const patchUnit = (id: string, body: UnitPatchBody) => api.patch<UnitDetail>(`/units/${e(id)}`, body);
export const fetchUnit = (id: string) => api.get<UnitDetail>(`/units/${e(id)}`);

export const previewBulkUnits = (estateId: string, body: UnitBulkBody) =>
  api.post<UnitBulkPreview>(`/estates/${e(estateId)}/units/bulk/preview`, body);
export const createBulkUnits = (estateId: string, body: UnitBulkBody) =>
  api.post<UnitBulkResult>(`/estates/${e(estateId)}/units/bulk`, body);

export const createLocation = (estateId: string, body: LocationCreateBody) =>
  api.post<Location>(`/estates/${e(estateId)}/locations`, body);
export const patchLocation = (id: string, body: LocationPatchBody) =>
  api.patch<Location>(`/locations/${e(id)}`, body);

type RecordBodies = {
  keys: [UnitKeyBody, UnitKeyPatch, UnitKey];
  meters: [UnitMeterBody, UnitMeterPatch, UnitMeter];
  'move-ins': [UnitMoveInBody, UnitMoveInPatch, UnitMoveIn];
  decorations: [UnitDecorationBody, UnitDecorationPatch, UnitDecoration];
};

export const addRecord = <K extends UnitRecordKind>(unitId: string, kind: K, body: RecordBodies[K][0]) =>
  api.post<RecordBodies[K][2]>(`/units/${e(unitId)}/${kind}`, body);
export const patchRecord = <K extends UnitRecordKind>(
  unitId: string,
  kind: K,
  id: string,
  body: RecordBodies[K][1],
) => api.patch<RecordBodies[K][2]>(`/units/${e(unitId)}/${kind}/${e(id)}`, body);
export const removeRecord = (unitId: string, kind: UnitRecordKind, id: string, version: number) =>
  api.delete<void>(`/units/${e(unitId)}/${kind}/${e(id)}?version=${version}`);

export const attachDocument = (unitId: string, body: UnitDocumentBody) =>
  api.post<UnitDocument>(`/units/${e(unitId)}/documents`, body);
export const detachDocument = (unitId: string, fileId: string) =>
  api.delete<void>(`/units/${e(unitId)}/documents/${e(fileId)}`);

// ---- spreadsheet import (房屋 and 住户) ------------------------------------------------------------

/**
 * POST /api/estates/:id/import with the file as the body: the report when the server read the file
 * (a check, a refused import with its errors, or done), an ApiError when it could not (not an xlsx,
 * too large, no access).
 */
export const importWorkbook = (client: QueryClient, estateId: string, file: File, dryRun: boolean) =>
  postSpreadsheet<ImportReport>(client, `/api/estates/${e(estateId)}/import`, file, {
    dryRun: dryRun || undefined,
  });
