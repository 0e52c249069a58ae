import {
  Button,
  ComboBox,
  ComboBoxItem,
  Label,
  List,
  ListItemStandard,
  MessageStrip,
  Tab,
  TabContainer,
  Text,
  Title,
} from '@ui5/webcomponents-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError, AppMetadata, ProfileView } from '../../api';
import { Busy, ErrorPanel } from '../../components';
import { useNavigation } from '../../app/navigation';
import { bridge } from './api';
import { CallLogDialog } from './CallLogDialog';
import { MassRunPanel } from './MassRunPanel';
import { appKey, loadMemory, operationKey, rememberIn, withApp } from './memory';
import { RunPanel } from './RunPanel';
import { appIdsOf } from './systems';
import type { Inputs } from './types';

/** One bridge system: an app, its operations, the chosen one's form or mass run, Home, Logout, the call log. */
export function Workbench({ system }: { system: ProfileView }) {
  const profileId = system.profile.id;
  const memory = useMemo(() => loadMemory(), []);
  const listed = appIdsOf(system);
  // The system's own apps first, then others the user opened on it.
  const [knownApps, setKnownApps] = useState<string[]>(() => [...listed, ...(memory.apps[profileId] ?? []).filter((a) => !listed.includes(a))]);
  const initialApp = memory.app[profileId] || listed[0] || '';
  const [appText, setAppText] = useState(initialApp);
  const [appId, setAppId] = useState<string | null>(initialApp || null);
  const [metadata, setMetadata] = useState<AppMetadata | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const [operationName, setOperationName] = useState<string | null>(null);
  const [inputs, setInputs] = useState<Record<string, Inputs>>(memory.inputs);
  const [tab, setTab] = useState<'run' | 'mass'>('run');
  const [logOpen, setLogOpen] = useState(false);
  const [logVersion, setLogVersion] = useState(0);
  const [sessionNote, setSessionNote] = useState<{ text: string; error: AppError | null } | null>(null);
  const { params } = useNavigation();

  const load = useCallback(
    async (app: string, reload = false) => {
      setLoading(true);
      setLoadError(null);
      const answer = reload ? await bridge.reloadOperations(profileId, app) : await bridge.operations(profileId, app);
      setLoading(false);
      if (answer.status === 'error') {
        setMetadata(null);
        setLoadError(answer.error);
        return;
      }
      setMetadata(answer.data);
      const remembered = loadMemory().operation[appKey(profileId, app)];
      const first = answer.data.operations.find((o) => !o.generic);
      setOperationName((current) =>
        current && answer.data.operations.some((o) => o.name === current)
          ? current
          : answer.data.operations.some((o) => o.name === remembered)
            ? remembered!
            : (first?.name ?? null),
      );
      setKnownApps((apps) => (apps.includes(app) ? apps : [...apps, app]));
      rememberIn('apps', profileId, withApp(loadMemory().apps[profileId] ?? [], app));
    },
    [profileId],
  );

  useEffect(() => {
    // The remembered app opens by itself, as the user left it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (appId) void load(appId);
  }, [appId, load]);

  // A finished mass run's notice opens it here.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (params.massRun) setTab('mass');
  }, [params.massRun]);

  const open = () => {
    const app = appText.trim();
    if (!app) return;
    rememberIn('app', profileId, app);
    if (app === appId) void load(app);
    else {
      setMetadata(null);
      setOperationName(null);
      setAppId(app);
    }
  };

  const choose = (name: string) => {
    setOperationName(name);
    if (appId) rememberIn('operation', appKey(profileId, appId), name);
  };

  const setOperationInputs = (name: string, values: Inputs) => {
    if (!appId) return;
    const key = operationKey(profileId, appId, name);
    setInputs((all) => ({ ...all, [key]: values }));
    rememberIn('inputs', key, values);
  };

  const session = async (what: 'home' | 'logout') => {
    if (!appId) return;
    setSessionNote(null);
    const answer = what === 'home' ? await bridge.home(profileId, appId) : await bridge.logout(profileId, appId);
    setLogVersion((v) => v + 1);
    if (answer.status === 'error') setSessionNote({ text: what === 'home' ? 'Home failed.' : 'Logout failed.', error: answer.error });
    else
      setSessionNote({
        text: what === 'home' ? 'SAP GUI is back on the first screen of the transaction.' : answer.data ? 'Logged out: the next run logs on again.' : 'No session was open.',
        error: null,
      });
  };

  const operation = metadata?.operations.find((o) => o.name === operationName) ?? null;
  const recorded = metadata?.operations.filter((o) => !o.generic) ?? [];

  return (
    <div className="ad-stack" data-testid="tx-workbench">
      <section className="ad-card">
        <div className="ad-actions tx-app-bar">
          <Label for="tx-app" showColon required>
            App
          </Label>
          <ComboBox
            id="tx-app"
            value={appText}
            placeholder="App id, e.g. su01users"
            accessibleName="App"
            onInput={(e) => setAppText(e.target.value)}
            onChange={(e) => setAppText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && open()}
            data-testid="tx-app"
          >
            {knownApps.map((a) => (
              <ComboBoxItem key={a} text={a} />
            ))}
          </ComboBox>
          <Button design="Emphasized" onClick={open} disabled={!appText.trim()} data-testid="tx-app-open">
            Open
          </Button>
          <span className="ad-spacer" />
          <Button icon="home" disabled={!metadata} onClick={() => void session('home')} data-testid="tx-home" tooltip="Back to the first screen of the transaction (Home)">
            Home
          </Button>
          <Button icon="log" disabled={!metadata} onClick={() => void session('logout')} data-testid="tx-logout" tooltip="End the bridge session (Logout)">
            Logout
          </Button>
          <Button icon="list" design="Transparent" onClick={() => setLogOpen(true)} data-testid="tx-call-log-open">
            Call log
          </Button>
          <Button icon="refresh" design="Transparent" disabled={!appId || loading} onClick={() => appId && void load(appId, true)} tooltip="Read the app's metadata again" accessibleName="Reload operations" data-testid="tx-reload" />
        </div>
        {sessionNote && (
          <MessageStrip design={sessionNote.error ? 'Negative' : 'Information'} onClose={() => setSessionNote(null)} data-testid="tx-session-note">
            {sessionNote.error ? `${sessionNote.text} ${sessionNote.error.kind === 'bridge' ? sessionNote.error.message : ''}` : sessionNote.text}
          </MessageStrip>
        )}
      </section>

      {loadError && <ErrorPanel error={loadError} onRetry={() => appId && void load(appId)} data-testid="tx-load-error" />}
      {!appId && !loadError && <Text className="ad-muted">Enter the id of a recorded app (the last part of its URL, …/mtb-bridge/odata/app/&lt;app id&gt;/) and open it.</Text>}
      <Busy active={loading} text="Reading the app's operations…">
        {metadata && (
          <div className="ad-master-detail tx-layout">
            <section className="ad-card tx-operations">
              <Title level="H5">{`Operations of ${appId}`}</Title>
              <List
                accessibleName="Operations"
                selectionMode="Single"
                onSelectionChange={(e) => {
                  const name = e.detail.selectedItems[0]?.dataset.name;
                  if (name) choose(name);
                }}
                data-testid="tx-operations"
              >
                {recorded.map((o) => (
                  <ListItemStandard
                    key={o.name}
                    data-name={o.name}
                    selected={o.name === operationName}
                    icon={o.kind === 'function' ? 'display' : 'edit'}
                    description={`${o.kind === 'function' ? 'Function' : 'Action'} · ${o.parameters.length} ${o.parameters.length === 1 ? 'parameter' : 'parameters'}`}
                    additionalText={o.problem ? 'Cannot run' : undefined}
                    additionalTextState={o.problem ? 'Negative' : 'None'}
                    data-testid={`tx-op-${o.name}`}
                  >
                    {o.name}
                  </ListItemStandard>
                ))}
              </List>
              {recorded.length === 0 && <Text className="ad-muted">The app has no recorded sequences.</Text>}
            </section>
            <div className="tx-detail">
              {operation ? (
                <TabContainer
                  className="ad-tabs"
                  onTabSelect={(e) => setTab(e.detail.tab.dataset.tab === 'mass' ? 'mass' : 'run')}
                  data-testid="tx-tabs"
                >
                  <Tab text="Run" data-tab="run" selected={tab === 'run'} data-testid="tx-tab-run">
                    {(
                      <RunPanel
                        key={operation.name}
                        profileId={profileId}
                        appId={appId!}
                        operation={operation}
                        operations={metadata.operations}
                        inputs={inputs[operationKey(profileId, appId!, operation.name)] ?? {}}
                        onInputs={(values) => setOperationInputs(operation.name, values)}
                        onFollow={(name, values) => {
                          setOperationInputs(name, values);
                          choose(name);
                          setTab('run');
                        }}
                        onCalled={() => setLogVersion((v) => v + 1)}
                      />
                    )}
                  </Tab>
                  <Tab text="Mass run" data-tab="mass" selected={tab === 'mass'} data-testid="tx-tab-mass">
                    {<MassRunPanel key={operation.name} profileId={profileId} appId={appId!} operation={operation} openJob={params.massRun ?? null} />}
                  </Tab>
                </TabContainer>
              ) : (
                <Text className="ad-muted">Choose an operation.</Text>
              )}
            </div>
          </div>
        )}
      </Busy>
      {logOpen && <CallLogDialog profileId={profileId} version={logVersion} onClose={() => setLogOpen(false)} />}
    </div>
  );
}
