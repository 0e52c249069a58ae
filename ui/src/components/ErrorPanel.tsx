import { Button, FlexBox, MessageStrip, Panel, Text } from '@ui5/webcomponents-react';
import type { AppError } from '../api';
import { CopyButton } from './CopyButton';
import { describeError, errorAsText, type NextStep } from './errorText';
import './components.css';

export interface ErrorPanelProps {
  error: AppError;
  /** Offered as "Retry" when given. */
  onRetry?: () => void;
  /** Offered for wrong passwords, certificates, proxies and URLs; told which of them it is. */
  onEditSystem?: (step: NextStep) => void;
  /** Hide the panel. */
  onDismiss?: () => void;
  'data-testid'?: string;
}

const STEP_LABEL: Record<NextStep, string> = {
  retry: 'Retry',
  check_password: 'Check user and password',
  trust_certificate: 'Certificate settings',
  check_proxy: 'Proxy settings',
  edit_system: 'Open system settings',
  open_keyring: 'Open system settings',
};

/** An error in words a consultant understands, with the next step and the server's own message. */
export function ErrorPanel({ error, onRetry, onEditSystem, onDismiss, ...rest }: ErrorPanelProps) {
  const d = describeError(error);
  const editSteps = d.steps.filter((s) => s !== 'retry');
  const hasServerText = Boolean((d.serverMessage && d.serverMessage !== d.explanation) || d.details.length);
  return (
    <MessageStrip
      design={error.kind === 'cancelled' ? 'Information' : 'Negative'}
      hideCloseButton={!onDismiss}
      onClose={onDismiss}
      data-testid={rest['data-testid'] ?? 'error-panel'}
      className="ad-error-panel"
    >
      <div className="ad-error-body" role="alert">
        <Text className="ad-error-title">{d.title}</Text>
        <Text data-testid="error-explanation">{d.explanation}</Text>
        {d.advice.length > 0 && (
          <ul className="ad-error-advice">
            {d.advice.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        )}
        <FlexBox wrap="Wrap" style={{ gap: '0.5rem' }}>
          {onRetry && d.steps.includes('retry') && (
            <Button icon="refresh" onClick={onRetry}>
              Retry
            </Button>
          )}
          {onEditSystem && editSteps.length > 0 && (
            <Button icon="edit" onClick={() => onEditSystem(editSteps[0]!)} data-testid="error-next-step">
              {STEP_LABEL[editSteps[0]!]}
            </Button>
          )}
          <CopyButton text={() => errorAsText(error)} label="Copy error" />
        </FlexBox>
        {hasServerText && (
          <Panel collapsed headerText="What the system said" className="ad-error-details" noAnimation>
            {d.serverMessage && <pre className="ad-pre" data-testid="error-server-message">{d.serverMessage}</pre>}
            {d.details.length > 0 && <pre className="ad-pre">{d.details.join('\n')}</pre>}
          </Panel>
        )}
      </div>
    </MessageStrip>
  );
}
