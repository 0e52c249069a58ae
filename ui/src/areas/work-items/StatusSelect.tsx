import { Option, Select } from '@ui5/webcomponents-react';
import type { OfferedStatus } from './statuses';

interface Props {
  offered: OfferedStatus[];
  /** The chosen code; '' while nothing is chosen. */
  value: string;
  onChange: (code: string) => void;
  /** How many items the change is for (the hint says "usual for 2 of 3" in a batch). */
  itemCount: number;
  disabled?: boolean;
  id?: string;
  testId: string;
  /** Each option's test id is this prefix and its code. */
  optionTestId: string;
}

/**
 * The new status: nothing chosen at first (no status is a safe default), the usual next
 * steps first and marked, then every other status of the profile.
 */
export function StatusSelect({ offered, value, onChange, itemCount, disabled, id, testId, optionTestId }: Props) {
  const hint = (s: OfferedStatus) => {
    if (!s.usualFor) return undefined;
    return itemCount > 1 ? `usual next step for ${s.usualFor} of ${itemCount}` : 'usual next step';
  };
  return (
    <Select
      id={id}
      accessibleName="New status"
      disabled={disabled || !offered.length}
      onChange={(e) => onChange(e.detail.selectedOption.dataset.code ?? '')}
      data-testid={testId}
    >
      <Option data-code="" selected={!value} data-testid={`${optionTestId}none`}>
        Choose the new status…
      </Option>
      {offered.map((s) => (
        <Option key={s.code} data-code={s.code} selected={s.code === value} additionalText={hint(s)} data-testid={`${optionTestId}${s.code}`}>
          {`${s.name} (${s.code})`}
        </Option>
      ))}
    </Select>
  );
}
