import { Icon } from '@ui5/webcomponents-react';
import { SEVERITY_LABEL, type Severity } from './format';

const ICON: Record<Severity, { name: string; color: string }> = {
  error: { name: 'message-error', color: 'var(--sapNegativeElementColor)' },
  warning: { name: 'message-warning', color: 'var(--sapCriticalElementColor)' },
  success: { name: 'message-success', color: 'var(--sapPositiveElementColor)' },
  information: { name: 'message-information', color: 'var(--sapInformativeElementColor)' },
};

/** The Fiori message icon for a severity, with its name for screen readers. */
export function SeverityIcon({ severity }: { severity: Severity }) {
  const { name, color } = ICON[severity];
  return <Icon name={name} accessibleName={SEVERITY_LABEL[severity]} style={{ color, flex: 'none' }} />;
}
