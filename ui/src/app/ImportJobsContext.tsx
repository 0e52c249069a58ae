// Import jobs live above the areas: they keep running while the user works
// elsewhere, and are remembered (without secrets) so they can be watched again after a restart.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { imports, type AppError, type ImportOutcome, type ImportRequest, type JobProgress } from '../api';
import { jobStateOf, type JobState } from '../components';

export interface ImportJob {
  jobNumber: string;
  profileId: string;
  systemName: string;
  request: ImportRequest;
  startedAt: number;
  finishedAt: number | null;
  state: JobState;
  /** Whether the app is currently polling it. */
  watching: boolean;
  progress: JobProgress | null;
  outcome: ImportOutcome | null;
  error: AppError | null;
}

interface ImportJobsValue {
  jobs: ImportJob[];
  start: (profileId: string, systemName: string, request: ImportRequest) => Promise<{ jobNumber: string } | { error: AppError }>;
  watch: (jobNumber: string) => void;
  forget: (jobNumber: string) => void;
}

const Context = createContext<ImportJobsValue | null>(null);
const STORAGE_KEY = 'agent-desk.import-jobs.v1';
const MAX_REMEMBERED = 20;

type Stored = Omit<ImportJob, 'watching' | 'error'> & { error?: AppError | null };

export function parseStoredJobs(raw: string | null): ImportJob[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value
      .filter((j): j is Stored => typeof j === 'object' && j !== null && typeof (j as Stored).jobNumber === 'string')
      .map((j) => ({ ...j, watching: false, error: j.error ?? null, progress: j.progress ?? null, outcome: j.outcome ?? null }));
  } catch {
    return [];
  }
}

function persist(jobs: ImportJob[]) {
  try {
    const stored: Stored[] = jobs.slice(0, MAX_REMEMBERED).map(({ watching: _w, ...rest }) => rest);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  } catch {
    // remembering is a convenience
  }
}

export function useImportJobs(): ImportJobsValue {
  const value = useContext(Context);
  if (!value) throw new Error('useImportJobs outside ImportJobsProvider');
  return value;
}

export function ImportJobsProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<ImportJob[]>(() => {
    try {
      return parseStoredJobs(localStorage.getItem(STORAGE_KEY));
    } catch {
      return [];
    }
  });
  const watching = useRef(new Set<string>());

  useEffect(() => persist(jobs), [jobs]);

  const update = useCallback((jobNumber: string, change: (job: ImportJob) => ImportJob) => {
    setJobs((all) => all.map((j) => (j.jobNumber === jobNumber ? change(j) : j)));
  }, []);

  const watchJob = useCallback(
    async (jobNumber: string, profileId: string) => {
      if (watching.current.has(jobNumber)) return;
      watching.current.add(jobNumber);
      update(jobNumber, (j) => ({ ...j, watching: true, error: null }));
      const result = await imports.watch(profileId, jobNumber, (progress) => {
        update(jobNumber, (j) => ({ ...j, progress, state: jobStateOf(progress.status) }));
      });
      watching.current.delete(jobNumber);
      update(jobNumber, (j) => {
        if (result.status === 'error') {
          // A lost connection does not mean the job failed in SAP: keep it watchable.
          return { ...j, watching: false, error: result.error };
        }
        const outcome = result.data;
        return {
          ...j,
          watching: false,
          outcome,
          state: outcome.success ? 'completed' : 'failed',
          finishedAt: j.finishedAt ?? Date.now(),
        };
      });
    },
    [update],
  );

  // Jobs that were still running when the app closed are watched again.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    for (const job of jobs) if (job.state === 'running') void watchJob(job.jobNumber, job.profileId);
  }, [jobs, watchJob]);

  const start = useCallback<ImportJobsValue['start']>(
    async (profileId, systemName, request) => {
      const result = await imports.start(profileId, request);
      if (result.status === 'error') return { error: result.error };
      const job: ImportJob = {
        jobNumber: result.data.job_number,
        profileId,
        systemName,
        request,
        startedAt: Date.now(),
        finishedAt: null,
        state: 'running',
        watching: false,
        progress: null,
        outcome: null,
        error: null,
      };
      setJobs((all) => [job, ...all.filter((j) => j.jobNumber !== job.jobNumber)]);
      void watchJob(job.jobNumber, profileId);
      return { jobNumber: job.jobNumber };
    },
    [watchJob],
  );

  const watch = useCallback(
    (jobNumber: string) => {
      const job = jobs.find((j) => j.jobNumber === jobNumber);
      if (job) void watchJob(jobNumber, job.profileId);
    },
    [jobs, watchJob],
  );

  const forget = useCallback((jobNumber: string) => {
    setJobs((all) => all.filter((j) => j.jobNumber !== jobNumber));
  }, []);

  const value = useMemo(() => ({ jobs, start, watch, forget }), [jobs, start, watch, forget]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
