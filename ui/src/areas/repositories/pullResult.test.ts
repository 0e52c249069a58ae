import { describe, expect, it } from 'vitest';
import type { JobOutcome } from '../../api';
import { isFound, pullResultOf } from './pullResult';

describe('pullResultOf', () => {
  it('answers a pull job’s result and nothing else', () => {
    const pull: JobOutcome = {
      outcome: 'pull',
      success: true,
      message: 'Pull completed successfully',
      error_detail: '',
      transport_request: null,
      job_id: null,
      activated_count: 3,
      failed_count: 0,
      conflict_count: 0,
      conflict_report: null,
      activated_objects: [],
      failed_objects: [],
      log_messages: [],
      local_xml_files: [],
      started_at: null,
      finished_at: null,
    };
    expect(pullResultOf(pull)?.activated_count).toBe(3);
    expect(pullResultOf({ outcome: 'import', files_staged: 3, commit_message: 'm' })).toBeNull();
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
