import { describe, expect, it } from 'vitest';
import type { StatusCatalogue } from '../../bindings';
import { commonStatuses, statusLabel, statusesFor, targetStatuses } from './statuses';

const catalogue: StatusCatalogue = {
  profiles: [
    { process_types: ['S1CG'], statuses: [{ code: 'E0001', name: 'Created' }, { code: 'E0012', name: 'Completed' }] },
    {
      process_types: [],
      statuses: [
        { code: 'E0001', name: 'Created' },
        { code: 'E0002', name: 'In Development' },
        { code: 'E0004', name: 'To Be Tested' },
      ],
    },
  ],
};

describe('statuses', () => {
  it('uses the process type’s profile, else the default one', () => {
    expect(statusesFor(catalogue, 's1cg').map((s) => s.code)).toEqual(['E0001', 'E0012']);
    expect(statusesFor(catalogue, 'S1MJ').map((s) => s.code)).toEqual(['E0001', 'E0002', 'E0004']);
    expect(statusesFor(catalogue, null).map((s) => s.code)).toEqual(['E0001', 'E0002', 'E0004']);
  });

  it('offers every status but the current one', () => {
    expect(targetStatuses(catalogue, 'S1MJ', 'e0002').map((s) => s.code)).toEqual(['E0001', 'E0004']);
  });

  it('offers a batch only the statuses all selected process types have', () => {
    expect(commonStatuses(catalogue, ['S1MJ', 'S1CG']).map((s) => s.code)).toEqual(['E0001']);
    expect(commonStatuses(catalogue, ['S1MJ', 'S1HF']).map((s) => s.code)).toEqual(['E0001', 'E0002', 'E0004']);
    expect(commonStatuses(catalogue, [])).toEqual([]);
  });

  it('labels codes with their names', () => {
    expect(statusLabel(catalogue, 'S1MJ', 'E0004')).toBe('To Be Tested (E0004)');
    expect(statusLabel(catalogue, 'S1MJ', 'E0099')).toBe('E0099');
    expect(statusLabel(null, 'S1MJ', 'E0004')).toBe('E0004');
  });
});
