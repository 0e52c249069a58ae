import { Bar, Button, MessageStrip, Text, TextArea } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { profiles, type AppError, type ServiceKeyDraft } from '../../api';
import { Busy, ErrorPanel, OnDemandDialog } from '../../components';

interface ServiceKeyDialogProps {
  open: boolean;
  onCancel: () => void;
  onFilled: (draft: ServiceKeyDraft) => void;
}

/** Paste a BTP service key; the app reads it and fills a Cloud Integration form. */
export function ServiceKeyDialog({ open, onCancel, onFilled }: ServiceKeyDialogProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    // The pasted key holds a secret: it does not stay in the dialog.
    setText('');
    setProblem(null);
    setError(null);
    onCancel();
  };

  const fill = async () => {
    setProblem(null);
    setError(null);
    setBusy(true);
    const result = await profiles.draftFromServiceKey(text);
    setBusy(false);
    if (result.status === 'error') {
      if (result.error.kind === 'validation') setProblem(result.error.fields.map((f) => f.message).join(' '));
      else setError(result.error);
      return;
    }
    setText('');
    onFilled(result.data);
  };

  return (
    <OnDemandDialog
      open={open}
      headerText="Paste a service key"
      onClose={close}
      data-testid="service-key-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" onClick={() => void fill()} disabled={busy || !text.trim()} data-testid="service-key-fill">
                Fill the form
              </Button>
              <Button design="Transparent" onClick={close} data-testid="service-key-cancel">
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <Busy active={busy} text="Reading the key…">
        <div className="ad-stack">
          <Text>
            Paste the JSON of a Cloud Integration service key (BTP cockpit: the Process Integration Runtime instance of plan api, its service
            key, View). Agent Desk reads the tenant URL, token URL and client id; the client secret goes to the OS keyring when you save.
          </Text>
          <TextArea
            rows={10}
            value={text}
            accessibleName="Service key"
            placeholder={'{"oauth": {"clientid": "…", "clientsecret": "…", "url": "https://…", "tokenurl": "https://…/oauth/token"}}'}
            valueState={problem ? 'Negative' : 'None'}
            onInput={(e) => setText(e.target.value)}
            data-testid="service-key-text"
          />
          {problem && (
            <MessageStrip design="Negative" hideCloseButton data-testid="service-key-problem">
              {problem}
            </MessageStrip>
          )}
          {error && <ErrorPanel error={error} onDismiss={() => setError(null)} />}
        </div>
      </Busy>
    </OnDemandDialog>
  );
}
