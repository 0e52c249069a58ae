// Notices for background jobs that ended while the user was in another area: the shell shows
// them (with a link to the result) until the user has seen that area or dismissed them.
import type { JobState } from '../api';
import type { AreaId } from './areas';
import type { TrackedJob } from './JobsContext';

export interface JobNotice {
  jobId: string;
  title: string;
  state: Exclude<JobState, 'running' | 'detached'>;
  /** Why it failed, in words (only for a failed job). */
  error: string | null;
  finishedAt: string | null;
  /** Where its result shows, and the hint that opens it there. */
  area: AreaId;
  params: Record<string, string>;
}

export interface NoticeState {
  /** Each job's state when last observed: an end is a change from `running`. */
  states: Readonly<Record<string, JobState>>;
  notices: readonly JobNotice[];
}

/** The area that shows a job of `kind`, and the parameter that selects the job there. */
const RESULT_AREA: Record<string, { area: AreaId; param: string }> = {
  agent_import: { area: 'import', param: 'job' },
  agent_pull: { area: 'repositories', param: 'pullJob' },
  bridge_mass_run: { area: 'transactions', param: 'massRun' },
  cpi_deploy: { area: 'cpi-runtime', param: 'deployJob' },
};

export function resultAreaOf(kind: string): AreaId | null {
  return RESULT_AREA[kind]?.area ?? null;
}

/** Where the shell's "running jobs" button leads: the area of all of them when they share one, else Export to Git. */
export function runningJobsArea(kinds: readonly string[]): AreaId {
  const areas = new Set(kinds.map((k) => resultAreaOf(k) ?? 'import'));
  return areas.size === 1 ? [...areas][0]! : 'import';
}

function statesOf(jobs: readonly TrackedJob[]): Record<string, JobState> {
  return Object.fromEntries(jobs.map((j) => [j.record.id, j.record.state]));
}

/** The starting point: jobs already ended when the app opened are not news. */
export function initialNotices(jobs: readonly TrackedJob[]): NoticeState {
  return { states: statesOf(jobs), notices: [] };
}

/**
 * Takes the jobs' latest states while the user is in `area`. A job that was running and has
 * ended adds a notice unless the user is looking at the area that shows it; notices for the
 * area the user is in count as seen, and notices for forgotten jobs go.
 */
export function observeJobs(previous: NoticeState, jobs: readonly TrackedJob[], area: AreaId): NoticeState {
  const ended: JobNotice[] = [];
  for (const { record } of jobs) {
    const target = RESULT_AREA[record.kind];
    const wasRunning = previous.states[record.id] === 'running';
    if (!target || !wasRunning || record.state === 'running' || record.state === 'detached') continue;
    if (target.area === area) continue;
    ended.push({
      jobId: record.id,
      title: record.title,
      state: record.state,
      error: record.state === 'failed' ? record.error : null,
      finishedAt: record.finished_at,
      area: target.area,
      params: { [target.param]: record.id },
    });
  }
  const present = new Set(jobs.map((j) => j.record.id));
  const endedIds = new Set(ended.map((n) => n.jobId));
  const kept = previous.notices.filter((n) => n.area !== area && present.has(n.jobId) && !endedIds.has(n.jobId));
  const notices = ended.length === 0 && kept.length === previous.notices.length ? previous.notices : [...ended, ...kept];
  return { states: statesOf(jobs), notices };
}

export function dismissNotice(state: NoticeState, jobId: string): NoticeState {
  return { ...state, notices: state.notices.filter((n) => n.jobId !== jobId) };
}

const OUTCOME: Record<JobNotice['state'], string> = { succeeded: 'Completed', failed: 'Failed', cancelled: 'Cancelled' };

/** The outcome in a word, for the notice's title and its status. */
export function noticeOutcome(notice: JobNotice): string {
  return OUTCOME[notice.state];
}

/** What following the notice opens. */
export function noticeLinkText(notice: JobNotice): string {
  if (notice.area === 'cpi-runtime') return 'Show the deployment';
  return notice.area === 'import' ? 'Show the export' : notice.area === 'transactions' ? 'Show the mass run' : 'Show the pull';
}
