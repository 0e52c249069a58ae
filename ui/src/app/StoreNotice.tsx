import { Button, IllustratedMessage, MessageStrip, ShellBar, Text } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/UnableToLoad.js';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { inTauri, store, type AppError, type StoreStatus } from '../api';
import { ConfirmDialog, ErrorPanel } from '../components';
import { blockedText, startNotices } from './storeNotice';

interface StoreValue {
  status: StoreStatus | null;
  refresh: () => Promise<void>;
}

const StoreContext = createContext<StoreValue>({ status: null, refresh: async () => {} });

/**
 * Reads what was found in the store file before the app renders: a file the app must not use
 * (saved by a newer version, held by another window) shows an error screen instead of the app.
 */
export function StoreGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const [ready, setReady] = useState(!inTauri());
  const refresh = useCallback(async () => {
    const result = await store.status();
    if (result.status === 'ok') setStatus(result.data);
    setReady(true);
  }, []);
  useEffect(() => {
    if (!inTauri()) return;
    void store.status().then((result) => {
      if (result.status === 'ok') setStatus(result.data);
      setReady(true);
    });
  }, []);

  if (!ready) return null;
  if (status?.blocked) {
    const text = blockedText(status.blocked, status.path);
    return (
      <div className="ad-shell">
        <ShellBar primaryTitle="Agent Desk" />
        <main className="ad-main" data-testid="store-blocked">
          <IllustratedMessage
            name="UnableToLoad"
            titleText={text.title}
            subtitle={<Text data-testid="store-blocked-text">{text.body}</Text>}
          />
        </main>
      </div>
    );
  }
  return <StoreContext.Provider value={{ status, refresh }}>{children}</StoreContext.Provider>;
}

/** The start-up notices about the store file (damaged and kept, entries skipped, restored). */
export function StoreNotices() {
  const { status, refresh } = useContext(StoreContext);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [replaced, setReplaced] = useState<string | null>(null);
  if (!status) return null;
  const notices = startNotices(status).filter((n) => !dismissed.includes(n.id));
  const canRestore = status.damaged !== null && status.backup_path !== null && !status.restored;

  const restore = async () => {
    setConfirm(false);
    const result = await store.restoreBackup();
    if (result.status === 'ok') {
      setReplaced(result.data);
      await refresh();
    } else setError(result.error);
  };

  if (notices.length === 0 && !error) return null;
  return (
    <div className="ad-store-notices" data-testid="store-notices">
      {notices.map((notice) => (
        <MessageStrip
          key={notice.id}
          design={notice.design}
          hideCloseButton={notice.id === 'restored'}
          onClose={() => setDismissed((d) => [...d, notice.id])}
          data-testid={`store-notice-${notice.id}`}
        >
          {notice.text}
          {notice.id === 'restored' && replaced && <Text> The version it replaced was kept as {replaced}.</Text>}
          {notice.id === 'damaged' && canRestore && (
            <Button design="Transparent" onClick={() => setConfirm(true)} data-testid="store-restore">
              Restore previous version
            </Button>
          )}
        </MessageStrip>
      ))}
      {error && <ErrorPanel error={error} />}
      <ConfirmDialog
        open={confirm}
        title="Restore the previous version?"
        message={
          `The saved systems and jobs are replaced by the version from ${status.backup_path ?? ''}. ` +
          'What was saved since is kept in a file beside it. Agent Desk must then be started again.'
        }
        confirmText="Restore"
        onConfirm={() => void restore()}
        onCancel={() => setConfirm(false)}
      />
    </div>
  );
}
