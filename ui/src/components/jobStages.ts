// The stages of an abapGit Agent background job (import, or a pull the server
// moved to the background). The server names stages differently in its two
// dialects; both map onto one list the user sees.

export interface StageInfo {
  id: string;
  label: string;
}

export const IMPORT_STAGES: readonly StageInfo[] = [
  { id: 'prepare', label: 'Scheduled' },
  { id: 'find', label: 'Find repository' },
  { id: 'refresh', label: 'Read package' },
  { id: 'stage', label: 'Stage files' },
  { id: 'commit', label: 'Prepare commit' },
  { id: 'push', label: 'Push to git' },
  { id: 'done', label: 'Finished' },
];

const STAGE_ALIASES: Record<string, string> = {
  INITIALIZATION: 'prepare',
  EXECUTION: 'prepare',
  PARSE_PARAMS: 'prepare',
  SCHEDULED: 'prepare',
  STARTING: 'prepare',
  FIND_REPOSITORY: 'find',
  FIND_REPO: 'find',
  REFRESH_REPOSITORY: 'refresh',
  REFRESH_REPO: 'refresh',
  STAGE_FILES: 'stage',
  PREPARE_COMMIT: 'commit',
  PUSH: 'push',
  FINISHED: 'done',
  COMPLETED: 'done',
};

/** Index of the server's stage in `stages`, or -1 when the name is unknown. */
export function stageIndex(stage: string | null, stages: readonly StageInfo[] = IMPORT_STAGES): number {
  if (!stage) return -1;
  const id = STAGE_ALIASES[stage.trim().toUpperCase()] ?? stage.trim().toLowerCase();
  return stages.findIndex((s) => s.id === id);
}

export type JobState = 'running' | 'completed' | 'failed';

/** Job status as the server writes it (scheduled, STARTING, running, completed, error). */
export function jobStateOf(status: string): JobState {
  const s = status.trim().toLowerCase();
  if (s === 'completed') return 'completed';
  if (s === 'error' || s === 'failed' || s === 'aborted') return 'failed';
  return 'running';
}

/** An app job's state (running, succeeded, failed, cancelled, detached) as the progress display shows it. */
export function jobStateOfRecord(state: string): JobState {
  if (state === 'succeeded') return 'completed';
  if (state === 'failed' || state === 'cancelled') return 'failed';
  return 'running';
}
