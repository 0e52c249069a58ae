import { describe, expect, it } from 'vitest';
import { fileSize, releaseLabel } from './format';

describe('work item formatting', () => {
  it('labels releases from the parts they have', () => {
    expect(releaseLabel({ release_id: 'R25.1', description: 'Spring', change_cycle_id: null, phase: null, go_live_date: null })).toBe('R25.1 Spring');
    expect(releaseLabel({ release_id: null, description: 'Spring', change_cycle_id: null, phase: null, go_live_date: null })).toBe('Spring');
    expect(releaseLabel(null)).toBe('');
  });

  it('gives file sizes in B, KB and MB', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(2048)).toBe('2.0 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(fileSize(null)).toBe('');
  });
});
