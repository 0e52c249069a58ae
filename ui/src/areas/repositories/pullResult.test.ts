import { describe, expect, it } from 'vitest';
import type { JobOutcome } from '../../api';
import { isFound, pulledUrl, pullResultOf, transportNeeded } from './pullResult';

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
      conflicts: [],
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

describe('transportNeeded', () => {
  it('reads the command’s field error on the transport request only', () => {
    expect(
      transportNeeded({ kind: 'validation', fields: [{ field: 'transport_request', message: 'ZFLIGHT records changes in transport requests: choose the request for this pull' }] }),
    ).toContain('ZFLIGHT records changes');
    expect(transportNeeded({ kind: 'validation', fields: [{ field: 'url', message: 'bad' }] })).toBeNull();
    expect(transportNeeded({ kind: 'sap', status: 200, message: 'No transport request was supplied', details: [] })).toBeNull();
  });
});

describe('pulledUrl', () => {
  it('reads the pulled repository from a pull job\'s title', () => {
    expect(pulledUrl({ kind: 'agent_pull', title: 'Pull https://github.com/agent-desk/abap-demo.git' })).toBe('https://github.com/agent-desk/abap-demo.git');
    expect(pulledUrl({ kind: 'agent_import', title: 'Import $ZDEMO to https://x' })).toBeNull();
  });
});
