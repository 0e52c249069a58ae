// Geometry of the virtualised grid: column widths and which columns a scroll position shows.
// Pure, so it is unit-tested.
import type { PreviewColumn } from '../../api';

/** A column wide enough for its name and (up to a point) its DDIC length. */
export function columnWidth(column: PreviewColumn): number {
  const chars = Math.max(column.name.length + 3, Math.min(column.length, 36));
  return Math.max(72, Math.min(320, chars * 8 + 20));
}

/** Left edge of every column, plus the total width as the last entry. */
export function columnOffsets(widths: readonly number[]): number[] {
  const out = [0];
  for (const w of widths) out.push(out[out.length - 1]! + w);
  return out;
}

/** The column window [first, last) intersecting the horizontal range (binary search on offsets). */
export function visibleColumns(offsets: readonly number[], from: number, to: number): [number, number] {
  const count = offsets.length - 1;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= from) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < count && offsets[last]! < to) last++;
  return [lo, Math.max(last, Math.min(lo + 1, count))];
}
