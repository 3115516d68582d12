/**
 * List filters and paging kept in the URL (so back/forward, reload and shared links keep them).
 * Changing a filter returns to page 1; changing the header's estate does too.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

export const PAGE_SIZES = [20, 50, 100];

/**
 * The query string as it is now. Router navigations render in a transition, so the searchParams of
 * the last render can lag behind the address bar when two filters change in quick succession.
 */
function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export function useListParams<K extends string>(keys: readonly K[], resetOn?: unknown) {
  const [params, setParams] = useSearchParams();

  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<
    K,
    string | undefined
  >;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sizeParam = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(sizeParam) ? sizeParam : PAGE_SIZES[0]!;

  const setFilters = useCallback(
    (patch: Partial<Record<K, string | undefined>>) => {
      const next = currentParams();
      for (const [key, value] of Object.entries(patch) as [string, string | undefined][]) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      next.delete('page');
      setParams(next, { replace: true });
    },
    [setParams],
  );

  const setPage = useCallback(
    (nextPage: number, nextSize?: number) => {
      const next = currentParams();
      const sizeChanged = nextSize !== undefined && nextSize !== pageSize;
      if (nextPage > 1 && !sizeChanged) next.set('page', String(nextPage));
      else next.delete('page');
      if (nextSize && nextSize !== PAGE_SIZES[0]) next.set('pageSize', String(nextSize));
      else if (nextSize) next.delete('pageSize');
      setParams(next);
    },
    [setParams, pageSize],
  );

  const clear = useCallback(() => {
    setParams(new URLSearchParams(), { replace: true });
  }, [setParams]);

  // The estate chosen in the header changed: start again from the first page.
  const previous = useRef(resetOn);
  useEffect(() => {
    if (previous.current === resetOn) return;
    previous.current = resetOn;
    const next = currentParams();
    if (!next.has('page')) return;
    next.delete('page');
    setParams(next, { replace: true });
  }, [resetOn, setParams]);

  return { values, page, pageSize, setFilters, setPage, clear };
}
