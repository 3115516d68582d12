/**
 * The scroll width of a table whose columns have fixed widths except one flexible text column: the
 * fixed widths plus a minimum for the flexible one. Wider screens give the extra room to that column;
 * narrower ones scroll sideways instead of squeezing it to nothing.
 */
export function scrollWidth(columns: readonly { width?: number | string }[], flexibleMin: number): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), flexibleMin);
}
