import { describe, expect, it } from 'vitest';
import type { JobOutcome, JobRecord } from '../../api';
import { importJobAsText, importResultOf } from './importText';

const record: JobRecord = {
  id: 'j1',
  profile_id: 'p1',
  kind: 'agent_import',
  title: 'Import $ZDEMO to https://git/x.git',
  started_at: '2026-11-22T02:00:00Z',
  finished_at: '2026-11-22T02:01:05Z',
  state: 'succeeded',
  server_job: { resource: 'import', job_number: '00000042', job_name: 'ABGAGT_IMPORT_1' },
  last_progress: null,
  result: { outcome: 'import', files_staged: 37, commit_message: 'feat: initial import' },
  error: null,
};

const pullOutcome: JobOutcome = {
  outcome: 'pull',
  success: true,
  message: 'Pull completed successfully',
  error_detail: '',
  transport_request: null,
  job_id: null,
  activated_count: 0,
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

describe('import job text', () => {
  it('reads the import result from the record', () => {
    expect(importResultOf(record.result)).toMatchObject({ files_staged: 37, commit_message: 'feat: initial import' });
    expect(importResultOf(null)).toBeNull();
    expect(importResultOf(pullOutcome)).toBeNull();
  });

  it('summarises a finished import', () => {
    const text = importJobAsText({ record, progress: null, error: null, watching: false }, 'Sandbox');
    expect(text).toContain('Import $ZDEMO to https://git/x.git (Sandbox)');
    expect(text).toContain('SAP job: ABGAGT_IMPORT_1 00000042');
    expect(text).toContain('Duration: 1:05');
    expect(text).toContain('Result: 37 files committed');
  });
});
