import { describe, expect, it } from 'vitest';
import type { PreviewTable } from '../../api';
import { forgetTab, loadedByTab, loadedKey } from './loadedRows';

const loaded = (name: string) => ({ table: { name } as PreviewTable, offset: 0, where: '', at: 0 });

describe('loaded rows', () => {
  it('keeps a tab\'s rows per system, so another system never shows them', () => {
    loadedByTab.set(loadedKey('dev', 'SFLIGHT-1'), loaded('SFLIGHT'));
    expect(loadedByTab.get(loadedKey('prd', 'SFLIGHT-1'))).toBeUndefined();
    expect(loadedByTab.get(loadedKey('dev', 'SFLIGHT-1'))?.table.name).toBe('SFLIGHT');
  });

  it('lets go of a closed tab\'s rows on every system', () => {
    loadedByTab.set(loadedKey('dev', 'T-1'), loaded('T'));
    loadedByTab.set(loadedKey('prd', 'T-1'), loaded('T'));
    loadedByTab.set(loadedKey('prd', 'T-10'), loaded('T'));
    forgetTab('T-1');
    expect(loadedByTab.has(loadedKey('dev', 'T-1')) || loadedByTab.has(loadedKey('prd', 'T-1'))).toBe(false);
    expect(loadedByTab.has(loadedKey('prd', 'T-10'))).toBe(true);
  });
});
