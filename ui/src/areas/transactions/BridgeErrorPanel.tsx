import { Button, MessageStrip, Text } from '@ui5/webcomponents-react';
import type { AppError } from '../../api';
import { ErrorPanel } from '../../components';
import { StatusBar } from './StatusBar';

type BridgeFailure = Extract<AppError, { kind: 'bridge' }>;

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

/** What each remedy asks of the user, in words. */
const ADVICE: Record<BridgeFailure['remedy'], string> = {
  go_home_and_retry: 'SAP GUI is on another screen than this sequence was recorded for. Going Home brings it back to the first screen of the transaction.',
  log_on_again: 'The bridge session is no longer valid (it expired or the bridge was restarted). Log on again, then decide whether to run the call again.',
  correct_input: 'Correct the marked fields and run again.',
  check_in_system: 'The call may have changed data in SAP before the answer was lost. Check in the system whether it ran before you run it again: it is not repeated automatically.',
  check_recording: 'Check the app id and the recording; an administrator publishes the apps in SAP Mobile Services.',
  contact_administrator: "Ask the bridge's administrator to check the destination and the back-end user.",
  retry: 'Try again in a moment.',
};

/** A bridge failure with its status bar, fields, failed steps and the one thing to do about it. */
export function BridgeErrorPanel({ error, onHomeAndRetry, onLogOn, onRunAgain, onDismiss, busy }: BridgeErrorPanelProps) {
  if (error.kind !== 'bridge') return <ErrorPanel error={error} onRetry={onRunAgain} onDismiss={onDismiss} data-testid="tx-error" />;
  const code = error.error_code !== null ? ` (${error.error_code})` : '';
  return (
    <div className="ad-stack tx-error" data-testid="tx-error" data-reason={error.reason}>
      <StatusBar message={error.state?.status_bar ?? null} />
      <MessageStrip design="Negative" hideCloseButton={false} onClose={onDismiss} className="ad-error-panel">
        <div className="ad-error-body" role="alert">
          <Text className="ad-error-title">{`${title(error)}${code}`}</Text>
          <Text data-testid="tx-error-message">{error.message}</Text>
          {error.server_message && error.server_message !== error.message ? <Text className="ad-muted">{`The bridge said: ${error.server_message}`}</Text> : null}
          <Text data-testid="tx-error-advice">{ADVICE[error.remedy]}</Text>
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

function title(error: BridgeFailure): string {
  switch (error.reason) {
    case 'application_not_found':
      return 'Application not found';
    case 'sequence_not_found':
      return 'Sequence does not exist';
    case 'invalid_screen_state':
      return 'INVALID_SCREEN_STATE: wrong screen for this sequence';
    case 'batch_execution_failed':
      return 'BATCH_EXECUTION_FAILED: a recorded step failed';
    case 'invalid_input':
      return error.sent ? 'INVALID_INPUT: the back end refused the input' : 'Check the input';
    case 'restgui_call_failed':
      return 'RESTGUI_CALL_FAILED: the bridge could not reach SAP';
    case 'login_failed':
      return 'LOGIN_FAILED: SAP refused the logon';
    case 'invalid_output':
      return "INVALID_OUTPUT: SAP's screen does not match the recording";
    case 'session_invalid':
      return 'SESSION_INVALID: the bridge session ended';
    case 'unknown_error':
      return 'UNKNOWN_ERROR';
    case 'unexpected_code':
      return 'The bridge answered with an unknown error code';
    case 'outcome_unknown':
      return 'No answer: the call may have run';
    case 'metadata':
      return "The app's metadata cannot be used";
    case 'unexpected_answer':
      return 'Unexpected answer from the bridge';
  }
}
