import { ComboBox, ComboBoxItem, Label } from '@ui5/webcomponents-react';
import { useEffect, useId, useState } from 'react';
import { transports as transportApi, type ProfileId, type TransportRequest } from '../../api';

/** A transport request: typed, or picked from the user's open requests. */
export function TransportField({ profileId, value, onChange, disabled, label = 'Transport request', ...rest }: { profileId: ProfileId; value: string; onChange: (v: string) => void; disabled?: boolean; label?: string; 'data-testid'?: string }) {
  const id = useId();
  const [requests, setRequests] = useState<TransportRequest[]>([]);
  useEffect(() => {
    let cancelled = false;
    // The list is a convenience: a typed number works as well, so a failure is not shown.
    void transportApi.list(profileId, 'mine').then((r) => {
      if (!cancelled && r.status === 'ok') setRequests(r.data.transports);
    });
    return () => {
      cancelled = true;
    };
  }, [profileId]);
  return (
    <div className="ad-field">
      <Label for={id} showColon>
        {label}
      </Label>
      <ComboBox
        id={id}
        value={value}
        disabled={disabled}
        placeholder="Optional, e.g. DEVK900123"
        accessibleName={label}
        onInput={(e) => onChange(e.target.value)}
        onChange={(e) => onChange(((e.target as unknown as { value: string }).value.split(' ')[0] ?? '').toUpperCase())}
        data-testid={rest['data-testid']}
      >
        {requests.map((t) => (
          <ComboBoxItem key={t.number} text={t.number} additionalText={t.description} />
        ))}
      </ComboBox>
    </div>
  );
}
