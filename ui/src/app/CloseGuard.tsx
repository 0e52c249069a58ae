// Asks before the window closes while an area holds unsaved input (see unsavedWork.ts).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { appWindow } from '../api';
import { ConfirmDialog } from '../components';
import { useNavigation } from './navigation';
import { closeQuestion, subscribeUnsavedWork, unsavedWork } from './unsavedWork';

export function CloseGuard() {
  const work = Object.values(useSyncExternalStore(subscribeUnsavedWork, unsavedWork));
  const { navigate } = useNavigation();
  const [asking, setAsking] = useState(false);
  const guarding = work.length > 0;

  // Listening only while there is something to lose: with a listener, Tauri leaves the close to it.
  useEffect(() => {
    if (!guarding) return;
    let stop: (() => void) | null = null;
    let ended = false;
    void appWindow
      .onCloseRequested((event) => {
        event.preventDefault();
        setAsking(true);
      })
      .then((unlisten) => {
        if (ended) unlisten();
        else stop = unlisten;
      });
    return () => {
      ended = true;
      stop?.();
    };
  }, [guarding]);

  return (
    <ConfirmDialog
      open={asking && guarding}
      title="Close Agent Desk?"
      message={closeQuestion(work)}
      confirmText="Close without saving"
      onConfirm={() => void appWindow.close()}
      onCancel={() => {
        setAsking(false);
        if (work[0]) navigate(work[0].area);
      }}
    />
  );
}
