import { Bar, Button, Dialog, Label, Option, SegmentedButton, SegmentedButtonItem, Select, Text, TextArea } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AppError, BinaryParameter, StringParameter } from '../../api';
import { ErrorPanel, TextField, chooseOpenFiles } from '../../components';
import { cpi } from './api';
import type { Tenant } from './TenantPage';

/** What the dialog edits: a new parameter (`parameter` null) of a partner (`pid` empty: a new partner) or an existing one. */
export type ParameterEdit =
  | { type: 'string'; pid: string; parameter: StringParameter | null }
  | { type: 'binary'; pid: string; parameter: BinaryParameter | null };

/** The content types the Partner Directory accepts for binary parameters. */
const CONTENT_TYPES = ['xml', 'xsl', 'xsd', 'json', 'txt', 'crt', 'zip', 'gz'] as const;

interface Props {
  tenant: Tenant;
  edit: ParameterEdit | null;
  onClose: () => void;
  onSaved: (pid: string, id: string, created: boolean) => void;
}

/** Create or edit a string or binary parameter; a binary value is typed as text or uploaded from a file. */
export function ParameterDialog({ tenant, edit, onClose, onSaved }: Props) {
  // The form starts over for every parameter opened (keyed by what is edited).
  const key = edit ? `${edit.type}:${edit.pid}:${edit.parameter?.id ?? ''}` : 'closed';
  return edit ? <ParameterForm key={key} tenant={tenant} edit={edit} onClose={onClose} onSaved={onSaved} /> : null;
}

function ParameterForm({ tenant, edit, onClose, onSaved }: Props & { edit: ParameterEdit }) {
  const existing = edit.parameter;
  const [pid, setPid] = useState(edit.pid);
  const [id, setId] = useState(existing?.id ?? '');
  const [type, setType] = useState<'string' | 'binary'>(edit.type);
  const [value, setValue] = useState(existing ? (edit.type === 'string' ? (existing as StringParameter).value : ((existing as BinaryParameter).text ?? '')) : '');
  const [contentType, setContentType] = useState(edit.type === 'binary' && existing ? (existing as BinaryParameter).content_type || 'xml' : 'xml');
  const [source, setSource] = useState<'text' | 'file'>(edit.type === 'binary' && existing && (existing as BinaryParameter).text === null ? 'file' : 'text');
  const [file, setFile] = useState<{ handle: string; name: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ pid?: string; id?: string; value?: string }>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const pickFile = async () => {
    const chosen = await chooseOpenFiles('Choose the parameter’s value');
    if ('error' in chosen) return setError(chosen.error);
    const picked = chosen.files[0];
    if (!picked) return;
    setFile({ handle: picked.handle, name: picked.name });
    const extension = picked.name.split('.').pop()?.toLowerCase() ?? '';
    if ((CONTENT_TYPES as readonly string[]).includes(extension)) setContentType(extension);
  };

  const save = async () => {
    const errors: typeof fieldErrors = {};
    if (!pid.trim()) errors.pid = 'Name the partner, such as the sender’s system ID.';
    if (!id.trim()) errors.id = 'Give the parameter an ID.';
    if (type === 'binary' && source === 'file' && !file) errors.value = 'Choose a file.';
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    setBusy(true);
    setError(null);
    const replace = existing !== null;
    const answer =
      type === 'string'
        ? await cpi.saveStringParameter(tenant.profileId, pid.trim(), id.trim(), value, replace)
        : source === 'file' && file
          ? await cpi.uploadBinaryParameter(tenant.profileId, pid.trim(), id.trim(), contentType, file.handle, replace)
          : await cpi.saveBinaryParameterText(tenant.profileId, pid.trim(), id.trim(), contentType, value, replace);
    setBusy(false);
    // A refusal keeps everything typed.
    if (answer.status === 'error') return setError(answer.error);
    onSaved(pid.trim(), id.trim(), !replace);
  };

  const title = existing ? `Edit ${existing.id}` : edit.pid ? `New parameter of ${edit.pid}` : 'New partner';
  return (
    <Dialog
      open
      headerText={title}
      onClose={onClose}
      data-testid="cpi-parameter-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" disabled={busy || Boolean(tenant.readOnly)} onClick={() => void save()} data-testid="cpi-parameter-save">
                {existing ? 'Save' : 'Create'}
              </Button>
              <Button design="Transparent" onClick={onClose}>
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <div className="cpi-dialog-form">
        {error ? <ErrorPanel error={error} /> : null}
        <TextField label="Partner ID" required value={pid} onChange={setPid} readonly={Boolean(edit.pid)} error={fieldErrors.pid} data-testid="cpi-parameter-pid" />
        <TextField label="Parameter ID" required value={id} onChange={setId} readonly={existing !== null} error={fieldErrors.id} data-testid="cpi-parameter-id" />
        {existing === null ? (
          <div className="ad-field">
            <Label>Kind</Label>
            <SegmentedButton accessibleName="Kind of parameter" onSelectionChange={(e) => setType(((e.detail.selectedItems[0] as HTMLElement | undefined)?.dataset.type as 'string' | 'binary') ?? 'string')}>
              <SegmentedButtonItem selected={type === 'string'} data-type="string" data-testid="cpi-parameter-kind-string">
                String
              </SegmentedButtonItem>
              <SegmentedButtonItem selected={type === 'binary'} data-type="binary" data-testid="cpi-parameter-kind-binary">
                Binary
              </SegmentedButtonItem>
            </SegmentedButton>
          </div>
        ) : null}
        {type === 'binary' ? (
          <>
            <div className="ad-field">
              <Label>Content type</Label>
              <Select accessibleName="Content type" onChange={(e) => setContentType(e.detail.selectedOption.getAttribute('value') ?? 'xml')} data-testid="cpi-parameter-content-type">
                {CONTENT_TYPES.map((t) => (
                  <Option key={t} value={t} selected={contentType === t}>
                    {t}
                  </Option>
                ))}
              </Select>
            </div>
            <div className="ad-field">
              <Label>Value from</Label>
              <SegmentedButton accessibleName="Value from" onSelectionChange={(e) => setSource(((e.detail.selectedItems[0] as HTMLElement | undefined)?.dataset.source as 'text' | 'file') ?? 'text')}>
                <SegmentedButtonItem selected={source === 'text'} data-source="text">
                  Text
                </SegmentedButtonItem>
                <SegmentedButtonItem selected={source === 'file'} data-source="file" data-testid="cpi-parameter-from-file">
                  File
                </SegmentedButtonItem>
              </SegmentedButton>
            </div>
          </>
        ) : null}
        {type === 'binary' && source === 'file' ? (
          <div className="ad-field">
            <Label required>File</Label>
            <div className="ad-actions">
              <Button icon="browse-folder" onClick={() => void pickFile()} data-testid="cpi-parameter-file">
                Choose file…
              </Button>
              <Text>{file?.name ?? 'No file chosen'}</Text>
            </div>
            {fieldErrors.value ? <small className="ad-field-error">{fieldErrors.value}</small> : null}
          </div>
        ) : (
          <div className="ad-field">
            <Label>Value</Label>
            <TextArea value={value} rows={type === 'binary' ? 10 : 4} accessibleName="Value" onInput={(e) => setValue(e.target.value)} data-testid="cpi-parameter-value-input" />
          </div>
        )}
      </div>
    </Dialog>
  );
}
