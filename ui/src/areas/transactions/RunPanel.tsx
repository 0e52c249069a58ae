import { BusyIndicator, Button, Label, Option, Select, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Operation, OperationResult, ProfileId } from '../../api';
import { ConfirmDialog, SaveVariantDialog, focusFirstInvalid, useRevealWhen } from '../../components';
import { bridge } from './api';
import { BridgeErrorPanel } from './BridgeErrorPanel';
import { filledInputs, formProblems, TYPED_INVALID } from './forms';
import { ParameterField } from './ParameterField';
import { ResultView } from './ResultView';
import type { Inputs } from './types';

export interface RunPanelProps {
  profileId: ProfileId;
  appId: string;
  operation: Operation;
  operations: readonly Operation[];
  inputs: Inputs;
  onInputs: (inputs: Inputs) => void;
  /** A follow-up action was chosen: open its form with these inputs. */
  onFollow: (operation: string, inputs: Inputs) => void;
  /** After every call (the call log and the session state changed). */
  onCalled: () => void;
}

interface LastRun {
  /** Counts the runs: a new answer starts with no row chosen. */
  seq: number;
  sent: Inputs;
  result: OperationResult | null;
  error: AppError | null;
}

/** The operation's generated form, its variants, the run and what came back. */
export function RunPanel({ profileId, appId, operation, operations, inputs, onInputs, onFollow, onCalled }: RunPanelProps) {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [last, setLast] = useState<LastRun | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useRevealWhen(resultRef, last);

  const run = useCallback(
    async (values: Inputs, homeFirst = false) => {
      const found = formProblems(operation, values);
      setProblems(found);
      setNotice(null);
      if (Object.keys(found).length) {
        focusFirstInvalid(formRef);
        return;
      }
      const sent = filledInputs(operation, values);
      if (homeFirst) {
        setBusy('Going Home…');
        const home = await bridge.home(profileId, appId);
        onCalled();
        if (home.status === 'error') {
          setBusy(null);
          setLast((l) => ({ seq: (l?.seq ?? 0) + 1, sent, result: null, error: home.error }));
          return;
        }
      }
      setBusy(`Running ${operation.name}…`);
      const answer = await bridge.run(profileId, appId, operation.name, sent);
      setBusy(null);
      onCalled();
      if (answer.status === 'ok') setLast((l) => ({ seq: (l?.seq ?? 0) + 1, sent, result: answer.data, error: null }));
      else {
        setLast((l) => ({ seq: (l?.seq ?? 0) + 1, sent, result: null, error: answer.error }));
        // The back end's (or the client's) verdict per field shows on the form as well.
        if (answer.error.kind === 'bridge' && answer.error.fields.length)
          setProblems(Object.fromEntries(answer.error.fields.map((f) => [f.field, f.message])));
      }
    },
    [appId, onCalled, operation, profileId],
  );

  const logOn = async () => {
    setBusy('Logging on…');
    const answer = await bridge.logOn(profileId, appId);
    setBusy(null);
    onCalled();
    if (answer.status === 'error') setLast((l) => (l ? { ...l, error: answer.error } : l));
    else {
      setLast((l) => (l ? { ...l, error: null } : l));
      setNotice('Logged on again. Run the operation again when you have checked that it is still needed.');
    }
  };

  const setField = (name: string, value: string) => {
    onInputs({ ...inputs, [name]: value });
    if (problems[name]) setProblems(({ [name]: _gone, ...rest }) => rest);
  };

  const submit = () => void run(inputs);

  return (
    <div className="ad-stack" data-testid="tx-run-panel">
      <section className="ad-card" ref={formRef} data-testid={`tx-form-${operation.name}`}>
        <div className="ad-card-head">
          <Title level="H4">{operation.name}</Title>
          <Text className="ad-muted">{operation.kind === 'function' ? 'Function (reads)' : 'Action (may change data)'}</Text>
          <span className="ad-spacer" />
          <Variants profileId={profileId} appId={appId} operation={operation.name} inputs={inputs} onChoose={(v) => onInputs(v)} />
        </div>
        {operation.problem ? <Text className="ad-field-error">{`This operation cannot be run: ${operation.problem}`}</Text> : null}
        {operation.parameters.length === 0 ? (
          <Text className="ad-muted">No input: the recording runs as it is.</Text>
        ) : (
          <div className="ad-form-grid">
            {operation.parameters.map((p) => (
              <ParameterField key={p.name} parameter={p} value={inputs[p.name] ?? ''} onChange={(v) => setField(p.name, v)} error={problems[p.name] ?? null} onSubmit={submit} />
            ))}
          </div>
        )}
        <div className="ad-actions">
          <Button design="Emphasized" icon="media-play" disabled={busy !== null || operation.problem !== null} onClick={submit} data-testid="tx-run">
            Run
          </Button>
          <Button design="Transparent" icon="clear-all" disabled={busy !== null} onClick={() => (onInputs({}), setProblems({}))} data-testid="tx-clear">
            Clear
          </Button>
          {busy && <BusyIndicator active size="S" delay={300} data-testid="tx-busy" />}
          {busy && <Text className="ad-muted">{busy}</Text>}
        </div>
      </section>
      <div ref={resultRef} className="ad-stack">
        {notice && (
          <Text data-testid="tx-notice" className="ad-muted">
            {notice}
          </Text>
        )}
        {last?.error && (
          <BridgeErrorPanel
            error={last.error}
            busy={busy !== null}
            onHomeAndRetry={() => void run(last.sent, true)}
            onLogOn={() => void logOn()}
            onRunAgain={() => void run(last.sent)}
            onDismiss={() => setLast({ ...last, error: null })}
          />
        )}
        {last?.result && <ResultView key={last.seq} result={last.result} operations={operations} operation={operation} sent={last.sent} onFollow={onFollow} />}
      </div>
    </div>
  );
}

/** Input variants of the operation (SAP GUI's "Get variant" / "Save as variant"), kept with the system. */
function Variants({ profileId, appId, operation, inputs, onChoose }: { profileId: ProfileId; appId: string; operation: string; inputs: Inputs; onChoose: (inputs: Inputs) => void }) {
  const [variants, setVariants] = useState<{ name: string; inputs: Inputs }[]>([]);
  const [chosen, setChosen] = useState('');
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void bridge.variants(profileId, appId, operation).then((r) => {
      if (!current) return;
      if (r.status === 'ok') setVariants(r.data);
      setChosen('');
    });
    return () => {
      current = false;
    };
  }, [profileId, appId, operation]);

  const save = async (name: string) => {
    setSaving(false);
    // Only the filled fields: a variant is what the user typed, nothing else.
    const r = await bridge.saveVariant(profileId, appId, operation, { name, inputs: Object.fromEntries(Object.entries(inputs).filter(([, v]) => v.trim() && v !== TYPED_INVALID)) });
    if (r.status === 'ok') {
      setVariants(r.data);
      setChosen(name);
      setError(null);
    } else setError(r.error.kind === 'validation' ? r.error.fields.map((f) => f.message).join(' ') : 'The variant could not be saved.');
  };
  const remove = async () => {
    setDeleting(false);
    const r = await bridge.deleteVariant(profileId, appId, operation, chosen);
    if (r.status === 'ok') {
      setVariants(r.data);
      setChosen('');
    }
  };

  return (
    <div className="ad-actions tx-variants">
      <Label showColon>Variant</Label>
      <Select
        accessibleName="Variant"
        onChange={(e) => {
          const name = e.detail.selectedOption.dataset.name ?? '';
          setChosen(name);
          const variant = variants.find((v) => v.name === name);
          if (variant) onChoose({ ...variant.inputs });
        }}
        data-testid="tx-variant-select"
      >
        <Option data-name="" selected={chosen === ''} data-testid="tx-variant-none">
          {variants.length ? '(choose a variant)' : '(no variants)'}
        </Option>
        {variants.map((v) => (
          <Option key={v.name} data-name={v.name} selected={v.name === chosen} data-testid={`tx-variant-${v.name}`}>
            {v.name}
          </Option>
        ))}
      </Select>
      <Button icon="save" design="Transparent" onClick={() => setSaving(true)} data-testid="tx-variant-save-as">
        Save as variant
      </Button>
      <Button icon="delete" design="Transparent" disabled={!chosen} onClick={() => setDeleting(true)} accessibleName="Delete variant" tooltip="Delete variant" data-testid="tx-variant-delete" />
      {error && <Text className="ad-field-error">{error}</Text>}
      {saving && <SaveVariantDialog open suggestion={chosen} existing={variants.map((v) => v.name)}
          hint="Saves the filled fields with this system: only what you typed, never a password."
          testIdPrefix="tx-variant"
          onSave={(n) => void save(n)} onCancel={() => setSaving(false)} />}
      <ConfirmDialog
        open={deleting}
        title="Delete variant?"
        message={`The variant "${chosen}" of ${operation} is deleted for this system.`}
        confirmText="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(false)}
      />
    </div>
  );
}
