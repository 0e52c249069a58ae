import {
  Bar,
  Button,
  CheckBox,
  Label,
  List,
  ListItemStandard,
  MessageStrip,
  Option,
  Select,
  Tag,
  Title,
} from '@ui5/webcomponents-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { profiles, type AppError, type AuthMethod, type KeyringStatus, type ProfileView, type ProxySettings, type ServiceKind } from '../../api';
import { useNavigation } from '../../app/navigation';
import { setUnsavedWork } from '../../app/unsavedWork';
import { securityWarning } from '../../app/security';
import { ShortcutKey } from '../../app/shortcuts';
import { TryTheSandbox } from './TryTheSandbox';
import { useSystems } from '../../app/SystemContext';
import { Busy, chooseOpenFiles, chooseSaveFile, ConfirmDialog, ErrorPanel, TextField, type NextStep } from '../../components';
import { ServiceKeyDialog } from './ServiceKeyDialog';
import {
  AUTH_LABELS,
  AUTH_METHODS,
  draftFromForm,
  errorsByField,
  formFromServiceKey,
  formFromView,
  hasSapClient,
  hasUnsavedChanges,
  isDirty,
  localErrors,
  newForm,
  withServiceKind,
  type SystemForm,
} from './draft';
import './systems.css';

/** The field an error's next step points at. */
const FIELD_FOR_STEP: Record<NextStep, string> = {
  check_password: 'system-password',
  trust_certificate: 'system-ca-file',
  check_proxy: 'system-proxy',
  edit_system: 'system-url',
  open_keyring: 'system-password',
  retry: 'system-url',
};

function focusField(testId: string) {
  const field = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  field?.focus();
}

type BusyAction = null | 'saving' | 'testing' | 'deleting' | 'importing' | 'resetting' | 'exporting' | 'disconnecting';

export default function SystemsPage() {
  const { systems, loading, loadError, reload, active, select, connection, testActive, disconnect } = useSystems();
  const { params } = useNavigation();
  const [selectedId, setSelectedId] = useState<string | null>(params.editSystem ?? active?.profile.id ?? null);
  const [form, setForm] = useState<SystemForm | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<BusyAction>(null);
  const [confirm, setConfirm] = useState<null | 'delete' | 'reset' | 'reset-data'>(null);
  const [pasteKey, setPasteKey] = useState(false);
  const [keyring, setKeyring] = useState<KeyringStatus | null>(null);
  // What the user asked for that would drop the unsaved form, waiting for "Discard".
  const [pendingLeave, setPendingLeave] = useState<{ run: () => void } | null>(null);
  // Bumped when the user keeps the form after clicking another system, so that the list shows
  // the form's system as selected again (UI5 selected the clicked item on its own).
  const [listVersion, setListVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void profiles.keyringStatus().then((r) => {
      if (!cancelled && r.status === 'ok') setKeyring(r.data);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  const sessionOnlySecrets = keyring !== null && !keyring.available;

  const saved = useMemo(() => systems.find((s) => s.profile.id === form?.id) ?? null, [systems, form?.id]);
  // The form as last rendered, for the effect below that opens a system another area asked for.
  const formRef = useRef(form);
  const savedRef = useRef(saved);
  useEffect(() => {
    formRef.current = form;
    savedRef.current = saved;
  });

  // Another area asked to open a system (e.g. "Open system settings" on an error).
  const appliedEdit = useRef<string | null>(null);
  useEffect(() => {
    const id = params.editSystem;
    const view = id ? systems.find((s) => s.profile.id === id) : undefined;
    if (view && appliedEdit.current !== params.editSystem) {
      appliedEdit.current = view.profile.id;
      // Unsaved edits of this very system stay; another system's or a new one's are asked about.
      if (formRef.current?.id === view.profile.id) return;
      const open = () => {
        setSelectedId(view.profile.id);
        setForm(formFromView(view));
      };
      if (formRef.current && hasUnsavedChanges(formRef.current, savedRef.current)) setPendingLeave({ run: open });
      else open();
    }
  }, [params.editSystem, systems]);


  // What would be lost if the form went now (null: nothing). The shell asks about it before the
  // window closes; no cleanup, so that it still counts while the area is hidden.
  const unsaved =
    form && hasUnsavedChanges(form, saved)
      ? form.id
        ? `The changes to “${form.settings.display_name || 'this system'}”`
        : `The new system “${form.settings.display_name || 'without a name'}”`
      : null;
  useEffect(() => setUnsavedWork('systems', unsaved ? { area: 'systems', what: unsaved } : null), [unsaved]);

  /** Runs `next` (which replaces the form) at once, or after the user agrees to drop unsaved changes. */
  const leaveForm = (next: () => void) => {
    if (form && hasUnsavedChanges(form, saved)) setPendingLeave({ run: next });
    else next();
  };

  // Open the selected system in the editor (keeps unsaved new forms alone).
  useEffect(() => {
    if (form && form.id === null) return;
    const view = systems.find((s) => s.profile.id === selectedId) ?? systems[0];
    if (view && view.profile.id !== form?.id) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setForm(formFromView(view));
      setFieldErrors({});
    }
  }, [systems, selectedId, form]);

  const openSystem = (view: ProfileView) => {
    setSelectedId(view.profile.id);
    setForm(formFromView(view));
    setFieldErrors({});
    setError(null);
    setNotice(null);
  };

  const edit = (change: (f: SystemForm) => void) => {
    setForm((current) => {
      if (!current) return current;
      const next = structuredClone(current);
      change(next);
      return next;
    });
  };

  const save = async (): Promise<ProfileView | null> => {
    if (!form) return null;
    setError(null);
    setNotice(null);
    const local = localErrors(form);
    if (local.length) {
      setFieldErrors(errorsByField(local));
      return null;
    }
    setBusy('saving');
    const draft = draftFromForm(form);
    const result = form.id ? await profiles.update(form.id, draft) : await profiles.create(draft);
    setBusy(null);
    if (result.status === 'error') {
      // The form keeps everything the user typed; errors go onto the fields.
      if (result.error.kind === 'validation') setFieldErrors(errorsByField(result.error.fields));
      else setError(result.error);
      return null;
    }
    setFieldErrors({});
    setForm(formFromView(result.data));
    setSelectedId(result.data.profile.id);
    setNotice(`“${result.data.profile.settings.display_name}” saved.`);
    await reload();
    return result.data;
  };

  const saveAndTest = async () => {
    if (!form) return;
    const view = form.id && !isDirty(form, saved) ? saved : await save();
    if (!view) return;
    setBusy('testing');
    if (active?.profile.id !== view.profile.id) select(view.profile.id);
    else await testActive();
    setBusy(null);
  };

  const remove = async () => {
    setConfirm(null);
    if (!form?.id) return;
    setBusy('deleting');
    const result = await profiles.remove(form.id);
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    setNotice(`“${form.settings.display_name}” deleted.`);
    setForm(null);
    setSelectedId(null);
    await reload();
  };

  const resetSandbox = async () => {
    setConfirm(null);
    setBusy('resetting');
    const result = await profiles.resetSandboxProfile();
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    setForm(formFromView(result.data));
    setNotice('The sandbox system’s settings were restored.');
    await reload();
  };

  const resetSandboxData = async () => {
    setConfirm(null);
    setError(null);
    setBusy('resetting');
    const result = await profiles.resetSandboxData();
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    setNotice('The sandbox’s demo data is back as shipped: repositories, transports, objects and work items.');
  };

  const exportSystems = async () => {
    setError(null);
    setNotice(null);
    const chosen = await chooseSaveFile('Export systems', 'agent-desk-systems.json', { name: 'JSON', extensions: ['json'] });
    if (chosen === null) return;
    if ('error' in chosen) return setError(chosen.error);
    setBusy('exporting');
    const result = await profiles.exportAll(chosen.file.handle);
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    setNotice(`${systems.length} system(s) exported to ${chosen.file.path}, without passwords or tokens.`);
  };

  const disconnectSystem = async () => {
    if (!form?.id) return;
    setError(null);
    setNotice(null);
    setBusy('disconnecting');
    const result = await disconnect(form.id);
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    setNotice(
      result.data
        ? `Logged off from “${form.settings.display_name}”: the next call logs on again.`
        : `“${form.settings.display_name}” had no open session.`,
    );
  };

  const duplicate = async () => {
    if (!form?.id) return;
    setError(null);
    setBusy('saving');
    const result = await profiles.duplicate(form.id);
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    await reload();
    openSystem(result.data);
    setNotice(`Copy “${result.data.profile.settings.display_name}” created. It uses the same passwords.`);
  };

  const importAgentFile = async () => {
    setError(null);
    const chosen = await chooseOpenFiles('Import an .abapGitAgent file');
    if ('error' in chosen) return setError(chosen.error);
    const [file] = chosen.files;
    if (!file) return;
    setBusy('importing');
    const result = await profiles.importAgentFile(file.handle);
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    await reload();
    openSystem(result.data);
    setNotice(`“${result.data.profile.settings.display_name}” was created from the file. Check its settings, then test the connection.`);
  };

  /** Opens a new Cloud Integration form filled from a service key (its secret stays in the app). */
  const fillFromServiceKey = (settings: ProfileView['profile']['settings'], handle: string) => {
    setForm(formFromServiceKey(settings, handle));
    setFieldErrors({});
    setError(null);
    setNotice('The form was filled from the service key. Check the name, then save and test.');
  };

  const openServiceKeyFile = async () => {
    setError(null);
    const chosen = await chooseOpenFiles('Open a service key (JSON)', { filters: [{ name: 'Service key', extensions: ['json', 'txt'] }] });
    if ('error' in chosen) return setError(chosen.error);
    const [file] = chosen.files;
    if (!file) return;
    setBusy('importing');
    const result = await profiles.draftFromServiceKeyFile(file.handle);
    setBusy(null);
    if (result.status === 'error') return setError(result.error);
    fillFromServiceKey(result.data.settings, result.data.client_secret_handle);
  };

  const chooseCaFile = async () => {
    const chosen = await chooseOpenFiles('Choose a CA certificate file (PEM)', {
      filters: [{ name: 'Certificates', extensions: ['pem', 'crt', 'cer'] }],
    });
    if ('error' in chosen) return setError(chosen.error);
    const [file] = chosen.files;
    // The app accepts a CA file only from its own dialog: the path is shown, not typed.
    if (file) edit((f) => (f.settings.tls.extra_ca_file = file.path));
  };

  const isActive = form?.id != null && form.id === active?.profile.id;

  return (
    <div className="ad-page" data-testid="systems-page">
      <div className="ad-page-header">
        <Title level="H2">Systems</Title>
        <Button
          icon="add"
          design="Emphasized"
          onClick={() =>
            leaveForm(() => {
              setForm(newForm());
              setFieldErrors({});
              setNotice(null);
              setError(null);
            })
          }
          data-testid="system-new"
        >
          New system
        </Button>
        <Button icon="open-folder" onClick={() => leaveForm(() => void importAgentFile())} disabled={busy !== null} data-testid="system-import-file">
          Import .abapGitAgent file
        </Button>
        <Button icon="paste" onClick={() => leaveForm(() => setPasteKey(true))} disabled={busy !== null} tooltip="Fill a Cloud Integration system from a BTP service key (plan api)" data-testid="system-paste-service-key">
          Paste service key
        </Button>
        <Button icon="open-folder" onClick={() => leaveForm(() => void openServiceKeyFile())} disabled={busy !== null} tooltip="Fill a Cloud Integration system from a service key file" data-testid="system-open-service-key">
          Open service key file
        </Button>
        <Button icon="download" onClick={exportSystems} disabled={busy !== null || systems.length === 0} tooltip="Saves every system's settings as JSON, without passwords or tokens" data-testid="systems-export">
          Export systems
        </Button>
      </div>
      <TryTheSandbox />
      {loadError && <ErrorPanel error={loadError} onRetry={reload} />}
      {sessionOnlySecrets && (
        <MessageStrip design="Critical" hideCloseButton data-testid="keyring-unavailable">
          {`The OS password store (keyring) is not available${keyring?.message ? ` (${keyring.message})` : ''}: passwords and tokens are kept only until Agent Desk closes.`}
        </MessageStrip>
      )}
      {notice && (
        <MessageStrip design="Positive" onClose={() => setNotice(null)} data-testid="systems-notice">
          {notice}
        </MessageStrip>
      )}
      {error && <ErrorPanel error={error} onDismiss={() => setError(null)} />}
      <div className="ad-master-detail">
        <Busy active={loading} text="Loading systems…">
          <List
            key={listVersion}
            headerText="Saved systems"
            accessibleName="Saved systems"
            selectionMode="Single"
            noDataText="No systems yet"
            onItemClick={(e) => {
              const id = (e.detail.item as HTMLElement).dataset.systemId;
              const view = systems.find((s) => s.profile.id === id);
              if (view && view.profile.id !== form?.id) leaveForm(() => openSystem(view));
            }}
            data-testid="system-list"
          >
            {systems.map((s) => (
              <ListItemStandard
                key={s.profile.id}
                data-system-id={s.profile.id}
                data-system-name={s.profile.settings.display_name}
                data-testid="system-item"
                icon="it-host"
                text={s.profile.settings.display_name}
                description={s.profile.is_demo ? 'Built-in SAP simulator' : s.profile.settings.base_url}
                additionalText={
                  s.profile.is_demo
                    ? 'Demo'
                    : securityWarning(s)?.label ?? (s.read_only_reason ? 'Read-only' : s.profile.id === active?.profile.id ? 'Active' : undefined)
                }
                additionalTextState={s.profile.is_demo || (!securityWarning(s) && s.read_only_reason) ? 'Information' : securityWarning(s) ? 'Critical' : 'Positive'}
                selected={s.profile.id === form?.id}
              />
            ))}
          </List>
        </Busy>
        {form ? <ShortcutKey shortcut="Ctrl+S" onPress={() => void save()} disabled={busy !== null} /> : null}
        {form ? (
          <Busy active={busy === 'saving' || busy === 'deleting' || busy === 'importing'} text="Working…">
            <form
              className="ad-card"
              aria-label={form.id ? `Settings of ${form.settings.display_name}` : 'New system'}
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
              data-testid="system-form"
            >
              <div className="ad-page-header">
                <Title level="H3">{form.id ? form.settings.display_name || 'System' : 'New system'}</Title>
                {form.isDemo && <Tag design="Set2" colorScheme="6">Demo sandbox</Tag>}
                {form.settings.auth === 'api_key' && (
                  <Tag design="Information" data-testid="system-read-only">
                    Read-only
                  </Tag>
                )}
                {form.settings.tls.insecure && <Tag design="Critical">Insecure TLS</Tag>}
                {form.settings.tls.allow_plain_http && form.settings.base_url.trim().toLowerCase().startsWith('http://') && (
                  <Tag design="Critical">Unencrypted HTTP</Tag>
                )}
                {isActive && <Tag design={connection.status === 'connected' ? 'Positive' : connection.status === 'failed' ? 'Negative' : 'Neutral'}>
                  {connection.status === 'connected' ? 'Connected' : connection.status === 'failed' ? 'Connection failed' : connection.status === 'connecting' ? 'Connecting…' : 'Not tested'}
                </Tag>}
              </div>
              {form.isDemo && (
                <MessageStrip design="Information" hideCloseButton>
                  The sandbox is a simulated SAP system inside Agent Desk. Try anything here: nothing reaches a real system.
                </MessageStrip>
              )}
              {form.settings.auth === 'api_key' && (
                <MessageStrip design="Information" hideCloseButton data-testid="system-read-only-reason">
                  {saved?.read_only_reason ??
                    'Connected with an API key (SAP API Business Hub sandbox), which only allows reading: changes are switched off.'}
                </MessageStrip>
              )}
              {isActive && connection.status === 'failed' && (
                <ErrorPanel
                  error={connection.error}
                  onRetry={() => void testActive()}
                  onEditSystem={(step) => focusField(FIELD_FOR_STEP[step])}
                  data-testid="connection-error"
                />
              )}
              <fieldset className="ad-fieldset">
                <legend>Connection</legend>
                <div className="ad-form-grid">
                  <TextField label="Name" required value={form.settings.display_name} error={fieldErrors.display_name} onChange={(v) => edit((f) => (f.settings.display_name = v))} data-testid="system-name" />
                  <div className="ad-field">
                    <Label showColon>Service</Label>
                    <Select
                      accessibleName="Service"
                      value={form.settings.service_kind}
                      disabled={form.isDemo}
                      onChange={(e) => {
                        const kind = (e.detail.selectedOption as HTMLElement).dataset.value as ServiceKind;
                        edit((f) => (f.settings = withServiceKind(f.settings, kind)));
                      }}
                      data-testid="system-kind"
                    >
                      <Option value="abapgit_agent" data-value="abapgit_agent">abapGit Agent</Option>
                      <Option value="focused_build" data-value="focused_build">Focused Build</Option>
                      <Option value="cloud_integration" data-value="cloud_integration">Cloud Integration</Option>
                      <Option value="transaction_bridge" data-value="transaction_bridge">Transaction bridge</Option>
                    </Select>
                  </div>
                  <TextField
                    label="URL"
                    required
                    type="URL"
                    value={form.settings.base_url}
                    readonly={form.isDemo}
                    error={fieldErrors.base_url}
                    placeholder={URL_PLACEHOLDER[form.settings.service_kind]}
                    hint={form.isDemo ? 'Set by Agent Desk' : URL_HINT[form.settings.service_kind]}
                    onChange={(v) => edit((f) => (f.settings.base_url = v))}
                    data-testid="system-url"
                  />
                  {hasSapClient(form.settings.service_kind) && (
                    <>
                      <TextField label="Client" value={form.settings.client} error={fieldErrors.client} placeholder="100" onChange={(v) => edit((f) => (f.settings.client = v))} data-testid="system-client" />
                      <TextField label="Language" value={form.settings.language} error={fieldErrors.language} placeholder="EN" onChange={(v) => edit((f) => (f.settings.language = v))} />
                    </>
                  )}
                  {form.settings.service_kind === 'transaction_bridge' && (
                    <AppIdList
                      ids={form.settings.app_ids ?? []}
                      error={fieldErrors.app_ids}
                      onChange={(ids) => edit((f) => (f.settings.app_ids = ids))}
                    />
                  )}
                </div>
              </fieldset>
              <fieldset className="ad-fieldset">
                <legend>Logon</legend>
                <div className="ad-form-grid">
                  {AUTH_METHODS[form.settings.service_kind].length > 1 && (
                    <div className="ad-field">
                      <Label showColon>Sign in with</Label>
                      <Select
                        accessibleName="Sign in with"
                        value={form.settings.auth}
                        onChange={(e) => {
                          const method = (e.detail.selectedOption as HTMLElement).dataset.value as AuthMethod;
                          edit((f) => (f.settings.auth = method));
                        }}
                        data-testid="system-auth"
                      >
                        {AUTH_METHODS[form.settings.service_kind].map((method) => (
                          <Option key={method} value={method} data-value={method}>
                            {AUTH_LABELS[method]}
                          </Option>
                        ))}
                      </Select>
                      {fieldErrors.auth && <small className="ad-field-error">{fieldErrors.auth}</small>}
                    </div>
                  )}
                  {form.settings.auth === 'basic' && (
                    <>
                      <TextField
                        label="User"
                        required
                        value={form.settings.user}
                        error={fieldErrors.user}
                        hint={form.settings.service_kind === 'cloud_integration' ? 'A user, or the service key’s client id' : undefined}
                        onChange={(v) => edit((f) => (f.settings.user = v))}
                        data-testid="system-user"
                      />
                      <SecretField
                        label="Password"
                        isSet={form.passwordSet}
                        value={form.password}
                        clear={form.clearPassword}
                        error={fieldErrors.password}
                        onChange={(v) => edit((f) => (f.password = v))}
                        onClear={(c) => edit((f) => (f.clearPassword = c))}
                        testId="system-password"
                        sessionOnly={sessionOnlySecrets}
                      />
                    </>
                  )}
                  {form.settings.auth === 'oauth_client_credentials' && (
                    <>
                      <TextField
                        label="Token URL"
                        required
                        type="URL"
                        value={form.settings.oauth?.token_url ?? ''}
                        error={fieldErrors['oauth.token_url']}
                        placeholder="https://<subdomain>.authentication.<region>.hana.ondemand.com/oauth/token"
                        hint="The service key’s tokenurl"
                        onChange={(v) => edit((f) => (f.settings.oauth = { token_url: v, client_id: f.settings.oauth?.client_id ?? '' }))}
                        data-testid="system-token-url"
                      />
                      <TextField
                        label="Client id"
                        required
                        value={form.settings.oauth?.client_id ?? ''}
                        error={fieldErrors['oauth.client_id']}
                        hint="The service key’s clientid"
                        onChange={(v) => edit((f) => (f.settings.oauth = { token_url: f.settings.oauth?.token_url ?? '', client_id: v }))}
                        data-testid="system-client-id"
                      />
                      <SecretField
                        label="Client secret"
                        isSet={form.clientSecretSet || form.importedSecretHandle !== null}
                        value={form.clientSecret}
                        clear={form.clearClientSecret}
                        error={fieldErrors.client_secret}
                        onChange={(v) => edit((f) => (f.clientSecret = v))}
                        onClear={(c) => edit((f) => (f.clearClientSecret = c))}
                        testId="system-client-secret"
                        sessionOnly={sessionOnlySecrets}
                        pendingLabel={form.importedSecretHandle !== null && !form.clientSecretSet ? 'From the service key' : undefined}
                      />
                    </>
                  )}
                  {form.settings.auth === 'api_key' && (
                    <SecretField
                      label="API key"
                      isSet={form.apiKeySet}
                      value={form.apiKey}
                      clear={form.clearApiKey}
                      error={fieldErrors.api_key}
                      onChange={(v) => edit((f) => (f.apiKey = v))}
                      onClear={(c) => edit((f) => (f.clearApiKey = c))}
                      testId="system-api-key"
                      sessionOnly={sessionOnlySecrets}
                    />
                  )}
                  {form.settings.service_kind === 'abapgit_agent' && (
                    <>
                      <TextField label="Git user" value={form.settings.git_username} error={fieldErrors.git_username} hint="Sent with pull, create and import" onChange={(v) => edit((f) => (f.settings.git_username = v))} />
                      <SecretField
                        label="Git token"
                        isSet={form.gitTokenSet}
                        value={form.gitToken}
                        clear={form.clearGitToken}
                        error={fieldErrors.git_token}
                        onChange={(v) => edit((f) => (f.gitToken = v))}
                        onClear={(c) => edit((f) => (f.clearGitToken = c))}
                        testId="system-git-token"
                        sessionOnly={sessionOnlySecrets}
                      />
                    </>
                  )}
                </div>
              </fieldset>
              <fieldset className="ad-fieldset">
                <legend>Security and network</legend>
                <div className="ad-form-grid">
                  <div className="ad-field">
                    <TextField
                      label="Company CA certificate file"
                      data-testid="system-ca-file"
                      value={form.settings.tls.extra_ca_file ?? ''}
                      error={fieldErrors['tls.extra_ca_file']}
                      placeholder="Only needed for a company CA"
                      readonly
                      onChange={() => undefined}
                    />
                    <div className="ad-start">
                      <Button icon="open-folder" design="Transparent" onClick={chooseCaFile} data-testid="system-ca-choose">Choose file…</Button>
                      {form.settings.tls.extra_ca_file && (
                        <Button icon="decline" design="Transparent" onClick={() => edit((f) => (f.settings.tls.extra_ca_file = null))} data-testid="system-ca-clear">
                          Remove
                        </Button>
                      )}
                    </div>
                  </div>
                  <div className="ad-field">
                    <Label showColon>Certificate check</Label>
                    <CheckBox
                      text="Accept any certificate (insecure)"
                      checked={form.settings.tls.insecure}
                      valueState={form.settings.tls.insecure ? 'Critical' : 'None'}
                      onChange={(e) => {
                        const checked = e.target.checked;
                        edit((f) => (f.settings.tls.insecure = checked));
                      }}
                      data-testid="system-insecure"
                    />
                    {form.settings.tls.insecure && <small className="ad-warning-text">Anyone on the network could read this system’s password. Prefer a CA file.</small>}
                  </div>
                  {form.settings.base_url.trim().toLowerCase().startsWith('http://') && (
                    <div className="ad-field">
                      <Label showColon>Unencrypted HTTP</Label>
                      <CheckBox
                        text="Allow http:// to another computer (insecure)"
                        checked={form.settings.tls.allow_plain_http}
                        valueState={form.settings.tls.allow_plain_http ? 'Critical' : 'None'}
                        onChange={(e) => {
                          const checked = e.target.checked;
                          edit((f) => (f.settings.tls.allow_plain_http = checked));
                        }}
                        data-testid="system-allow-http"
                      />
                      <small className="ad-warning-text">
                        With http:// every request, password included, crosses the network unencrypted. Use https:// unless the system offers nothing else.
                      </small>
                    </div>
                  )}
                  <div className="ad-field">
                    <Label showColon>Proxy</Label>
                    <Select
                      accessibleName="Proxy"
                      data-testid="system-proxy"
                      value={form.settings.proxy.mode}
                      onChange={(e) => {
                        const mode = (e.detail.selectedOption as HTMLElement).dataset.value as ProxySettings['mode'];
                        edit((f) => (f.settings.proxy = mode === 'manual' ? { mode, url: '', bypass: [] } : { mode }));
                      }}
                    >
                      <Option value="system" data-value="system">System settings</Option>
                      <Option value="none" data-value="none">No proxy</Option>
                      <Option value="manual" data-value="manual">Manual proxy</Option>
                    </Select>
                  </div>
                  {form.settings.proxy.mode === 'manual' && (
                    <>
                      <TextField label="Proxy URL" required value={form.settings.proxy.url} error={fieldErrors['proxy.url']} placeholder="http://proxy:8080" onChange={(v) => edit((f) => { if (f.settings.proxy.mode === 'manual') f.settings.proxy.url = v; })} />
                      <TextField label="No proxy for" value={form.settings.proxy.bypass.join(', ')} hint="Host names or suffixes, separated by commas" onChange={(v) => edit((f) => { if (f.settings.proxy.mode === 'manual') f.settings.proxy.bypass = v.split(',').map((x) => x.trim()).filter(Boolean); })} />
                    </>
                  )}
                  <TextField label="Connect timeout (s)" type="Number" value={String(form.settings.timeouts.connect_seconds)} error={fieldErrors['timeouts.connect_seconds']} onChange={(v) => edit((f) => (f.settings.timeouts.connect_seconds = Number(v) || 0))} />
                  <TextField label="Request timeout (s)" type="Number" value={String(form.settings.timeouts.request_seconds)} error={fieldErrors['timeouts.request_seconds']} hint="Long pulls and test runs may need more" onChange={(v) => edit((f) => (f.settings.timeouts.request_seconds = Number(v) || 0))} />
                </div>
              </fieldset>
              <Bar
                design="FloatingFooter"
                endContent={
                  <>
                    <Button design="Emphasized" icon="save" onClick={() => void save()} disabled={busy !== null} tooltip="Save (Ctrl+S)" data-testid="system-save">
                      Save
                    </Button>
                    <Button icon="connected" onClick={() => void saveAndTest()} disabled={busy !== null || connection.status === 'connecting'} data-testid="system-test">
                      {form.id && !isDirty(form, saved) ? 'Test connection' : 'Save and test'}
                    </Button>
                    {form.id && (
                      <Button icon="duplicate" onClick={() => leaveForm(() => void duplicate())} disabled={busy !== null} data-testid="system-duplicate">
                        Duplicate
                      </Button>
                    )}
                    {form.id && (
                      <Button icon="disconnected" onClick={() => void disconnectSystem()} disabled={busy !== null} tooltip="Log off: forget the session and its cookies; the next call logs on again" data-testid="system-disconnect">
                        Disconnect
                      </Button>
                    )}
                    {form.isDemo && (
                      <Button icon="refresh" onClick={() => setConfirm('reset')} disabled={busy !== null} data-testid="system-reset-sandbox">
                        Restore sandbox settings
                      </Button>
                    )}
                    {form.isDemo && (
                      <Button design="Attention" icon="reset" onClick={() => setConfirm('reset-data')} disabled={busy !== null} data-testid="system-reset-data">
                        Reset demo data
                      </Button>
                    )}
                    {form.id && !form.isDemo && (
                      <Button design="Negative" icon="delete" onClick={() => setConfirm('delete')} disabled={busy !== null} data-testid="system-delete">
                        Delete
                      </Button>
                    )}
                    {!form.id && (
                      <Button design="Transparent" onClick={() => { setForm(null); setFieldErrors({}); }}>
                        Cancel
                      </Button>
                    )}
                  </>
                }
              />
            </form>
          </Busy>
        ) : (
          <div className="ad-card ad-muted">Select a system or create a new one.</div>
        )}
      </div>
      <ServiceKeyDialog
        open={pasteKey}
        onCancel={() => setPasteKey(false)}
        onFilled={(draft) => {
          setPasteKey(false);
          fillFromServiceKey(draft.settings, draft.client_secret_handle);
        }}
      />
      <ConfirmDialog
        open={pendingLeave !== null}
        title="Discard unsaved changes?"
        message={`${unsaved ?? 'The form'} ${unsaved?.startsWith('The changes') ? 'are' : 'is'} not saved. Discard, or cancel and save first.`}
        confirmText="Discard"
        onConfirm={() => {
          pendingLeave?.run();
          setPendingLeave(null);
        }}
        onCancel={() => {
          setPendingLeave(null);
          setListVersion((v) => v + 1);
        }}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        title="Delete system?"
        message={`“${form?.settings.display_name ?? ''}” and its stored password and git token will be removed from this computer. The SAP system itself is not changed.`}
        confirmText="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === 'reset'}
        title="Restore the sandbox system?"
        message="The Sandbox entry gets its original settings back (name, user, password). Your other systems are not touched."
        confirmText="Restore"
        onConfirm={() => void resetSandbox()}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === 'reset-data'}
        title="Reset the sandbox’s demo data?"
        message="Everything you changed in the sandbox (repositories, pulled objects, transports, work items, comments) is replaced by the data it shipped with. Your systems’ settings are not touched."
        confirmText="Reset demo data"
        destructive
        onConfirm={() => void resetSandboxData()}
        onCancel={() => setConfirm(null)}
      />
    </div>
  );
}

interface SecretFieldProps {
  label: string;
  isSet: boolean;
  value: string;
  clear: boolean;
  error?: string;
  onChange: (value: string) => void;
  onClear: (clear: boolean) => void;
  testId: string;
  /** The keyring is unavailable: a stored secret lives only for this session. */
  sessionOnly: boolean;
  /** A secret the app holds for this form (read from a service key), not stored yet. */
  pendingLabel?: string;
}

/** A secret is never shown: the field says whether one is stored, and typing replaces it. */
function SecretField({ label, isSet, value, clear, error, onChange, onClear, testId, sessionOnly, pendingLabel }: SecretFieldProps) {
  const where = sessionOnly ? 'for this session' : 'in the OS keyring';
  if (pendingLabel && !value) {
    return (
      <div className="ad-field">
        <TextField label={label} type="Password" value="" error={error} placeholder={`${pendingLabel} (type to replace)`} onChange={onChange} data-testid={testId} />
        <div className="ad-actions">
          <Tag design="Information" data-testid={`${testId}-state`}>
            {pendingLabel}
          </Tag>
        </div>
      </div>
    );
  }
  return (
    <div className="ad-field">
      <TextField
        label={label}
        type="Password"
        value={value}
        error={error}
        placeholder={isSet && !clear ? `Stored ${where} (type to replace)` : 'Not set'}
        onChange={onChange}
        data-testid={testId}
      />
      <div className="ad-actions">
        <Tag design={isSet && !clear ? 'Positive' : 'Neutral'} data-testid={`${testId}-state`}>
          {value ? 'Will be replaced' : clear ? 'Will be removed' : isSet ? (sessionOnly ? 'Stored for this session' : 'Stored') : 'Not set'}
        </Tag>
        {isSet && !value && (
          <CheckBox text="Remove" checked={clear} onChange={(e) => onClear(e.target.checked)} accessibleName={`Remove the stored ${label.toLowerCase()}`} />
        )}
      </div>
    </div>
  );
}

const URL_PLACEHOLDER: Record<ServiceKind, string> = {
  abapgit_agent: 'https://host:44300',
  focused_build: 'https://host:44300',
  cloud_integration: 'https://<tenant>.it-cpi018.cfapps.eu10.hana.ondemand.com/api/v1',
  transaction_bridge: 'https://<host>',
};

const URL_HINT: Record<ServiceKind, string> = {
  abapgit_agent: 'System or full service URL',
  focused_build: 'System or full service URL',
  cloud_integration: 'The tenant’s API URL (…/api/v1)',
  transaction_bridge: 'The bridge host; apps are listed below',
};

interface AppIdListProps {
  ids: string[];
  error?: string;
  onChange: (ids: string[]) => void;
}

/** The apps of a transaction bridge host: one field per app id, added and removed in place. */
function AppIdList({ ids, error, onChange }: AppIdListProps) {
  const rows = ids.length ? ids : [''];
  return (
    <div className="ad-field" data-testid="system-app-ids">
      <Label showColon required>
        Apps
      </Label>
      {rows.map((id, index) => (
        <div className="ad-start" key={index}>
          <TextField
            label={`App id ${index + 1}`}
            value={id}
            placeholder="su01users"
            hint={index === 0 ? 'The part after /mtb-bridge/odata/app/ in the app’s URL' : undefined}
            onChange={(v) => onChange(rows.map((old, i) => (i === index ? v : old)))}
            data-testid="system-app-id"
          />
          {rows.length > 1 && (
            <Button
              icon="decline"
              design="Transparent"
              tooltip={`Remove ${id || 'this app'}`}
              accessibleName={`Remove app ${id || index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
              data-testid="system-app-id-remove"
            />
          )}
        </div>
      ))}
      {error && <small className="ad-field-error" data-testid="system-app-ids-error">{error}</small>}
      <div className="ad-start">
        <Button icon="add" design="Transparent" onClick={() => onChange([...rows, ''])} data-testid="system-app-id-add">
          Add app
        </Button>
      </div>
    </div>
  );
}
