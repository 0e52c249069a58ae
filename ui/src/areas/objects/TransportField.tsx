import { Icon, Input, Label } from '@ui5/webcomponents-react';
import { useId, useState } from 'react';
import type { ProfileId, TransportKind } from '../../api';
import { TransportValueHelp } from '../transports/TransportValueHelp';

export interface TransportFieldProps {
  profileId: ProfileId;
  value: string;
  onChange: (value: string) => void;
  /** Which requests the value help offers (default workbench). */
  kind?: TransportKind;
  disabled?: boolean;
  label?: string;
  placeholder?: string;
  /** Shown on the field (red border and message). */
  error?: string | null;
  required?: boolean;
  'data-testid'?: string;
}

/** A transport request: typed, or picked from the open requests with the value help (icon or F4). */
export function TransportField({ profileId, value, onChange, kind = 'workbench', disabled, label = 'Transport request', placeholder, error, required, ...rest }: TransportFieldProps) {
  const id = useId();
  const [helpOpen, setHelpOpen] = useState(false);
  const testId = rest['data-testid'];
  return (
    <div className="ad-field">
      <Label for={id} showColon required={required}>
        {label}
      </Label>
      <Input
        id={id}
        value={value}
        disabled={disabled}
        required={required}
        placeholder={placeholder ?? (kind === 'customizing' ? 'Customizing request, e.g. DEVK900013 (F4)' : 'e.g. DEVK900006 (F4 shows yours)')}
        accessibleName={label}
        valueState={error ? 'Negative' : 'None'}
        valueStateMessage={error ? <div>{error}</div> : undefined}
        showClearIcon
        icon={
          <Icon
            name="value-help"
            mode="Interactive"
            accessibleName={`Choose a ${kind} request`}
            onClick={() => !disabled && setHelpOpen(true)}
            data-testid={testId ? `${testId}-help` : undefined}
          />
        }
        onInput={(e) => onChange(e.target.value.toUpperCase())}
        onKeyDown={(e) => {
          if (e.key === 'F4' && !disabled) {
            e.preventDefault();
            setHelpOpen(true);
          }
        }}
        data-testid={testId}
      />
      <TransportValueHelp
        open={helpOpen}
        profileId={profileId}
        kind={kind}
        onSelect={(request) => {
          onChange(request.number);
          setHelpOpen(false);
        }}
        onCancel={() => setHelpOpen(false)}
      />
    </div>
  );
}
