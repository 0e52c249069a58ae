import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../api';
import { dismissNotice, initialNotices, noticeLinkText, observeJobs, runningJobsArea } from './jobNotices';
import type { TrackedJob } from './JobsContext';

function job(id: string, kind: string, state: JobRecord['state'], error: string | null = null): TrackedJob {
  const record: JobRecord = {
    id, profile_id: 'p1', kind, title: `Job ${id}`, started_at: '2026-12-05T22:00:00Z',
    finished_at: state === 'running' ? null : '2026-12-05T22:01:00Z', state, server_job: null, last_progress: null, result: null, error,
  };
  return { record, progress: null, error: null, watching: state === 'running' };
}

describe('observeJobs', () => {
  it('notices an export that ends while the user is in another area, with a link to it', () => {
    const start = initialNotices([job('e1', 'agent_import', 'running')]);
    const next = observeJobs(start, [job('e1', 'agent_import', 'succeeded')], 'systems');
    expect(next.notices).toHaveLength(1);
    expect(next.notices[0]).toMatchObject({ jobId: 'e1', state: 'succeeded', area: 'import', params: { job: 'e1' } });
    expect(noticeLinkText(next.notices[0]!)).toBe('Show the export');
  });

  it('links a failed pull to the repositories area and keeps the reason', () => {
    const start = initialNotices([job('p1', 'agent_pull', 'running')]);
    const next = observeJobs(start, [job('p1', 'agent_pull', 'failed', 'Logon failed')], 'checks');
    expect(next.notices[0]).toMatchObject({ area: 'repositories', params: { pullJob: 'p1' }, state: 'failed', error: 'Logon failed' });
  });

  it('says nothing when the user watches the area that shows the job', () => {
    const start = initialNotices([job('e1', 'agent_import', 'running')]);
    expect(observeJobs(start, [job('e1', 'agent_import', 'succeeded')], 'import').notices).toEqual([]);
  });

  it('says nothing about jobs that had ended before the app saw them run', () => {
    const start = initialNotices([]);
    const loaded = observeJobs(start, [job('old', 'agent_import', 'succeeded'), job('gone', 'agent_pull', 'detached')], 'systems');
    expect(loaded.notices).toEqual([]);
    // A job left running by the last session that is watched again and ends is news.
    const watched = observeJobs(loaded, [job('old', 'agent_import', 'succeeded'), job('gone', 'agent_pull', 'running')], 'systems');
    expect(observeJobs(watched, [job('old', 'agent_import', 'succeeded'), job('gone', 'agent_pull', 'succeeded')], 'systems').notices.map((n) => n.jobId)).toEqual(['gone']);
  });

  it('counts a notice as seen when the user opens its area, and keeps the others', () => {
    let state = initialNotices([job('e1', 'agent_import', 'running'), job('p1', 'agent_pull', 'running')]);
    state = observeJobs(state, [job('e1', 'agent_import', 'succeeded'), job('p1', 'agent_pull', 'failed')], 'systems');
    expect(state.notices).toHaveLength(2);
    state = observeJobs(state, [job('e1', 'agent_import', 'succeeded'), job('p1', 'agent_pull', 'failed')], 'import');
    expect(state.notices.map((n) => n.jobId)).toEqual(['p1']);
  });

  it('drops a notice when its job is forgotten or dismissed', () => {
    let state = initialNotices([job('e1', 'agent_import', 'running'), job('e2', 'agent_import', 'running')]);
    state = observeJobs(state, [job('e1', 'agent_import', 'cancelled'), job('e2', 'agent_import', 'succeeded')], 'dumps');
    expect(state.notices).toHaveLength(2);
    state = observeJobs(state, [job('e2', 'agent_import', 'succeeded')], 'dumps');
    expect(state.notices.map((n) => n.jobId)).toEqual(['e2']);
    expect(dismissNotice(state, 'e2').notices).toEqual([]);
  });

  it('ignores jobs of kinds no area shows and keeps the same notices when nothing changed', () => {
    let state = initialNotices([job('x', 'something_else', 'running')]);
    state = observeJobs(state, [job('x', 'something_else', 'succeeded')], 'systems');
    expect(state.notices).toEqual([]);
    expect(observeJobs(state, [job('x', 'something_else', 'succeeded')], 'checks').notices).toBe(state.notices);
  });
});

describe('runningJobsArea', () => {
  it('leads to the area all running jobs share, else to Export to Git', () => {
    expect(runningJobsArea(['bridge_mass_run'])).toBe('transactions');
    expect(runningJobsArea(['agent_pull', 'agent_pull'])).toBe('repositories');
    expect(runningJobsArea(['agent_pull', 'bridge_mass_run'])).toBe('import');
  });
});

describe('Cloud Integration deployments', () => {
  it('links a failed deployment to the deployed artifacts with its reason', () => {
    const start = initialNotices([job('d1', 'cpi_deploy', 'running')]);
    const next = observeJobs(start, [job('d1', 'cpi_deploy', 'failed', 'Orders is in ERROR: no credentials')], 'cpi-content');
    expect(next.notices[0]).toMatchObject({ area: 'cpi-runtime', params: { deployJob: 'd1' }, error: 'Orders is in ERROR: no credentials' });
    expect(noticeLinkText(next.notices[0]!)).toBe('Show the deployment');
    expect(runningJobsArea(['cpi_deploy', 'cpi_deploy'])).toBe('cpi-runtime');
  });
});
