import { Button, MessageStrip, Text } from '@ui5/webcomponents-react';
import type { AppError } from '../../api';
import { describeError, ErrorPanel } from '../../components';
import { StatusBar } from './StatusBar';

export interface BridgeErrorPanelProps {
  error: AppError;
  /** "Go Home and run again" (INVALID_SCREEN_STATE). */
  onHomeAndRetry: () => void;
  /** "Log on again" (SESSION_INVALID, LOGIN_FAILED after a fix). */
  onLogOn: () => void;
  /** Runs the same call again: offered only where the user decides it is safe. */
  onRunAgain: () => void;
  onDismiss: () => void;
  busy: boolean;
}

/** The bridge's internal error codes by the names its documentation uses. */
const CODE_NAMES: Record<number, string> = {
  100: 'INVALID_SCREEN_STATE',
  200: 'BATCH_EXECUTION_FAILED',
  300: 'INVALID_INPUT',
  400: 'RESTGUI_CALL_FAILED',
  500: 'LOGIN_FAILED',
  600: 'INVALID_OUTPUT',
  700: 'SESSION_INVALID',
  999: 'UNKNOWN_ERROR',
};

/** A bridge failure with its status bar, fields, failed steps and the one thing to do about it. */
export function BridgeErrorPanel({ error, onHomeAndRetry, onLogOn, onRunAgain, onDismiss, busy }: BridgeErrorPanelProps) {
  if (error.kind !== 'bridge') return <ErrorPanel error={error} onRetry={onRunAgain} onDismiss={onDismiss} data-testid="tx-error" />;
  const d = describeError(error);
  const code = error.error_code !== null ? ` (${CODE_NAMES[error.error_code] ?? 'code'} ${error.error_code})` : '';
  return (
    <div className="ad-stack tx-error" data-testid="tx-error" data-reason={error.reason}>
      <StatusBar message={error.state?.status_bar ?? null} />
      <MessageStrip design="Negative" hideCloseButton={false} onClose={onDismiss} className="ad-error-panel">
        <div className="ad-error-body" role="alert">
          <Text className="ad-error-title">{`${d.title}${code}`}</Text>
          <Text data-testid="tx-error-message">{error.message}</Text>
          {error.server_message && error.server_message !== error.message ? <Text className="ad-muted">{`The bridge said: ${error.server_message}`}</Text> : null}
          <Text data-testid="tx-error-advice">{d.advice.join(' ')}</Text>
          {error.fields.length > 0 && (
            <ul className="ad-error-advice" data-testid="tx-error-fields">
              {error.fields.map((f) => (
                <li key={f.field}>{`${f.field}: ${f.message}`}</li>
              ))}
            </ul>
          )}
          {error.steps.length > 0 && (
            <ul className="ad-error-advice" data-testid="tx-error-steps">
              {error.steps.map((s) => (
                <li key={s.ord}>{`Step ${s.ord}: ${s.status}${s.code ? ` (${s.code})` : ''}`}</li>
              ))}
            </ul>
          )}
          {error.details.length > 0 && <Text className="ad-muted">{error.details.join(' · ')}</Text>}
          <div className="ad-actions">
            {error.remedy === 'go_home_and_retry' && (
              <Button design="Emphasized" icon="home" disabled={busy} onClick={onHomeAndRetry} data-testid="tx-home-and-retry">
                Go Home and run again
              </Button>
            )}
            {error.remedy === 'log_on_again' && (
              <Button design="Emphasized" icon="log" disabled={busy} onClick={onLogOn} data-testid="tx-log-on-again">
                Log on again
              </Button>
            )}
            {(error.remedy === 'retry' || error.remedy === 'check_in_system') && (
              <Button icon="refresh" disabled={busy} onClick={onRunAgain} data-testid="tx-run-again">
                {error.remedy === 'check_in_system' ? 'I checked: run again' : 'Run again'}
              </Button>
            )}
          </div>
        </div>
      </MessageStrip>
    </div>
  );
}
