import { describe, expect, it } from 'vitest';
import type { JobProgress, JobRecord } from '../api';
import { applyJobEvent, type TrackedJob } from './JobsContext';

const record: JobRecord = {
  id: 'j1', profile_id: 'p1', kind: 'agent_import', title: 'Import', started_at: '2026-11-22T02:00:00Z',
  finished_at: null, state: 'running', server_job: null, last_progress: null, result: null, error: null,
};
const progress: JobProgress = { status: 'running', stage: 'STAGE_FILES', message: 'Staging files (10 of 20)', percent: 65, current: 10, total: 20, elapsed_ms: 4000 };

describe('applyJobEvent', () => {
  const job: TrackedJob = { record, progress: null, error: null, watching: false };

  it('takes progress and keeps it in the record', () => {
    const next = applyJobEvent(job, { event: 'progress', progress });
    expect(next.progress).toEqual(progress);
    expect(next.record.last_progress).toEqual(progress);
  });

  it('marks a snapshot of a running job as watched', () => {
    expect(applyJobEvent(job, { event: 'snapshot', record }).watching).toBe(true);
  });

  it('keeps the typed error of a failed job and stops watching', () => {
    const failed = { ...record, state: 'failed' as const, error: 'Logon failed', last_progress: progress };
    const next = applyJobEvent({ ...job, watching: true }, { event: 'finished', record: failed, error: { kind: 'authentication', status: 401, message: 'Logon failed' } });
    expect(next.watching).toBe(false);
    expect(next.error?.kind).toBe('authentication');
    expect(next.progress).toEqual(progress);
  });
});
