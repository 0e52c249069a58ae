// Long jobs (import, pull) belong to the app, not to a page: Rust runs and remembers them;
// this store keeps their latest state for every area, so they keep running while the
// user works elsewhere and can be watched again after a restart.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  imports,
  jobs as jobsApi,
  repositories,
  type AppError,
  type ImportRequest,
  type JobEvent,
  type JobProgress,
  type JobRecord,
  type ProfileId,
  type PullRequest,
  type Result,
} from '../api';

export interface TrackedJob {
  record: JobRecord;
  /** Latest progress (also kept in `record.last_progress`). */
  progress: JobProgress | null;
  /** The typed error of a failed job, when this app instance saw it fail. */
  error: AppError | null;
  /** Whether events are arriving for it right now. */
  watching: boolean;
}

interface JobsValue {
  jobs: TrackedJob[];
  loadError: AppError | null;
  startImport: (profileId: ProfileId, request: ImportRequest) => Promise<Result<JobRecord>>;
  startPull: (profileId: ProfileId, request: PullRequest) => Promise<Result<JobRecord>>;
  /** Starts (or restarts) a job with any command that takes an event handler, and tracks it like the others. */
  track: (run: (onEvent: (e: JobEvent) => void) => Promise<Result<JobRecord>>) => Promise<Result<JobRecord>>;
  watch: (jobId: string) => Promise<void>;
  cancel: (jobId: string) => Promise<void>;
  forget: (jobId: string) => Promise<void>;
}

const Context = createContext<JobsValue | null>(null);

export function useJobs(): JobsValue {
  const value = useContext(Context);
  if (!value) throw new Error('useJobs outside JobsProvider');
  return value;
}

/** Applies one channel event to a tracked job. Pure, unit-tested. */
export function applyJobEvent(job: TrackedJob, event: JobEvent): TrackedJob {
  switch (event.event) {
    case 'snapshot':
      return { ...job, record: event.record, progress: event.record.last_progress ?? job.progress, watching: event.record.state === 'running' };
    case 'progress':
      return { ...job, progress: event.progress, record: { ...job.record, last_progress: event.progress } };
    case 'finished':
      return { ...job, record: event.record, progress: event.record.last_progress ?? job.progress, error: event.error, watching: false };
  }
}

function tracked(record: JobRecord): TrackedJob {
  return { record, progress: record.last_progress, error: null, watching: record.state === 'running' };
}

export function JobsProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<TrackedJob[]>([]);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  // Events can arrive before the start command returns: park them by job id.
  const early = useRef(new Map<string, JobEvent[]>());

  // Ids the store holds, readable outside state updaters (which must stay pure).
  const known = useRef(new Set<string>());

  const upsert = useCallback((record: JobRecord) => {
    const parked = early.current.get(record.id) ?? [];
    early.current.delete(record.id);
    known.current.add(record.id);
    setJobs((all) => {
      const existing = all.find((j) => j.record.id === record.id);
      const next = parked.reduce(applyJobEvent, existing ? { ...existing, record } : tracked(record));
      return [next, ...all.filter((j) => j.record.id !== record.id)];
    });
  }, []);

  const onEvent = useCallback((event: JobEvent, jobId: () => string | null) => {
    const id = event.event === 'progress' ? jobId() : event.record.id;
    if (!id) return;
    if (!known.current.has(id)) {
      early.current.set(id, [...(early.current.get(id) ?? []), event]);
      return;
    }
    setJobs((all) => all.map((j) => (j.record.id === id ? applyJobEvent(j, event) : j)));
  }, []);

  const start = useCallback(
    async (run: (handler: (e: JobEvent) => void) => Promise<Result<JobRecord>>) => {
      let id: string | null = null;
      const result = await run((event) => {
        if (event.event !== 'progress') id = event.record.id;
        onEvent(event, () => id);
      });
      if (result.status === 'ok') {
        id = result.data.id;
        upsert(result.data);
      }
      return result;
    },
    [onEvent, upsert],
  );

  const startImport = useCallback<JobsValue['startImport']>(
    (profileId, request) => start((handler) => imports.start(profileId, request, handler)),
    [start],
  );
  const startPull = useCallback<JobsValue['startPull']>(
    (profileId, request) => start((handler) => repositories.pull(profileId, request, handler)),
    [start],
  );

  const watch = useCallback(
    async (jobId: string) => {
      setJobs((all) => all.map((j) => (j.record.id === jobId ? { ...j, watching: true, error: null } : j)));
      const result = await jobsApi.watch(jobId, (event) => onEvent(event, () => jobId));
      if (result.status === 'ok') upsert(result.data);
      else setJobs((all) => all.map((j) => (j.record.id === jobId ? { ...j, watching: false, error: result.error } : j)));
    },
    [onEvent, upsert],
  );

  const cancel = useCallback(
    async (jobId: string) => {
      const result = await jobsApi.cancel(jobId);
      if (result.status === 'ok') upsert(result.data);
    },
    [upsert],
  );

  const forget = useCallback(async (jobId: string) => {
    const result = await jobsApi.forget(jobId);
    if (result.status === 'ok') {
      known.current.delete(jobId);
      setJobs((all) => all.filter((j) => j.record.id !== jobId));
    }
  }, []);

  // Remembered jobs; running ones are watched so that their progress shows wherever the user is.
  useEffect(() => {
    let cancelled = false;
    void jobsApi.list().then((result) => {
      if (cancelled) return;
      if (result.status === 'error') {
        setLoadError(result.error);
        return;
      }
      for (const record of result.data) known.current.add(record.id);
      setJobs(result.data.map(tracked));
      for (const record of result.data) if (record.state === 'running') void watch(record.id);
    });
    return () => {
      cancelled = true;
    };
  }, [watch]);

  const value = useMemo(
    () => ({ jobs, loadError, startImport, startPull, track: start, watch, cancel, forget }),
    [jobs, loadError, startImport, startPull, start, watch, cancel, forget],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
