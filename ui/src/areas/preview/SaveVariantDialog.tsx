import { Bar, Button, Dialog, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { TextField } from '../../components';

/** Asks for a variant's name (SAP GUI's "Save as variant"); an existing name is replaced. */
export function SaveVariantDialog({ open, suggestion, existing, onSave, onCancel }: { open: boolean; suggestion: string; existing: readonly string[]; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(suggestion);
  const [error, setError] = useState<string | null>(null);
  const replaces = existing.some((n) => n.toLowerCase() === name.trim().toLowerCase());
  const save = () => {
    if (!name.trim()) return setError('Enter a name for the variant.');
    if (name.trim().length > 60) return setError('Use at most 60 characters.');
    onSave(name.trim());
  };
  return (
    <Dialog
      open={open}
      headerText="Save as variant"
      onClose={onCancel}
      data-testid="preview-variant-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" onClick={save} data-testid="preview-variant-save">
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
          data-testid="preview-variant-name"
        />
        <Text className="ad-muted">
          {replaces ? 'A variant of this name exists: saving replaces it.' : 'Saves the table or view, the WHERE condition and the columns on this computer.'}
        </Text>
      </div>
    </Dialog>
  );
}
