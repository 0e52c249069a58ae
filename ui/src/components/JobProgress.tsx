import { Icon, Label, ProgressIndicator, Text } from '@ui5/webcomponents-react';
import { useEffect, useState } from 'react';
import type { JobProgress as JobProgressData } from '../api';
import { formatElapsed } from './format';
import { IMPORT_STAGES, stageIndex, type JobState, type StageInfo } from './jobStages';
import './components.css';

export interface JobProgressProps {
  /** Latest progress message from the server (null before the first one). */
  progress: JobProgressData | null;
  state: JobState;
  /** Epoch ms when the job started (for the elapsed time). */
  startedAt: number;
  /** Epoch ms when it ended; the clock stops there. */
  finishedAt?: number | null;
  /** The stages to show; default: the import stages. */
  stages?: readonly StageInfo[];
  /** Accessible name, e.g. "Export progress". */
  label?: string;
}

/** A long job: stages as a stepper, a progress bar, files done of total and the elapsed time. */
export function JobProgress({ progress, state, startedAt, finishedAt, stages = IMPORT_STAGES, label = 'Job progress' }: JobProgressProps) {
  const now = useNow(state === 'running' && !finishedAt);
  const elapsed = (finishedAt ?? now) - startedAt;
  const known = progress ? stageIndex(progress.stage, stages) : 0;
  // An unknown stage name while running means "somewhere in the middle": show the first working stage.
  const current = state === 'completed' ? stages.length - 1 : known >= 0 ? known : Math.min(1, stages.length - 1);
  const percent = state === 'completed' ? 100 : Math.max(0, Math.min(100, progress?.percent ?? 0));
  const valueState = state === 'failed' ? 'Negative' : state === 'completed' ? 'Positive' : 'None';

  return (
    <section className="ad-job" aria-label={label} data-testid="job-progress">
      <ol className="ad-stepper" aria-label="Stages">
        {stages.map((stage, i) => {
          const stepState =
            state === 'failed' && i === current
              ? 'failed'
              : i < current || (state === 'completed' && i <= current)
                ? 'done'
                : i === current
                  ? 'current'
                  : 'pending';
          const icon =
            stepState === 'done' ? 'accept' : stepState === 'failed' ? 'error' : stepState === 'current' ? 'process' : 'circle-task';
          return (
            <li key={stage.id} className="ad-step" data-state={stepState} aria-current={stepState === 'current' ? 'step' : undefined}>
              <Icon name={icon} accessibleName={stepStateLabel(stepState)} />
              <span>{stage.label}</span>
            </li>
          );
        })}
      </ol>
      <ProgressIndicator
        value={percent}
        valueState={valueState}
        accessibleName={label}
        displayValue={`${percent}%`}
        data-testid="job-progress-bar"
      />
      <div className="ad-job-facts">
        {progress?.total ? (
          <Text data-testid="job-files">
            {`${(progress.current ?? 0).toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} files`}
          </Text>
        ) : null}
        <span>
          <Label showColon>Elapsed</Label> <Text data-testid="job-elapsed">{formatElapsed(elapsed)}</Text>
        </span>
        {progress?.message ? <Text data-testid="job-message">{progress.message}</Text> : null}
      </div>
    </section>
  );
}

function stepStateLabel(s: string): string {
  return s === 'done' ? 'Done' : s === 'failed' ? 'Failed' : s === 'current' ? 'In progress' : 'Not started';
}

/** The current time, ticking every second while `live`. */
function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [live]);
  return now;
}
