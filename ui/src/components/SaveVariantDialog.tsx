import { Bar, Button, Text } from '@ui5/webcomponents-react';
import { OnDemandDialog } from './OnDemandDialog';
import { useState } from 'react';
import { TextField } from './TextField';

export interface SaveVariantDialogProps {
  open: boolean;
  suggestion: string;
  existing: readonly string[];
  /** What a variant keeps, in words. */
  hint: string;
  /** Test ids: `<prefix>-dialog`, `<prefix>-save`, `<prefix>-name`. */
  testIdPrefix: string;
  onSave: (name: string) => void;
  onCancel: () => void;
}

/** Asks for a variant's name (SAP GUI's "Save as variant"); an existing name is replaced. */
export function SaveVariantDialog({ open, suggestion, existing, hint, testIdPrefix, onSave, onCancel }: SaveVariantDialogProps) {
  const [name, setName] = useState(suggestion);
  const [error, setError] = useState<string | null>(null);
  const replaces = existing.some((n) => n.toLowerCase() === name.trim().toLowerCase());
  const save = () => {
    if (!name.trim()) return setError('Enter a name for the variant.');
    if (name.trim().length > 60) return setError('Use at most 60 characters.');
    onSave(name.trim());
  };
  return (
    <OnDemandDialog
      open={open}
      headerText="Save as variant"
      onClose={onCancel}
      data-testid={`${testIdPrefix}-dialog`}
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" onClick={save} data-testid={`${testIdPrefix}-save`}>
                {replaces ? 'Replace' : 'Save'}
              </Button>
              <Button design="Transparent" onClick={onCancel}>
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <div className="ad-stack">
        <TextField
          label="Variant name"
          value={name}
          onChange={(value) => {
            setName(value);
            setError(null);
          }}
          error={error}
          required
          onSubmit={save}
          data-testid={`${testIdPrefix}-name`}
        />
        <Text className="ad-muted">
          {replaces ? 'A variant of this name exists: saving replaces it.' : hint}
        </Text>
      </div>
    </OnDemandDialog>
  );
}
