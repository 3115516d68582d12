/**
 * A share as a percentage with at most one decimal ("9.5%", "30%"), so a role at 9.5% against a 10%
 * quota never reads as 10%; "—" when there is nothing to divide by.
 */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const v = Math.round(share * 1000) / 10;
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1)}%`;
}
