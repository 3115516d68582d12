import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LookupResponse } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { UnitList } from '../../shared/api/types';

/** The server's rule for a phone search (contracts ResidentsQuery): 3–20 digits, + - or spaces. */
export const PHONE_QUERY = /^[0-9+\- ]{3,20}$/;

export type Lookup = { kind: 'phone'; phone: string } | { kind: 'unit'; unitId: string } | null;

/**
 * The desk's look-up in one call (GET /api/lookup): the residents matching (part of) a phone number or
 * living in a unit, each with grade, VIP badge, homes, notes, open requests and the last 5 closed.
 */
export function useResidentLookup(estateId: string | undefined, lookup: Lookup) {
  return useQuery({
    queryKey: ['desk-lookup', estateId, lookup],
    queryFn: ({ signal }) =>
      api.get<LookupResponse>(
        '/lookup',
        {
          estateId,
          phone: lookup?.kind === 'phone' ? lookup.phone : undefined,
          unitId: lookup?.kind === 'unit' ? lookup.unitId : undefined,
        },
        { signal },
      ),
    enabled: Boolean(estateId && lookup),
    staleTime: 30_000,
  });
}

/** "1栋-1301" (how units are shown) → "1栋1301" (what the unit search matches). */
export function unitSearchText(text: string): string {
  return text.replace(/\s+/g, '').replace(/^(.+?[栋座幢楼])-/, '$1');
}

export function useUnitSearch(estateId: string | undefined, text: string) {
  return useQuery({
    queryKey: ['desk-units', estateId, text],
    queryFn: ({ signal }) =>
      api.get<UnitList>(
        `/estates/${encodeURIComponent(estateId!)}/units`,
        { q: text, pageSize: 20 },
        { signal },
      ),
    enabled: Boolean(estateId && text),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
