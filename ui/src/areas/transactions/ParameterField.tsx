import { CheckBox, Input, Label, Option, Select } from '@ui5/webcomponents-react';
import { useId } from 'react';
import type { Parameter } from '../../api';
import { DateField, TimeField } from '../../components';
import { TYPED_INVALID, typeLabel } from './forms';

export interface ParameterFieldProps {
  parameter: Parameter;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  onSubmit: () => void;
  testIdPrefix?: string;
}

// The date and time fields speak the app's filter format (yyyyMMdd, HHmmss); the bridge's is
// ISO (YYYY-MM-DD, hh:mm:ss).
const toCompactDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replace(/-/g, '') : iso);
const toIsoDate = (compact: string) => (/^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}` : compact);
const toCompactTime = (iso: string) => (/^\d{2}:\d{2}(:\d{2})?$/.test(iso) ? iso.replace(/:/g, '').padEnd(6, '0') : iso);
const toIsoTime = (compact: string) => (/^\d{6}$/.test(compact) ? `${compact.slice(0, 2)}:${compact.slice(2, 4)}:${compact.slice(4)}` : compact);

/** One parameter's field, chosen by its Edm type; required ones are marked. */
export function ParameterField({ parameter, value, onChange, error, onSubmit, testIdPrefix = 'tx-field' }: ParameterFieldProps) {
  const id = useId();
  const testId = `${testIdPrefix}-${parameter.name}`;
  const label = (
    <Label for={id} required={parameter.required} showColon wrappingType="Normal">
      {parameter.name}
    </Label>
  );
  const problem = error ? (
    <small className="ad-field-error" role="alert" data-testid={`${testId}-error`}>
      {error}
    </small>
  ) : null;
  const hint = <small className="ad-muted">{typeLabel(parameter)}</small>;

  switch (parameter.input_kind) {
    case 'boolean':
      return parameter.required ? (
        <div className="ad-field">
          {label}
          <CheckBox id={id} text="Yes" checked={/^(true|x|yes|1)$/i.test(value)} onChange={(e) => onChange(e.target.checked ? 'true' : 'false')} data-testid={testId} />
          {problem}
        </div>
      ) : (
        <div className="ad-field">
          {label}
          <Select id={id} accessibleName={parameter.name} onChange={(e) => onChange(e.detail.selectedOption.dataset.value ?? '')} data-testid={testId}>
            <Option data-value="" selected={value === ''}>
              (not given)
            </Option>
            <Option data-value="true" selected={/^(true|x|yes|1)$/i.test(value)}>
              Yes
            </Option>
            <Option data-value="false" selected={/^(false|no|0|-)$/i.test(value)}>
              No
            </Option>
          </Select>
          {problem}
        </div>
      );
    case 'date':
      return (
        <div className="ad-field">
          <DateField
            label={parameter.required ? `${parameter.name} *` : parameter.name}
            value={value === TYPED_INVALID ? '' : toCompactDate(value)}
            onChange={(v) => onChange(v === null ? TYPED_INVALID : toIsoDate(v))}
            error={error}
            onSubmit={onSubmit}
            data-testid={testId}
          />
        </div>
      );
    case 'time':
      return (
        <div className="ad-field">
          <TimeField
            label={parameter.required ? `${parameter.name} *` : parameter.name}
            value={value === TYPED_INVALID ? '' : toCompactTime(value)}
            onChange={(v) => onChange(v === null ? TYPED_INVALID : toIsoTime(v))}
            error={error}
            onSubmit={onSubmit}
            data-testid={testId}
          />
        </div>
      );
    default:
      return (
        <div className="ad-field">
          {label}
          <Input
            id={id}
            value={value}
            type="Text"
            maxlength={parameter.max_length ?? undefined}
            required={parameter.required}
            accessibleName={parameter.name}
            placeholder={parameter.input_kind === 'date_time' ? 'YYYY-MM-DDThh:mm:ssZ' : undefined}
            valueState={error ? 'Negative' : 'None'}
            valueStateMessage={error ? <div>{error}</div> : undefined}
            onInput={(e) => onChange(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && onSubmit()}
            data-testid={testId}
          />
          {problem ?? hint}
        </div>
      );
  }
}
