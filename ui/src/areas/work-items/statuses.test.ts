import { describe, expect, it } from 'vitest';
import type { StatusCatalogue } from '../../bindings';
import { commonStatuses, offeredStatuses, statusLabel, statusesFor } from './statuses';

const catalogue: StatusCatalogue = {
  profiles: [
    {
      process_types: ['S1CG'],
      statuses: [
        { code: 'E0001', name: 'Created', kind: 'in_progress' },
        { code: 'E0012', name: 'Completed', kind: 'in_progress' },
      ],
      usual_steps: [{ from: 'E0001', to: 'E0012' }],
    },
    {
      process_types: [],
      statuses: [
        { code: 'E0001', name: 'Created', kind: 'in_progress' },
        { code: 'E0002', name: 'In Development', kind: 'in_progress' },
        { code: 'E0004', name: 'To Be Tested', kind: 'in_progress' },
        { code: 'E0009', name: 'Successfully Tested', kind: 'in_progress' },
        { code: 'E0017', name: 'To Be Corrected', kind: 'in_progress' },
      ],
      usual_steps: [
        { from: 'E0002', to: 'E0004' },
        { from: 'E0004', to: 'E0009' },
        { from: 'E0004', to: 'E0017' },
        { from: 'E0004', to: 'E0002' },
      ],
    },
  ],
};

const item = (process_type: string | null, code: string) => ({ process_type, status: { code } });
const codes = (list: { code: string }[]) => list.map((s) => s.code);

describe('statuses', () => {
  it('uses the process type’s profile, else the default one', () => {
    expect(codes(statusesFor(catalogue, 's1cg'))).toEqual(['E0001', 'E0012']);
    expect(codes(statusesFor(catalogue, 'S1MJ'))).toEqual(['E0001', 'E0002', 'E0004', 'E0009', 'E0017']);
    expect(codes(statusesFor(catalogue, null))).toEqual(['E0001', 'E0002', 'E0004', 'E0009', 'E0017']);
  });

  it('offers the usual next steps first, in the catalogue’s order, then every other status but the current one', () => {
    const offered = offeredStatuses(catalogue, [item('S1MJ', 'e0004')]);
    expect(codes(offered)).toEqual(['E0009', 'E0017', 'E0002', 'E0001']);
    expect(offered.map((s) => s.usualFor)).toEqual([1, 1, 1, 0]);
    expect(codes(offeredStatuses(catalogue, [item('S1MJ', 'E0002')]))).toEqual(['E0004', 'E0001', 'E0009', 'E0017']);
  });

  it('offers a status without usual steps in the profile’s order', () => {
    expect(codes(offeredStatuses(catalogue, [item('S1MJ', 'E0009')]))).toEqual(['E0001', 'E0002', 'E0004', 'E0017']);
  });

  it('offers a batch the statuses usual for most of its items first, and a status some items already have', () => {
    const offered = offeredStatuses(catalogue, [item('S1MJ', 'E0002'), item('S1MJ', 'E0002'), item('S1MJ', 'E0004')]);
    expect(codes(offered)).toEqual(['E0004', 'E0009', 'E0017', 'E0002', 'E0001']);
    expect(offered[0]?.usualFor).toBe(2);
    // All of them there already: not offered.
    expect(codes(offeredStatuses(catalogue, [item('S1MJ', 'E0004'), item('S1HF', 'E0004')]))).not.toContain('E0004');
  });

  it('offers a batch only the statuses all selected process types have', () => {
    expect(codes(commonStatuses(catalogue, ['S1MJ', 'S1CG']))).toEqual(['E0001']);
    expect(codes(offeredStatuses(catalogue, [item('S1MJ', 'E0002'), item('S1CG', 'E0001')]))).toEqual(['E0001']);
    expect(commonStatuses(catalogue, [])).toEqual([]);
  });

  it('labels codes with their names', () => {
    expect(statusLabel(catalogue, 'S1MJ', 'E0004')).toBe('To Be Tested (E0004)');
    expect(statusLabel(catalogue, 'S1MJ', 'E0099')).toBe('E0099');
    expect(statusLabel(null, 'S1MJ', 'E0004')).toBe('E0004');
  });
});
