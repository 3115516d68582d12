/**
 * Background work of the request module besides the clock sweeper: the search-document backfill.
 * Rows get their search document when they are written; this catches the rest (rows from before the
 * column existed, rows written by code that does not fill it) so search stays complete.
 */
import type { Db } from '../../platform/db.ts';
import { runEvery } from '../../platform/periodic.ts';
import { countMissingSearchDocuments, fillAllSearchDocuments } from './requests.repository.ts';

/** Up to this many missing documents are filled before the server starts listening. */
export const SYNC_BACKFILL_LIMIT = 50_000;

/** Fills missing search documents now when there are few; returns how many are left for the background. */
export async function backfillSearchAtStart(db: Db): Promise<number> {
  const missing = await countMissingSearchDocuments(db, SYNC_BACKFILL_LIMIT + 1);
  if (missing === 0) return 0;
  if (missing <= SYNC_BACKFILL_LIMIT) {
    await fillAllSearchDocuments(db);
    return 0;
  }
  return missing;
}

/** Every `intervalMs` (and once at once), fills whatever documents are missing; returns a stop function. */
export function startSearchBackfill(
  db: Db,
  options: { intervalMs?: number; onError?: (err: unknown) => void; onFilled?: (n: number) => void } = {},
): () => void {
  return runEvery(
    options.intervalMs ?? 60_000,
    async () => {
      const n = await fillAllSearchDocuments(db);
      if (n) options.onFilled?.(n);
    },
    { onError: options.onError, immediately: true },
  );
}
