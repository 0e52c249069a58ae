import { Input, Label } from '@ui5/webcomponents-react';
import { useId, type ReactNode } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown on the field (red border and message) and announced. */
  error?: string | null;
  required?: boolean;
  type?: 'Text' | 'Password' | 'URL' | 'Number';
  placeholder?: string;
  /** A short hint under the field. */
  hint?: ReactNode;
  disabled?: boolean;
  readonly?: boolean;
  /** Submitted on Enter. */
  onSubmit?: () => void;
  'data-testid'?: string;
}

/** A labelled input with field-level validation. The value is owned by the caller, so input survives errors. */
export function TextField({ label, value, onChange, error, required, type = 'Text', placeholder, hint, disabled, readonly, onSubmit, ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <div className="ad-field">
      <Label for={id} required={required} showColon>
        {label}
      </Label>
      <Input
        id={id}
        value={value}
        type={type}
        placeholder={placeholder}
        required={required}
        disabled={disabled}
        readonly={readonly}
        accessibleName={label}
        valueState={error ? 'Negative' : 'None'}
        valueStateMessage={error ? <div>{error}</div> : undefined}
        onInput={(e) => onChange(e.target.value)}
        onKeyDown={onSubmit ? (e) => e.key === 'Enter' && onSubmit() : undefined}
        data-testid={rest['data-testid']}
      />
      {/* Also under the field: UI5 shows the value state message only while the field has focus. */}
      {error ? (
        <small className="ad-field-error" role="alert">
          {error}
        </small>
      ) : null}
      {hint ? <small className="ad-muted">{hint}</small> : null}
    </div>
  );
}
