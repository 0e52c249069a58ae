import {
  Button,
  CheckBox,
  Label,
  MessageStrip,
  Option,
  Panel,
  SegmentedButton,
  SegmentedButtonItem,
  Select,
  Tag,
  TextArea,
  Text,
  Title,
} from '@ui5/webcomponents-react';
import { useMemo, useRef, useState } from 'react';
import { checks, type AppError, type SyntaxObject, type UnitResult } from '../../api';
import { useNavigation } from '../../app/navigation';
import { NoSystem } from '../../app/NoSystem';
import { ShortcutKey } from '../../app/shortcuts';
import { useSystems } from '../../app/SystemContext';
import { Busy, chooseOpenFiles, ErrorPanel, TextField, useRevealWhen } from '../../components';
import { CheckResultView } from './CheckResultView';
import { reportFromChecks, reportFromFiles, type CheckReport } from './model';
import type { LoadedObject } from './sources';
import { UnitResultView } from './UnitResultView';
import './checks.css';
import { objectTypeLabel } from '../../components/objectTypes';

type Mode = 'paste' | 'files';
type Running = null | 'syntax' | 'inspect' | 'unit' | 'reading';
/** What a result was computed from, so that a changed input marks it as the previous one's. */
interface RunInput {
  key: string;
  label: string;
  systemName: string;
  variant: string;
}

type Outcome = { input: RunInput } & (
  | { kind: 'syntax' | 'inspect'; result: CheckReport; objects: SyntaxObject[]; at: string }
  | { kind: 'unit'; result: UnitResult; at: string; classesUnderTest: string[]; coverageRequested: boolean }
);

type PasteType = 'CLAS' | 'INTF' | 'PROG' | 'DDLS';

export default function ChecksPage() {
  const { active } = useSystems();
  const { navigate } = useNavigation();
  const [mode, setMode] = useState<Mode>('paste');
  const [type, setType] = useState<PasteType>('CLAS');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [localsDef, setLocalsDef] = useState('');
  const [localsImp, setLocalsImp] = useState('');
  const [testclasses, setTestclasses] = useState('');
  const [loaded, setLoaded] = useState<LoadedObject[]>([]);
  // The files chosen, as Rust reads them again for the syntax check (and maps its messages back).
  // Handles of the chosen files (from the app's open dialog), for checking them again.
  const [chosenFiles, setChosenFiles] = useState<string[]>([]);
  const [variant, setVariant] = useState('SYNTAX_CHECK');
  const [coverage, setCoverage] = useState(false);
  const [cloud, setCloud] = useState(false);
  const [running, setRunning] = useState<Running>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A check's result (or its error) is brought into view below the form.
  const results = useRef<HTMLDivElement>(null);
  useRevealWhen(results, outcome ?? error);

  const pasted = useMemo<LoadedObject | null>(() => {
    if (!name.trim() || (!source.trim() && !testclasses.trim())) return null;
    const objectName = name.trim().toUpperCase();
    return {
      object_type: type,
      object_name: objectName,
      source,
      locals_def: type === 'CLAS' && localsDef.trim() ? localsDef : null,
      locals_imp: type === 'CLAS' && localsImp.trim() ? localsImp : null,
      testclasses: type === 'CLAS' && testclasses.trim() ? testclasses : null,
      fixpt: true,
      subc: null,
      fugr_include_name: null,
      files: [`${objectName.toLowerCase().replace(/\//g, '#')}.${type.toLowerCase()}.${type === 'DDLS' ? 'asddls' : 'abap'}`],
    };
  }, [type, name, source, localsDef, localsImp, testclasses]);

  if (!active) return <NoSystem />;
  const profileId = active.profile.id;
  const systemName = active.profile.settings.display_name;
  const objects: LoadedObject[] = mode === 'paste' ? (pasted ? [pasted] : []) : loaded;
  const input: RunInput = {
    key: JSON.stringify([profileId, mode, type, name.trim().toUpperCase(), source, localsDef, localsImp, testclasses, chosenFiles, variant.trim(), coverage, cloud]),
    label: objects.map((o) => `${o.object_type} ${o.object_name}`).join(', ') || 'no object',
    systemName,
    variant: variant.trim() || 'SYNTAX_CHECK',
  };
  const stale = outcome !== null && outcome.input.key !== input.key;

  const ensureInput = (): boolean => {
    if (mode === 'paste') {
      setNameError(name.trim() ? null : 'Enter the object name, such as ZCL_MY_CLASS.');
      if (!name.trim()) return false;
      if (!pasted) {
        setError({ kind: 'validation', fields: [{ field: 'source', message: 'Paste the source to check.' }] });
        return false;
      }
    } else if (loaded.length === 0) {
      setError({ kind: 'validation', fields: [{ field: 'files', message: 'Choose the files of a local abapGit folder first.' }] });
      return false;
    }
    return true;
  };

  const chooseFiles = async () => {
    setError(null);
    const chosen = await chooseOpenFiles('Choose abapGit files to check', {
      multiple: true,
      filters: [{ name: 'abapGit files', extensions: ['abap', 'asddls', 'xml'] }],
    });
    if ('error' in chosen) return setError(chosen.error);
    const handles = chosen.files.map((f) => f.handle);
    if (handles.length === 0) return;
    setRunning('reading');
    const result = await checks.checkoutFiles(handles);
    setRunning(null);
    if (result.status === 'error') return setError(result.error);
    const found: LoadedObject[] = result.data.request.objects.map((o) => ({
      ...o,
      files:
        result.data.source_map.objects
          .find((m) => m.object_type === o.object_type && m.object_name === o.object_name)
          ?.files.map((f) => f.path) ?? [],
    }));
    setLoaded(found);
    setChosenFiles(handles);
    if (found.length === 0) {
      setError({ kind: 'validation', fields: [{ field: 'files', message: 'None of the chosen files is ABAP or CDS source in abapGit format (name.type.abap).' }] });
    }
  };

  const run = async (kind: 'syntax' | 'inspect' | 'unit') => {
    setError(null);
    if (!ensureInput()) return;
    setRunning(kind);
    const at = new Date().toISOString();
    const fileNames = objects.flatMap((o) => o.files);
    const syntaxObjects: SyntaxObject[] = objects.map(({ files: _files, ...o }) => o);
    if (kind === 'unit') {
      const classes = objects.filter((o) => o.object_type === 'CLAS');
      // The test classes at hand give failed methods their line (the system reports none).
      const testSources = classes
        .filter((o) => o.testclasses)
        .map((o) => ({
          class_name: o.object_name,
          file: o.files.find((f) => f.toLowerCase().endsWith('.clas.testclasses.abap')) ?? null,
          source: o.testclasses ?? '',
        }));
      const result = await checks.unit(profileId, { files: fileNames, package: null, coverage }, testSources);
      setRunning(null);
      if (result.status === 'error') return setError(result.error);
      setOutcome({ input, kind, result: result.data, at, classesUnderTest: classes.map((o) => o.object_name), coverageRequested: coverage });
    } else if (kind === 'syntax' && mode === 'files') {
      const result = await checks.syntaxFiles(profileId, chosenFiles);
      setRunning(null);
      if (result.status === 'error') return setError(result.error);
      setOutcome({ input, kind, result: reportFromFiles(result.data), objects: syntaxObjects, at });
    } else if (kind === 'syntax') {
      const result = await checks.syntax(profileId, { objects: syntaxObjects, unicode_check: cloud ? 'cloud' : 'standard' });
      setRunning(null);
      if (result.status === 'error') return setError(result.error);
      const { success, message, objects: checked } = result.data;
      setOutcome({ input, kind, result: reportFromChecks(checked, success, message), objects: syntaxObjects, at });
    } else {
      const result = await checks.inspect(profileId, fileNames, variant.trim() || null);
      setRunning(null);
      if (result.status === 'error') return setError(result.error);
      const { success, objects: checked } = result.data;
      const message = success ? 'No findings' : `${checked.filter((o) => !o.success).length} of ${checked.length} object(s) have findings`;
      setOutcome({ input, kind, result: reportFromChecks(checked, success, message), objects: syntaxObjects, at });
    }
  };

  const runningText = { syntax: 'Checking syntax…', inspect: 'Running the code inspection…', unit: 'Running unit tests…', reading: 'Reading files…' };

  return (
    <div className="ad-page" data-testid="checks-page">
      <ShortcutKey shortcut="F8" onPress={() => void run('syntax')} disabled={running !== null} />
      <div className="ad-page-header">
        <Title level="H2">Checks</Title>
        <Text className="ad-muted">Syntax check, code inspection and ABAP Unit in {systemName}, before you commit</Text>
      </div>
      <Busy active={running !== null} text={running ? runningText[running] : undefined}>
        <section className="ad-card" aria-label="Source to check">
          <SegmentedButton accessibleName="Where the source comes from" onSelectionChange={(e) => setMode((e.detail.selectedItems[0] as HTMLElement | undefined)?.dataset.mode as Mode ?? 'paste')}>
            <SegmentedButtonItem icon="paste" selected={mode === 'paste'} data-mode="paste" data-testid="checks-mode-paste">
              Paste source
            </SegmentedButtonItem>
            <SegmentedButtonItem icon="open-folder" selected={mode === 'files'} data-mode="files" data-testid="checks-mode-files">
              Local abapGit files
            </SegmentedButtonItem>
          </SegmentedButton>
          {mode === 'paste' ? (
            <>
              <div className="ad-form-grid">
                <div className="ad-field">
                  <Label showColon>Object type</Label>
                  <Select accessibleName="Object type" value={type} onChange={(e) => setType((e.detail.selectedOption as HTMLElement).dataset.value as PasteType)} data-testid="checks-type">
                    <Option value="CLAS" data-value="CLAS">Class (CLAS)</Option>
                    <Option value="INTF" data-value="INTF">Interface (INTF)</Option>
                    <Option value="PROG" data-value="PROG">Program (PROG)</Option>
                    <Option value="DDLS" data-value="DDLS">CDS view (DDLS)</Option>
                  </Select>
                </div>
                <TextField label="Object name" required value={name} onChange={setName} error={nameError} placeholder="ZCL_MY_CLASS" data-testid="checks-name" />
              </div>
              <div className="ad-field">
                <Label showColon>{type === 'CLAS' ? 'Class source (main)' : 'Source'}</Label>
                <TextArea className="ad-code-input" rows={12} value={source} accessibleName="Source" placeholder="Paste the ABAP source here" onInput={(e) => setSource(e.target.value)} data-testid="checks-source" />
              </div>
              {type === 'CLAS' && (
                <Panel headerText="Local classes and test classes (optional)" collapsed>
                  <div className="ad-field">
                    <Label showColon>Local definitions</Label>
                    <TextArea className="ad-code-input" rows={5} value={localsDef} accessibleName="Local definitions" onInput={(e) => setLocalsDef(e.target.value)} />
                    <Label showColon>Local implementations</Label>
                    <TextArea className="ad-code-input" rows={5} value={localsImp} accessibleName="Local implementations" onInput={(e) => setLocalsImp(e.target.value)} />
                    <Label showColon>Test classes</Label>
                    <TextArea className="ad-code-input" rows={5} value={testclasses} accessibleName="Test classes" onInput={(e) => setTestclasses(e.target.value)} data-testid="checks-testclasses" />
                  </div>
                </Panel>
              )}
            </>
          ) : (
            <div className="ad-field">
              <div className="ad-actions">
                <Button icon="open-folder" onClick={chooseFiles} data-testid="checks-choose-files">
                  Choose files…
                </Button>
                <Text className="ad-muted">Pick the .abap, .asddls and .xml files of the objects (from the src folder of your abapGit repository).</Text>
              </div>
              {loaded.length > 0 && (
                <div className="ad-actions" data-testid="checks-loaded">
                  {loaded.map((o) => (
                    <Tag key={`${o.object_type} ${o.object_name}`} design="Neutral">{`${objectTypeLabel(o.object_type)} ${o.object_name}`}</Tag>
                  ))}
                </div>
              )}
            </div>
          )}
        </section>
      </Busy>
      <section className="ad-card" aria-label="Run checks">
        <div className="ad-checks-run">
          <div className="ad-check-action">
            <Button design="Emphasized" icon="inspection" onClick={() => run('syntax')} disabled={running !== null} tooltip="Check syntax (F8)" data-testid="checks-syntax">
              Check syntax
            </Button>
            <CheckBox text="ABAP Cloud rules" checked={cloud} onChange={(e) => setCloud(e.target.checked)} />
          </div>
          <div className="ad-check-action">
            <Button icon="lab" onClick={() => run('inspect')} disabled={running !== null} data-testid="checks-inspect">
              Inspect
            </Button>
            <TextField label="Check variant" value={variant} onChange={setVariant} />
          </div>
          <div className="ad-check-action">
            <Button icon="media-play" onClick={() => run('unit')} disabled={running !== null} data-testid="checks-unit">
              Run unit tests
            </Button>
            <CheckBox text="Measure coverage" checked={coverage} onChange={(e) => setCoverage(e.target.checked)} />
          </div>
        </div>
        {mode === 'paste' && <MessageStrip design="Information" hideCloseButton>Inspect and unit tests run on the object as it is in {systemName}; the syntax check uses the source above.</MessageStrip>}
      </section>
      {error && (
        <ErrorPanel
          error={error}
          onDismiss={() => setError(null)}
          onEditSystem={() => navigate('systems', { editSystem: profileId })}
        />
      )}
      {stale && outcome ? (
        <MessageStrip design="Critical" hideCloseButton data-testid="checks-stale">
          {`These results are for the previous input (${outcome.input.label} on ${outcome.input.systemName}). Run the check again for the current one.`}
        </MessageStrip>
      ) : null}
      <div ref={results} className={stale ? 'ad-stale' : undefined} data-stale={stale ? 'true' : undefined}>
        {outcome?.kind === 'unit' && (
          <UnitResultView
            result={outcome.result}
            systemName={outcome.input.systemName}
            at={outcome.at}
            classesUnderTest={outcome.classesUnderTest}
            coverageRequested={outcome.coverageRequested}
          />
        )}
        {outcome && outcome.kind !== 'unit' && (
          <CheckResultView
            title={outcome.kind === 'syntax' ? 'Syntax check' : `Inspection (${outcome.input.variant})`}
            result={outcome.result}
            objects={outcome.objects}
            systemName={outcome.input.systemName}
            at={outcome.at}
          />
        )}
      </div>
    </div>
  );
}
