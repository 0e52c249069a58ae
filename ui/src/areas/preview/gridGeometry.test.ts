import { describe, expect, it } from 'vitest';
import { columnOffsets, columnWidth, visibleColumns } from './gridGeometry';

describe('columnWidth', () => {
  it('fits the name and the DDIC length within bounds', () => {
    expect(columnWidth({ name: 'X', data_type: 'CHAR', length: 1, decimals: 0 })).toBe(72);
    expect(columnWidth({ name: 'CARRID', data_type: 'CHAR', length: 3, decimals: 0 })).toBe(92);
    expect(columnWidth({ name: 'TEXT', data_type: 'CHAR', length: 255, decimals: 0 })).toBe(308);
  });
});

describe('visibleColumns', () => {
  const offsets = columnOffsets([100, 100, 100, 100, 100]);

  it('accumulates offsets with the total last', () => {
    expect(offsets).toEqual([0, 100, 200, 300, 400, 500]);
  });

  it('returns the columns that intersect the range', () => {
    expect(visibleColumns(offsets, 0, 250)).toEqual([0, 3]);
    expect(visibleColumns(offsets, 150, 250)).toEqual([1, 3]);
    expect(visibleColumns(offsets, 100, 200)).toEqual([1, 2]);
  });

  it('clamps ranges beyond either end', () => {
    expect(visibleColumns(offsets, -400, 50)).toEqual([0, 1]);
    expect(visibleColumns(offsets, 450, 9000)).toEqual([4, 5]);
    expect(visibleColumns(offsets, 9000, 9999)).toEqual([5, 5]);
  });

  it('handles no columns', () => {
    expect(visibleColumns([0], 0, 100)).toEqual([0, 0]);
  });
});
