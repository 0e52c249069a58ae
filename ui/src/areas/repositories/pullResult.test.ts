import { describe, expect, it } from 'vitest';
import { isFound, pullResultOf } from './pullResult';

describe('pullResultOf', () => {
  it('fills missing lists and rejects other shapes', () => {
    const result = pullResultOf({ success: true, message: 'Pull completed successfully', activated_count: 3 });
    expect(result?.activated_count).toBe(3);
    expect(result?.failed_objects).toEqual([]);
    expect(result?.transport_request).toBeNull();
    expect(pullResultOf({ files_staged: 3 })).toBeNull();
    expect(pullResultOf(null)).toBeNull();
  });
});

describe('isFound', () => {
  it('accepts the server words in any case or a key', () => {
    const base = { url: 'u', repo_key: null, package: null, transport_required: null };
    expect(isFound({ ...base, status: 'Found' })).toBe(true);
    expect(isFound({ ...base, status: 'Not found' })).toBe(false);
    expect(isFound({ ...base, status: '', repo_key: 'K1' })).toBe(true);
  });
});
