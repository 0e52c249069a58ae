// The active system and its connection state, shared by the shell and every area.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { profiles as profilesApi, type AppError, type ConnectionReport, type ProfileView, type Result } from '../api';
import { loadPreferences, savePreferences } from './preferences';

export type ConnectionState =
  | { status: 'unknown' }
  | { status: 'connecting' }
  | { status: 'connected'; info: ConnectionReport; at: number }
  | { status: 'failed'; error: AppError; at: number };

export interface SystemContextValue {
  systems: ProfileView[];
  loading: boolean;
  loadError: AppError | null;
  active: ProfileView | null;
  connection: ConnectionState;
  /** Reloads the list of systems (after create, edit, delete). */
  reload: () => Promise<void>;
  select: (id: string) => void;
  /** Tests the active system's connection (the shell's state follows). */
  testActive: () => Promise<void>;
  /** Forgets a system's warm session (the next call logs on again); the active one shows "Not connected". */
  disconnect: (id: string) => Promise<Result<boolean>>;
}

const SystemContext = createContext<SystemContextValue | null>(null);

/** Performance mark set once, when the first system is shown as connected. */
export const CONNECTED_MARK = 'agent-desk:connected';

export function useSystems(): SystemContextValue {
  const value = useContext(SystemContext);
  if (!value) throw new Error('useSystems outside SystemProvider');
  return value;
}

/** The id of the system to open: the remembered one if it still exists, else the sandbox, else the first. */
export function pickInitialSystem(systems: readonly ProfileView[], remembered: string | null): string | null {
  if (remembered && systems.some((s) => s.profile.id === remembered)) return remembered;
  // The abapGit Agent demo first: most areas need it, whatever order the profiles are in.
  const demos = systems.filter((s) => s.profile.is_demo);
  const demo =
    demos.find((s) => s.profile.settings.service_kind === 'abapgit_agent') ??
    demos[0] ??
    systems.find((s) => s.profile.settings.display_name === 'Sandbox');
  return (demo ?? systems[0])?.profile.id ?? null;
}

export function SystemProvider({ children }: { children: ReactNode }) {
  const [systems, setSystems] = useState<ProfileView[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  // The active id for callbacks that must not depend on render state.
  const activeRef = useRef<string | null>(null);
  const [connection, setConnection] = useState<ConnectionState>({ status: 'unknown' });
  // Only the latest test may set the state (switching systems quickly).
  const testSeq = useRef(0);

  useEffect(() => {
    // For the start-up benchmark (tests/e2e/bench/startup-bench.mjs): the first system shown as connected.
    if (connection.status === 'connected' && performance.getEntriesByName(CONNECTED_MARK).length === 0) performance.mark(CONNECTED_MARK);
  }, [connection.status]);

  const runTest = useCallback(async (id: string) => {
    const seq = ++testSeq.current;
    setConnection({ status: 'connecting' });
    const result = await profilesApi.testConnection(id);
    if (seq !== testSeq.current) return;
    setConnection(
      result.status === 'ok'
        ? { status: 'connected', info: result.data, at: Date.now() }
        : { status: 'failed', error: result.error, at: Date.now() },
    );
  }, []);

  const reload = useCallback(async () => {
    setLoading(true);
    const result = await profilesApi.list();
    setLoading(false);
    if (result.status === 'error') {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    setSystems(result.data);
    const current = activeRef.current;
    if (current && result.data.some((s) => s.profile.id === current)) return;
    // First load (or the active system was deleted): the remembered system, else the sandbox.
    const next = pickInitialSystem(result.data, loadPreferences().systemId);
    activeRef.current = next;
    setActiveId(next);
    if (next) {
      savePreferences({ systemId: next });
      void runTest(next);
    }
  }, [runTest]);

  useEffect(() => {
    // The first load also tests the remembered (or sandbox) system's connection.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  const select = useCallback(
    (id: string) => {
      activeRef.current = id;
      setActiveId(id);
      savePreferences({ systemId: id });
      void runTest(id);
    },
    [runTest],
  );

  const active = useMemo(() => systems.find((s) => s.profile.id === activeId) ?? null, [systems, activeId]);

  const testActive = useCallback(async () => {
    if (activeId) await runTest(activeId);
  }, [activeId, runTest]);

  const disconnect = useCallback(async (id: string) => {
    const result = await profilesApi.disconnect(id);
    if (result.status === 'ok' && id === activeRef.current) {
      testSeq.current += 1; // a test still running must not mark it connected again
      setConnection({ status: 'unknown' });
    }
    return result;
  }, []);

  const value = useMemo(
    () => ({ systems, loading, loadError, active, connection, reload, select, testActive, disconnect }),
    [systems, loading, loadError, active, connection, reload, select, testActive, disconnect],
  );
  return <SystemContext.Provider value={value}>{children}</SystemContext.Provider>;
}

export function connectionLabel(state: ConnectionState): string {
  switch (state.status) {
    case 'unknown':
      return 'Not connected';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'failed':
      return 'Failed';
  }
}
