import type { StageInfo } from '../../components';

/** A pull the server moved to the background reports these coarse stages. */
export const PULL_STAGES: readonly StageInfo[] = [
  { id: 'prepare', label: 'Scheduled' },
  { id: 'pull', label: 'Pull and activate' },
  { id: 'done', label: 'Finished' },
];
